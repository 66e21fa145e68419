import "~/i18n/auth-messages";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { requestPasswordReset } from "~/models/password-reset.server";
import { getDb } from "~/utils/db.server";
import { passwordSignInAllowed } from "~/utils/oidc.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { readForm } from "~/utils/read-form.server";

// Asks for a reset link. The answer is the same whether or not the address has an account.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.pageTitle");

const schema = z.object({
  email: z
    .string({ required_error: "Please enter your work email." })
    .trim()
    .email("Please enter a valid email address.")
    .max(254),
});

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return data({ reply: submission.reply(), sent: false }, { status: 400 });
  }
  await requestPasswordReset(await getDb(), submission.value.email, {
    allowed: (email) => passwordSignInAllowed(email),
  });
  return { reply: submission.reply(), sent: true };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.reply,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("forgot.title")}</h1>
      <p className="mt-2 text-slate-700">{t("forgot.intro")}</p>
      {actionData?.sent ? (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          {t("forgot.sent")}
        </p>
      ) : null}
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <Field id={fields.email.id} label={t("login.email")} errors={fields.email.errors}>
          {(ids) => (
            <input
              {...getInputProps(fields.email, { type: "email" })}
              {...ids}
              autoComplete="username"
              className={inputClass}
            />
          )}
        </Field>
        <button
          type="submit"
          className={`${buttonClass} w-full`}
          disabled={navigation.state !== "idle"}
        >
          {t("forgot.submit")}
        </button>
      </Form>
      <p className="mt-4 text-center">
        <Link to="/login" className="text-brand-700 underline">
          {t("forgot.back")}
        </Link>
      </p>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
