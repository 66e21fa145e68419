import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { isPrivilegedRole } from "~/domain/two-factor";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "~/i18n/config";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { isEnrolled, unusedRecoveryCodeCount } from "~/models/two-factor.server";
import { setOwnLanguage } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { passwordSignInAllowed } from "~/utils/oidc.server";
import { readForm } from "~/utils/read-form.server";

// The signed-in person's own account: language, password and two-step sign-in. Every role
// has one.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

const languageSchema = z.object({
  language: z.enum(SUPPORTED_LANGUAGES, {
    errorMap: () => ({ message: "Please choose a language from the list." }),
  }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const enrolled = await isEnrolled(db, user.id);
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    language: user.language,
    enrolled,
    recoveryCodesLeft: enrolled ? await unusedRecoveryCodeCount(db, user.id) : 0,
    required: getEnv().TWO_FACTOR_REQUIRED === "true" && isPrivilegedRole(user.role),
    canUsePassword: passwordSignInAllowed(user.email),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: languageSchema });
  if (submission.status !== "success") {
    return data({ reply: submission.reply(), saved: false }, { status: 400 });
  }
  await setOwnLanguage(await getDb(), user.id, submission.value.language);
  // The root loader runs again after this action, so the page answers in the new language.
  return { reply: submission.reply(), saved: true };
}

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, language } = useI18n();
  const [form, fields] = useForm({
    lastResult: answer?.reply,
    defaultValue: { language },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: languageSchema }),
  });
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">{t("account.title")}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">{t("account.name")}</dt>
        <dd>{d.name}</dd>
        <dt className="text-slate-600">{t("login.email")}</dt>
        <dd className="break-all">{d.email}</dd>
        <dt className="text-slate-600">{t("account.role")}</dt>
        <dd>{vocabLabel(t, "role", d.role)}</dd>
      </dl>

      <section className="mt-8" aria-labelledby="language-heading">
        <h2 id="language-heading" className="text-lg font-semibold">
          {t("account.languageHeading")}
        </h2>
        <p className="mt-1 text-slate-700">{t("account.languageIntro")}</p>
        <Form method="post" className="mt-3 space-y-3" {...getFormProps(form)}>
          <Field
            id={fields.language.id}
            label={t("account.languageLabel")}
            errors={fields.language.errors}
          >
            {(ids) => (
              <select
                {...getSelectProps(fields.language)}
                {...ids}
                key={language}
                className={inputClass}
              >
                {SUPPORTED_LANGUAGES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className={buttonClass} disabled={navigation.state !== "idle"}>
            {t("account.languageSave")}
          </button>
          {answer?.saved ? (
            <p role="status" className="text-sm text-emerald-800">
              {t("account.languageSaved")}
            </p>
          ) : null}
        </Form>
      </section>

      {d.canUsePassword ? (
        <section className="mt-8" aria-labelledby="password-heading">
          <h2 id="password-heading" className="text-lg font-semibold">
            {t("login.password")}
          </h2>
          <p className="mt-1 text-slate-700">{t("account.passwordIntro")}</p>
          <p className="mt-3">
            <Link to="/account/password" className="text-brand-700 underline">
              {t("account.changePassword")}
            </Link>
          </p>
        </section>
      ) : null}

      <section className="mt-8" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading" className="text-lg font-semibold">
          {t("account.twoFactorHeading")}
        </h2>
        {d.enrolled ? (
          <p className="mt-1 text-slate-700">
            {t("account.twoFactorOn", { count: d.recoveryCodesLeft })}
          </p>
        ) : (
          <p className="mt-1 text-slate-700">
            {t("account.twoFactorOff")}{" "}
            {d.required ? t("account.twoFactorRequired") : t("account.twoFactorOptional")}
          </p>
        )}
        <p className="mt-3">
          <Link to="/account/two-factor" className="text-brand-700 underline">
            {d.enrolled ? t("account.newRecoveryCodes") : t("account.setUpTwoFactor")}
          </Link>
        </p>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
