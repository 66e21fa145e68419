import "~/i18n/auth-messages";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { WideSubmitButton, WorkEmailField } from "~/components/sign-in-fields";
import { workEmailSchema } from "~/domain/sign-in-form";
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
  email: workEmailSchema,
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
        <WorkEmailField field={fields.email} />
        <WideSubmitButton>{t("forgot.submit")}</WideSubmitButton>
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
