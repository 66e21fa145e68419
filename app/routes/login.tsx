import "~/i18n/auth-messages";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { z } from "zod";
import { PasswordField, WideSubmitButton, WorkEmailField } from "~/components/sign-in-fields";
import { buttonClass, FormErrors } from "~/components/ui/field";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { throttledMessage } from "~/domain/login-throttle";
import { safeRedirect } from "~/domain/safe-redirect";
import { workEmailSchema } from "~/domain/sign-in-form";
import {
  recordSignInFailure,
  recordSignInSuccess,
  signInWaitMs,
} from "~/models/login-throttle.server";
import { getOptionalUser, startSession, verifyCredentials } from "~/utils/auth.server";
import { clientAddress } from "~/utils/client-address.server";
import { oidcSettings, passwordSignInAllowed } from "~/utils/oidc.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { readForm } from "~/utils/read-form.server";
import { beginPendingSignIn, secondStepAfterPassword } from "~/utils/sign-in.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

const schema = z.object({
  email: workEmailSchema,
  password: z.string({ required_error: "Please enter your password." }).max(1000),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect("/");
  const sso = oidcSettings();
  const url = new URL(request.url);
  return {
    ssoLabel: sso ? sso.label : null,
    passwordOnlyBreakGlass: !passwordSignInAllowed(null),
    notice: noticeText(url.searchParams.get("notice")),
  };
}

// Keys in the language files.
const NOTICES: Record<string, string> = {
  "password-changed": "login.noticePasswordChanged",
  "code-expired": "login.noticeCodeExpired",
};

function noticeText(key: string | null): string | null {
  return key && Object.hasOwn(NOTICES, key) ? NOTICES[key] : null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const next = safeRedirect(redirectTo);
  if (!passwordSignInAllowed(email)) {
    return data(
      submission.reply({
        formErrors: [
          `Password sign-in is turned off here. Please use “Sign in with ${oidcSettings()?.label ?? "your company account"}”.`,
        ],
        hideFields: ["password"],
      }),
      { status: 403 },
    );
  }
  const address = clientAddress(context);
  const waitMs = await signInWaitMs(email, address);
  if (waitMs > 0) {
    // Checked before the password, so a guess made while waiting tells nothing.
    return data(
      submission.reply({ formErrors: [throttledMessage(waitMs)], hideFields: ["password"] }),
      { status: 429, headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) } },
    );
  }
  const user = await verifyCredentials(email, password);
  if (!user) {
    await recordSignInFailure(email, address);
    return data(
      submission.reply({
        formErrors: ["That email and password don't match. Please try again."],
        hideFields: ["password"],
      }),
      { status: 400 },
    );
  }
  const step = await secondStepAfterPassword(user);
  if (step === "none") {
    await recordSignInSuccess(email, address);
    return redirect(next, { headers: { "Set-Cookie": await startSession(user.id) } });
  }
  // The throttle is cleared only when the second step is passed too.
  const to = step === "verify" ? "/login/code" : "/login/two-factor-setup";
  return redirect(`${to}?redirectTo=${encodeURIComponent(next)}`, {
    headers: { "Set-Cookie": await beginPendingSignIn(user.id) },
  });
}

export default function Login() {
  const { ssoLabel, passwordOnlyBreakGlass, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("login.title")}</h1>
      <p className="mt-2 text-slate-700">{t("login.intro")}</p>
      {notice ? (
        <p role="status" className="mt-4 rounded-md bg-brand-50 p-3 text-slate-800">
          {t(notice)}
        </p>
      ) : null}
      {ssoLabel ? (
        <Form method="post" action="/login/sso" className="mt-6">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className={`${buttonClass} w-full`}>
            {t("login.signInWith", { label: ssoLabel })}
          </button>
        </Form>
      ) : null}
      {ssoLabel ? (
        <h2 className="mt-8 text-lg font-semibold">
          {passwordOnlyBreakGlass ? t("login.breakGlass") : t("login.orPassword")}
        </h2>
      ) : null}
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <WorkEmailField field={fields.email} />
        <PasswordField kind="current" field={fields.password} label={t("login.password")} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <WideSubmitButton>
          {navigation.state === "submitting" ? t("login.signingIn") : t("login.submit")}
        </WideSubmitButton>
      </Form>
      {passwordOnlyBreakGlass ? null : (
        <p className="mt-4 text-center">
          <Link to="/login/forgot" className="text-brand-700 underline">
            {t("forgot.title")}
          </Link>
        </p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
