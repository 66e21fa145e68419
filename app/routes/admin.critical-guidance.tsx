import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextAreaField } from "~/components/ui/conform-fields";
import { buttonClass } from "~/components/ui/field";
import { GUIDANCE_MAX, guidanceFields } from "~/domain/critical-guidance";
import { useAdminMessages } from "~/i18n/admin-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { getCriticalGuidance, saveCriticalGuidance } from "~/models/critical-guidance.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

// The guidance a person reads right after filing a Critical report: security desk, emergency
// numbers, that they may end the call. Admins only; every change is in the settings history.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.guidance.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  return getCriticalGuidance(await getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const submission = parseWithZod(await readForm(request), { schema: guidanceFields });
  if (submission.status !== "success") {
    return data({ reply: submission.reply(), changed: null }, { status: 400 });
  }
  const result = await saveCriticalGuidance(await getDb(), {
    actorId: user.id,
    text: submission.value.guidance,
  });
  return data({ reply: submission.reply(), changed: result.changed });
}

export default function CriticalGuidance() {
  const guidance = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  const messages = useAdminMessages();
  const [form, fields] = useForm({
    lastResult: answer?.reply,
    defaultValue: { guidance: guidance.text },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: guidanceFields }),
  });
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to="/admin" className="text-brand-700 underline">
          {t("admin.common.admin")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("admin.guidance.title")}</h1>
      <p className="text-slate-700">
        {t("admin.guidance.intro")}
        {guidance.isDefault ? ` ${t("admin.guidance.isDefault")}` : ""}
      </p>
      <Form method="post" className="space-y-3" {...getFormProps(form)}>
        <TextAreaField
          field={fields.guidance}
          label={t("admin.guidance.label")}
          messages={messages}
          rows={8}
          maxLength={GUIDANCE_MAX}
        />
        <button type="submit" className={buttonClass}>
          {t("admin.guidance.save")}
        </button>
        {answer && answer.changed !== null ? (
          <p role="status" className="font-medium text-emerald-800">
            {answer.changed ? t("admin.guidance.saved") : t("admin.guidance.unchanged")}
          </p>
        ) : null}
      </Form>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
