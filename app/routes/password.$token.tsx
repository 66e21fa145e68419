import "~/i18n/auth-messages";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { buttonClass, FormErrors, inputClass } from "~/components/ui/field";
import { PasswordField, WideSubmitButton } from "~/components/sign-in-fields";
import { MIN_PASSWORD_LENGTH, newPasswordSchema } from "~/domain/password-policy";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import {
  checkPasswordLink,
  consumePasswordLink,
  linkProblemMessage,
} from "~/models/password-link.server";
import { endSessionsOf } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { readForm } from "~/utils/read-form.server";

// Opened from an invitation, a first-admin setup link or a reset mail. Anyone holding the link
// may use it once; no session is needed (the person has no password yet).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "password.setTitle");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// The token is in the address: never send it to another site, never keep it in a cache.
export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
});

export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkPasswordLink(await getDb(), params.token ?? "");
  if (!check.ok) {
    const { status, text } = linkProblemMessage(check.problem);
    return data({ ok: false as const, message: text }, { status });
  }
  return {
    ok: true as const,
    name: check.user.name,
    email: check.user.email,
    purpose: check.purpose,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema: newPasswordSchema });
  if (submission.status !== "success") {
    return data(
      { done: false as const, reply: submission.reply({ hideFields: ["password", "confirm"] }) },
      { status: 400 },
    );
  }
  const result = await consumePasswordLink(
    await getDb(),
    params.token ?? "",
    submission.value.password,
  );
  if (!result.ok) {
    const { status, text } = linkProblemMessage(result.problem);
    return data(
      {
        done: false as const,
        reply: submission.reply({ formErrors: [text], hideFields: ["password", "confirm"] }),
      },
      { status },
    );
  }
  // Whoever was signed in as this person (perhaps with the old password) is signed out.
  await endSessionsOf(result.user.id);
  return { done: true as const, reply: null };
}

export default function SetPassword() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, message } = useI18n();
  const [form, fields] = useForm({
    lastResult: result?.reply,
    shouldValidate: "onBlur",
    constraint: { password: { required: true, minLength: MIN_PASSWORD_LENGTH } },
  });

  if (!page.ok) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">{t("password.linkUnusableTitle")}</h1>
        <p role="alert" className="text-slate-800">
          {message(page.message)}
        </p>
        <Link to="/login" className="text-brand-700 underline">
          {t("password.toSignIn")}
        </Link>
      </div>
    );
  }
  if (result?.done) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">{t("password.setDoneTitle")}</h1>
        <p role="status">{t("password.setDoneText", { email: page.email })}</p>
        <Link to="/login" className={buttonClass}>
          {t("login.submit")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">
        {page.purpose === "RESET" ? t("password.resetTitle") : t("password.setTitle")}
      </h1>
      <p className="mt-2 text-slate-700">
        {t("password.setIntro", { name: page.name, min: MIN_PASSWORD_LENGTH })}
      </p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <div className="space-y-1">
          <label htmlFor="account-email" className="block font-medium">
            {t("password.workEmail")}
          </label>
          <input
            id="account-email"
            name="username"
            type="email"
            value={page.email}
            readOnly
            autoComplete="username"
            className={`${inputClass} bg-slate-100`}
          />
        </div>
        <PasswordField kind="new" field={fields.password} label={t("password.new")} required />
        <PasswordField kind="new" field={fields.confirm} label={t("password.newAgain")} required />
        <FormErrors id={form.errorId} errors={form.errors} />
        <WideSubmitButton>
          {navigation.state === "submitting" ? t("password.saving") : t("password.save")}
        </WideSubmitButton>
      </Form>
    </div>
  );
}
