import "~/i18n/auth-messages";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { throttledMessage } from "~/domain/login-throttle";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "~/domain/password-policy";
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
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (v.password !== v.confirm) {
      ctx.addIssue({
        code: "custom",
        path: ["confirm"],
        message: "The two passwords are not the same. Please type it again.",
      });
    } else if (v.password === v.current) {
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message: "That is your current password. Please choose a new one.",
      });
    }
  });

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
  const navigation = useNavigation();
  const { t, message } = useI18n();
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
        <Field id={fields.current.id} label={t("password.current")} errors={fields.current.errors}>
          {(ids) => (
            <input
              {...getInputProps(fields.current, { type: "password" })}
              {...ids}
              autoComplete="current-password"
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id={fields.password.id}
          label={t("password.new")}
          hint={t("password.newHint", { min: MIN_PASSWORD_LENGTH })}
          errors={fields.password.errors}
        >
          {(ids) => (
            <input
              {...getInputProps(fields.password, { type: "password" })}
              {...ids}
              autoComplete="new-password"
              className={inputClass}
            />
          )}
        </Field>
        <Field id={fields.confirm.id} label={t("password.newAgain")} errors={fields.confirm.errors}>
          {(ids) => (
            <input
              {...getInputProps(fields.confirm, { type: "password" })}
              {...ids}
              autoComplete="new-password"
              className={inputClass}
            />
          )}
        </Field>
        {form.errors?.length ? (
          <p id={form.errorId} role="alert" className="font-medium text-red-700">
            {form.errors.map(message).join(" ")}
          </p>
        ) : null}
        <button
          type="submit"
          className={`${buttonClass} w-full`}
          disabled={navigation.state !== "idle"}
        >
          {t("password.changeSubmit")}
        </button>
      </Form>
    </div>
  );
}
