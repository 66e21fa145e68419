import "~/i18n/auth-messages";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/ui/field";
import { PasswordField, WideSubmitButton } from "~/components/sign-in-fields";
import { throttledMessage } from "~/domain/login-throttle";
import { checkNewPassword, MIN_PASSWORD_LENGTH } from "~/domain/password-policy";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { recordSignInFailure, signInWaitMs } from "~/models/login-throttle.server";
import { changeOwnPassword, notFound, requireUser, verifyCredentials } from "~/utils/auth.server";
import { clientAddress } from "~/utils/client-address.server";
import { passwordSignInAllowed } from "~/utils/oidc.server";
import { readForm } from "~/utils/read-form.server";
import { redirectWithToast } from "~/utils/toast.server";

// Change password: the current one, then the new one twice. Every other session ends.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "password.changePageTitle");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

const schema = z
  .object({
    current: z.string({ required_error: "Please enter your current password." }).max(1000),
    password: z.string({ required_error: "Please choose a new password." }).max(1000),
    confirm: z.string({ required_error: "Please type the new password again." }).max(1000),
  })
  .superRefine(checkNewPassword);

const HIDE = ["current", "password", "confirm"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!passwordSignInAllowed(user.email)) throw notFound();
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!passwordSignInAllowed(user.email)) throw notFound();
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: HIDE }), { status: 400 });
  }
  // Guessing the current password from an unlocked session is slowed like signing in.
  const address = clientAddress(context);
  const waitMs = await signInWaitMs(user.email, address);
  if (waitMs > 0) {
    return data(submission.reply({ formErrors: [throttledMessage(waitMs)], hideFields: HIDE }), {
      status: 429,
      headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) },
    });
  }
  const checked = await verifyCredentials(user.email, submission.value.current);
  if (!checked || checked.id !== user.id) {
    await recordSignInFailure(user.email, address);
    return data(
      submission.reply({
        fieldErrors: { current: ["That is not your current password."] },
        hideFields: HIDE,
      }),
      { status: 400 },
    );
  }
  const cookie = await changeOwnPassword(user.id, submission.value.password);
  return redirectWithToast(
    "/account",
    { key: "toast.authPasswordChanged" },
    { headers: { "Set-Cookie": cookie } },
  );
}

export default function ChangePassword() {
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  // Checked on the server only: the common-password list stays out of the browser's bundle.
  const [form, fields] = useForm({ lastResult });
  return (
    <div className="mx-auto max-w-sm">
      <p>
        <Link to="/account" className="text-brand-700 underline">
          {t("account.title")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t("password.changeTitle")}</h1>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <PasswordField kind="current" field={fields.current} label={t("password.current")} />
        <PasswordField
          kind="new"
          field={fields.password}
          label={t("password.new")}
          hint={t("password.newHint", { min: MIN_PASSWORD_LENGTH })}
        />
        <PasswordField kind="new" field={fields.confirm} label={t("password.newAgain")} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <WideSubmitButton>{t("password.changeSubmit")}</WideSubmitButton>
      </Form>
    </div>
  );
}
