import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, buttonClass, inputClass } from "~/components/ui/field";
import { RETENTION_FIELDS, parseRetentionForm } from "~/domain/retention";
import { getRetentionRules, previewPurge, saveRetentionRules } from "~/models/retention.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { typedValues } from "~/utils/form-values";

export const meta: MetaFunction = () => [{ title: "Retention · Incident portal" }];

// Admins set how long cases are kept; the preview lists what the worker's next retention pass
// would purge (cases under a legal hold are listed with the hold, and are skipped).

const HINTS: Partial<Record<string, string>> = {
  viewLogDays:
    "Views are timeline events and stay on the hash chain; this period is recorded for your policy.",
  draftDays: "Reports are not saved as drafts on the server today; recorded for your policy.",
};

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
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/admin" className="text-brand-700 underline">
          Admin
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Retention</h1>
      <p className="max-w-prose">
        How long a case is kept after it is resolved. When the time is up, the worker removes the
        narrative, messages, evidence files and the people linked to the case, and writes what it
        removed (with hashes) on the case's timeline. The timeline itself is always kept, and cases
        under a legal hold are never purged.
      </p>
      {!rules.saved ? <p className="text-slate-700">The built-in defaults are in use.</p> : null}
      <Form method="post" className="max-w-xl space-y-4 rounded-lg bg-white p-4 shadow-sm">
        {RETENTION_FIELDS.map((f) => (
          <Field
            key={f.name}
            id={f.name}
            label={`${f.label} (${f.unit})`}
            hint={HINTS[f.name]}
            errors={result?.errors[f.name]}
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
          Save the retention rules
        </button>
      </Form>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="text-lg font-semibold">
          What the next run would purge ({preview.total})
        </h2>
        {preview.cases.length === 0 ? (
          <p className="mt-2 text-slate-600">Nothing is due.</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg bg-white shadow-sm">
            {preview.cases.map((c) => (
              <li key={c.reference} className="p-3 text-sm">
                <span className="font-medium">{c.reference}</span>: resolved{" "}
                {c.resolvedAt ? formatDate(c.resolvedAt) : "?"}, {c.rule}
                {c.heldBy.length ? (
                  <strong className="ml-1 text-amber-800">
                    — kept: under legal hold ({c.heldBy.join(", ")})
                  </strong>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {preview.total > preview.cases.length ? (
          <p className="mt-2 text-sm text-slate-600">
            The first {preview.cases.length} of {preview.total} are listed.
          </p>
        ) : null}
      </section>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
