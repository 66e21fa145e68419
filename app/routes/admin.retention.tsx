import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, buttonClass, inputClass } from "~/components/ui/field";
import { RETENTION_FIELDS, parseRetentionForm } from "~/domain/retention";
import { getRetentionRules, previewPurge, saveRetentionRules } from "~/models/retention.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";
import type { TFunction } from "i18next";
import type { RetentionRules } from "~/domain/retention";
import type { Outcome } from "~/domain/vocabulary";
import { adminErrors } from "~/i18n/admin-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.retention.title");

// Admins set how long cases are kept; the preview lists what the worker's next retention pass
// would purge (cases under a legal hold are listed with the hold, and are skipped).

function fieldLabel(t: TFunction, name: keyof RetentionRules): string {
  switch (name) {
    case "substantiatedYears":
      return t("admin.retention.fields.substantiatedYears");
    case "partlySubstantiatedYears":
      return t("admin.retention.fields.partlySubstantiatedYears");
    case "notSubstantiatedYears":
      return t("admin.retention.fields.notSubstantiatedYears");
    case "informalYears":
      return t("admin.retention.fields.informalYears");
    case "withdrawnYears":
      return t("admin.retention.fields.withdrawnYears");
    case "defaultYears":
      return t("admin.retention.fields.defaultYears");
    case "withdrawnEvidenceDays":
      return t("admin.retention.fields.withdrawnEvidenceDays");
    case "viewLogDays":
      return t("admin.retention.fields.viewLogDays");
    case "draftDays":
      return t("admin.retention.fields.draftDays");
  }
}

function fieldHint(t: TFunction, name: keyof RetentionRules): string | undefined {
  if (name === "viewLogDays") return t("admin.retention.hints.viewLogDays");
  if (name === "draftDays") return t("admin.retention.hints.draftDays");
  return undefined;
}

/** The outcome as the rule names it ("substantiated: kept 7 years after resolution"). */
function outcomeWord(t: TFunction, outcome: Outcome | null): string {
  switch (outcome) {
    case "SUBSTANTIATED":
      return t("admin.retention.outcomes.SUBSTANTIATED");
    case "PARTLY_SUBSTANTIATED":
      return t("admin.retention.outcomes.PARTLY_SUBSTANTIATED");
    case "NOT_SUBSTANTIATED":
      return t("admin.retention.outcomes.NOT_SUBSTANTIATED");
    case "RESOLVED_INFORMALLY":
      return t("admin.retention.outcomes.RESOLVED_INFORMALLY");
    case "WITHDRAWN":
      return t("admin.retention.outcomes.WITHDRAWN");
    default:
      return t("admin.retention.outcomes.none");
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const [rules, preview] = await Promise.all([getRetentionRules(db), previewPurge(db)]);
  return { rules, preview };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const values = typedValues(await request.formData());
  const parsed = parseRetentionForm(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  await saveRetentionRules(await getDb(), { actorId: user.id, rules: parsed.value });
  return redirectWithToast("/admin/retention", { key: "toast.retentionSaved" });
}

export default function RetentionPage() {
  const { rules, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language, date } = useI18n();
  const errors = adminErrors(t, result?.errors ?? {}, language);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/admin" className="text-brand-700 underline">
          {t("admin.common.admin")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("admin.retention.title")}</h1>
      <p className="max-w-prose">{t("admin.retention.intro")}</p>
      {!rules.saved ? <p className="text-slate-700">{t("admin.retention.defaults")}</p> : null}
      <Form method="post" className="max-w-xl space-y-4 rounded-lg bg-white p-4 shadow-sm">
        {RETENTION_FIELDS.map((f) => (
          <Field
            key={f.name}
            id={f.name}
            label={
              f.unit === "years"
                ? t("admin.retention.inYears", { label: fieldLabel(t, f.name) })
                : t("admin.retention.inDays", { label: fieldLabel(t, f.name) })
            }
            hint={fieldHint(t, f.name)}
            errors={errors[f.name]}
            required
          >
            {(ids) => (
              <input
                {...ids}
                name={f.name}
                inputMode="numeric"
                defaultValue={result?.values[f.name] ?? String(rules[f.name])}
                className={`${inputClass} max-w-32`}
              />
            )}
          </Field>
        ))}
        <button type="submit" className={buttonClass}>
          {t("admin.retention.save")}
        </button>
      </Form>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="text-lg font-semibold">
          {t("admin.retention.previewHeading", { count: preview.total })}
        </h2>
        {preview.cases.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("admin.retention.nothingDue")}</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg bg-white shadow-sm">
            {preview.cases.map((c) => (
              <li key={c.reference} className="p-3 text-sm">
                <span className="font-medium">{c.reference}</span>
                {t("admin.retention.due", {
                  date: c.resolvedAt ? date(c.resolvedAt) : "?",
                  rule: t("admin.retention.rule", {
                    outcome: outcomeWord(t, c.outcome),
                    count: c.years,
                  }),
                })}
                {c.heldBy.length ? (
                  <strong className="ml-1 text-amber-800">
                    {t("admin.retention.held", {
                      matters: c.heldBy.join(t("common.listSeparator")),
                    })}
                  </strong>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {preview.total > preview.cases.length ? (
          <p className="mt-2 text-sm text-slate-600">
            {t("admin.retention.firstOf", { shown: preview.cases.length, count: preview.total })}
          </p>
        ) : null}
      </section>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
