import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithToast } from "~/utils/toast.server";
import { FieldError, buttonClass, secondaryButtonClass } from "~/components/ui/field";
import {
  TEMPLATES,
  findTemplate,
  hasPlanChanges,
  parseCategoryForm,
  type TemplateCode,
} from "~/domain/jurisdictions";
import { CATEGORIES, CATEGORY_LABELS } from "~/domain/vocabulary";
import {
  applyTemplate,
  getCategorySettings,
  previewTemplate,
  saveCategorySettings,
} from "~/models/jurisdiction.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Jurisdiction templates · Incident portal" }];

// Admins apply a jurisdiction's template after a preview of what it changes; a template only
// tightens (shorter clocks, longer retention, more categories), and everything stays editable
// on the deadline, retention and this page.

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const url = new URL(request.url);
  const chosen = findTemplate(url.searchParams.get("template") ?? "");
  const [settings, plan] = await Promise.all([
    getCategorySettings(db),
    chosen ? previewTemplate(db, chosen.code) : null,
  ]);
  return {
    settings,
    preview: chosen && plan ? { code: chosen.code, plan, changes: hasPlanChanges(plan) } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const form = await request.formData();
  const db = await getDb();
  if (form.get("intent") === "categories") {
    const values = {
      hrCategories: form.getAll("hrCategories").map(String),
      violenceCategories: form.getAll("violenceCategories").map(String),
    };
    const parsed = parseCategoryForm(values);
    if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
    await saveCategorySettings(db, { actorId: user.id, value: parsed.value });
    return redirectWithToast("/admin/jurisdiction", { key: "toast.adminCategoriesSaved" });
  }
  const template = findTemplate(String(form.get("template") ?? ""));
  if (!template)
    return data(
      { errors: { template: ["Choose a template from the list."] }, values: null },
      { status: 400 },
    );
  await applyTemplate(db, { code: template.code as TemplateCode, actorId: user.id });
  // The template's own name (as the list shows it) goes into the toast.
  return redirectWithToast("/admin/jurisdiction", {
    key: "toast.adminTemplateApplied",
    values: { name: template.name },
  });
}

function ChangeList({
  title,
  rows,
}: {
  title: string;
  rows: { what: string; from: string; to: string }[];
}) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h4 className="font-medium">{title}</h4>
      <ul className="ml-5 list-disc text-sm">
        {rows.map((r) => (
          <li key={r.what}>
            {r.what}: {r.from} → <strong>{r.to}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function JurisdictionPage() {
  const { settings, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const typed = result?.values;
  const checked = (list: "hrCategories" | "violenceCategories", c: string) =>
    (typed ? typed[list] : settings[list]).includes(c as never);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/admin" className="text-brand-700 underline">
          Admin
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Jurisdiction templates</h1>
      <p className="max-w-prose">
        A template sets what a law asks for: response clocks, the categories that bring HR onto a
        case or put it on the violent incident log, and how long cases are kept. It only makes
        things stricter: a clock already shorter, or a period already longer, is left as it is. You
        see every change before applying, and can still change each value afterwards under{" "}
        <Link to="/admin/deadlines" className="text-brand-700 underline">
          Deadlines
        </Link>
        ,{" "}
        <Link to="/admin/retention" className="text-brand-700 underline">
          Retention
        </Link>{" "}
        and the categories below. This is not legal advice: check the source with your counsel.
      </p>
      {result && "errors" in result && "template" in result.errors ? (
        <FieldError errors={result.errors.template} />
      ) : null}
      <ul className="space-y-4">
        {TEMPLATES.map((t) => {
          const isApplied = settings.templates.includes(t.code);
          const open = preview?.code === t.code;
          return (
            <li key={t.code} className="rounded-lg bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold">
                {t.name}
                {isApplied ? (
                  <span className="ml-2 text-sm font-normal text-emerald-800">(applied)</span>
                ) : null}
              </h2>
              <p className="mt-1">{t.summary}</p>
              <p className="mt-2 text-sm">
                <span className="font-medium">Source:</span> {t.source}
              </p>
              <p className="text-sm text-slate-700">{t.inForce}</p>
              <ul className="mt-2 ml-5 list-disc text-sm text-slate-700">
                {t.clocks.map((c) => (
                  <li key={c.kind}>{c.why}</li>
                ))}
                <li>{t.retentionWhy}</li>
                {t.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
              {open && preview ? (
                <section
                  aria-label={`What applying ${t.name} changes`}
                  className="mt-3 space-y-2 rounded-md border border-slate-300 p-3"
                >
                  <h3 className="font-semibold">What applying it changes</h3>
                  {preview.changes ? (
                    <>
                      <ChangeList title="Clocks" rows={preview.plan.changes.clocks} />
                      <ChangeList title="Retention" rows={preview.plan.changes.retention} />
                      <ChangeList title="Categories" rows={preview.plan.changes.categories} />
                    </>
                  ) : (
                    <p>Nothing: your settings already meet this template.</p>
                  )}
                  {preview.plan.alreadyMet.length ? (
                    <ul className="ml-5 list-disc text-sm text-slate-700">
                      {preview.plan.alreadyMet.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="template" value={t.code} />
                    <button type="submit" className={buttonClass}>
                      Apply “{t.name}”
                    </button>
                  </Form>
                </section>
              ) : (
                <Form method="get" className="mt-3">
                  <input type="hidden" name="template" value={t.code} />
                  <button type="submit" className={secondaryButtonClass}>
                    Preview “{t.name}”
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="categories-heading" className="max-w-2xl">
        <h2 id="categories-heading" className="text-lg font-semibold">
          Categories
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          The categories people choose from on the report form stay the same everywhere, so reports
          and figures stay comparable. What a jurisdiction changes is what a category sets off.
        </p>
        <Form method="post" className="mt-3 space-y-4 rounded-lg bg-white p-4 shadow-sm">
          <input type="hidden" name="intent" value="categories" />
          <fieldset
            aria-describedby={result && "hrCategories" in result.errors ? "hr-error" : undefined}
          >
            <legend className="font-medium">
              Categories that bring HR onto a case from the start
            </legend>
            <p className="text-sm text-slate-600">Critical reports always do.</p>
            {CATEGORIES.map((c) => (
              <label key={c} className="flex items-center gap-2 py-1">
                <input
                  type="checkbox"
                  name="hrCategories"
                  value={c}
                  defaultChecked={checked("hrCategories", c)}
                  className="h-5 w-5"
                />
                {CATEGORY_LABELS[c]}
              </label>
            ))}
            <FieldError
              id="hr-error"
              errors={
                result && "hrCategories" in result.errors ? result.errors.hrCategories : undefined
              }
            />
          </fieldset>
          <fieldset>
            <legend className="font-medium">Categories on the violent incident log (SB 553)</legend>
            {CATEGORIES.map((c) => (
              <label key={c} className="flex items-center gap-2 py-1">
                <input
                  type="checkbox"
                  name="violenceCategories"
                  value={c}
                  defaultChecked={checked("violenceCategories", c)}
                  className="h-5 w-5"
                />
                {CATEGORY_LABELS[c]}
              </label>
            ))}
          </fieldset>
          <button type="submit" className={buttonClass}>
            Save the categories
          </button>
        </Form>
      </section>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
