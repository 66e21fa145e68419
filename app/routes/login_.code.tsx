import "~/i18n/auth-messages";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { InputField } from "~/components/ui/conform-fields";
import { WideSubmitButton } from "~/components/sign-in-fields";
import { safeRedirect } from "~/domain/safe-redirect";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { verifySecondFactor } from "~/models/two-factor.server";
import { clientAddress } from "~/utils/client-address.server";
import { getDb } from "~/utils/db.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { readForm } from "~/utils/read-form.server";
import { finishSignIn, rejectCode, requirePendingSignIn } from "~/utils/sign-in.server";

// The second step of a password sign-in: a code from the authenticator app, or a recovery code.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.codeTitle");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

const schema = z.object({
  code: z
    .string({ required_error: "Please enter the code from your authenticator app." })
    .trim()
    .max(40, "That is longer than any code we issue."),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePendingSignIn(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const pending = await requirePendingSignIn(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["code"] }), { status: 400 });
  }
  const db = await getDb();
  const address = clientAddress(context);
  const ok = await verifySecondFactor(db, pending.userId, submission.value.code);
  if (!ok) {
    await rejectCode(pending, address);
    return data(
      submission.reply({
        fieldErrors: {
          code: ["That code is not right, or was already used. Please try the current one."],
        },
        hideFields: ["code"],
      }),
      { status: 400 },
    );
  }
  const headers = await finishSignIn(pending, address);
  return redirect(safeRedirect(submission.value.redirectTo), { headers });
}

export default function SecondStep() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("auth.codeTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("auth.codeIntro")}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <InputField
          field={fields.code}
          label={t("auth.codeLabel")}
          hint={t("auth.codeHint")}
          autoComplete="one-time-code"
          inputMode="text"
          autoCapitalize="none"
          spellCheck={false}
        />
        <WideSubmitButton>{t("auth.continue")}</WideSubmitButton>
      </Form>
      <p className="mt-4 text-center">
        <Link to="/login" className="text-brand-700 underline">
          {t("auth.startAgain")}
        </Link>
      </p>
    </div>
  );
}
