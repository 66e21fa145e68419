import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { TitledSection } from "~/components/titled-section";
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
import { CATEGORIES } from "~/domain/vocabulary";
import {
  applyTemplate,
  getCategorySettings,
  previewTemplate,
  saveCategorySettings,
} from "~/models/jurisdiction.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { adminMessage } from "~/i18n/admin-messages";
import { alreadyMetText, changeText, templateText } from "~/i18n/jurisdiction-text";
import { vocabLabel } from "~/i18n/vocabulary";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.jurisdiction.title");

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
  const { t, language } = useI18n();
  if (rows.length === 0) return null;
  return (
    <div>
      <h4 className="font-medium">{title}</h4>
      <ul className="ml-5 list-disc text-sm">
        {rows.map((row) => {
          const r = changeText(t, row, language);
          return (
            <li key={row.what}>
              {t("admin.jurisdiction.changeFrom", { what: r.what, from: r.from })}{" "}
              <strong>{r.to}</strong>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export default function JurisdictionPage() {
  const { settings, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language } = useI18n();
  const say = (errors: string[] | undefined) =>
    errors?.map((text) => adminMessage(t, text, language));
  const templateErrors =
    result && "errors" in result && "template" in result.errors
      ? result.errors.template
      : undefined;
  const typed = result?.values;
  const checked = (list: "hrCategories" | "violenceCategories", c: string) =>
    (typed ? typed[list] : settings[list]).includes(c as never);
  const categoryBoxes = (list: "hrCategories" | "violenceCategories") =>
    CATEGORIES.map((c) => (
      <label key={c} className="flex items-center gap-2 py-1">
        <input
          type="checkbox"
          name={list}
          value={c}
          defaultChecked={checked(list, c)}
          className="h-5 w-5"
        />
        {vocabLabel(t, "category", c)}
      </label>
    ));
  return (
    <div className="space-y-8">
      <BackLink to="/admin">{t("admin.jurisdiction.back")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("admin.jurisdiction.heading")}</h1>
      <p className="max-w-prose">
        {t("admin.jurisdiction.intro")}{" "}
        <Link to="/admin/deadlines" className="text-brand-700 underline">
          {t("admin.jurisdiction.deadlinesLink")}
        </Link>
        {t("common.listSeparator")}
        <Link to="/admin/retention" className="text-brand-700 underline">
          {t("admin.jurisdiction.retentionLink")}
        </Link>{" "}
        {t("admin.jurisdiction.introEnd")}
      </p>
      {templateErrors ? <FieldError errors={say(templateErrors)} /> : null}
      <ul className="space-y-4">
        {TEMPLATES.map((template) => {
          const isApplied = settings.templates.includes(template.code);
          const open = preview?.code === template.code;
          const text = templateText(t, template, language);
          return (
            <li key={template.code} className="rounded-lg bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold">
                {text.name}
                {isApplied ? (
                  <span className="ml-2 text-sm font-normal text-emerald-800">
                    {t("admin.jurisdiction.applied")}
                  </span>
                ) : null}
              </h2>
              <p className="mt-1">{text.summary}</p>
              <p className="mt-2 text-sm">
                <span className="font-medium">{t("admin.jurisdiction.source")}</span> {text.source}
              </p>
              <p className="text-sm text-slate-700">{text.inForce}</p>
              <ul className="mt-2 ml-5 list-disc text-sm text-slate-700">
                {text.clocks.map((c) => (
                  <li key={c.kind}>{c.why}</li>
                ))}
                <li>{text.retentionWhy}</li>
                {text.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
              {open && preview ? (
                <section
                  aria-label={t("admin.jurisdiction.previewLabel", { name: text.name })}
                  className="mt-3 space-y-2 rounded-md border border-slate-300 p-3"
                >
                  <h3 className="font-semibold">{t("admin.jurisdiction.changesHeading")}</h3>
                  {preview.changes ? (
                    <>
                      <ChangeList
                        title={t("admin.jurisdiction.clocks")}
                        rows={preview.plan.changes.clocks}
                      />
                      <ChangeList
                        title={t("admin.jurisdiction.retention")}
                        rows={preview.plan.changes.retention}
                      />
                      <ChangeList
                        title={t("admin.jurisdiction.categories")}
                        rows={preview.plan.changes.categories}
                      />
                    </>
                  ) : (
                    <p>{t("admin.jurisdiction.nothing")}</p>
                  )}
                  {preview.plan.alreadyMet.length ? (
                    <ul className="ml-5 list-disc text-sm text-slate-700">
                      {preview.plan.alreadyMet.map((m) => (
                        <li key={m}>{alreadyMetText(t, m, language)}</li>
                      ))}
                    </ul>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="template" value={template.code} />
                    <button type="submit" className={buttonClass}>
                      {t("admin.jurisdiction.apply", { name: text.name })}
                    </button>
                  </Form>
                </section>
              ) : (
                <Form method="get" className="mt-3">
                  <input type="hidden" name="template" value={template.code} />
                  <button type="submit" className={secondaryButtonClass}>
                    {t("admin.jurisdiction.preview", { name: text.name })}
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
      <TitledSection
        id="categories-heading"
        className="max-w-2xl"
        title={t("admin.jurisdiction.categories")}
      >
        <p className="mt-1 text-sm text-slate-700">{t("admin.jurisdiction.categoriesIntro")}</p>
        <Form method="post" className="mt-3 space-y-4 rounded-lg bg-white p-4 shadow-sm">
          <input type="hidden" name="intent" value="categories" />
          <fieldset
            aria-describedby={result && "hrCategories" in result.errors ? "hr-error" : undefined}
          >
            <legend className="font-medium">{t("admin.jurisdiction.fields.hrCategories")}</legend>
            <p className="text-sm text-slate-600">{t("admin.jurisdiction.criticalAlways")}</p>
            {categoryBoxes("hrCategories")}
            <FieldError
              id="hr-error"
              errors={
                result && "hrCategories" in result.errors
                  ? say(result.errors.hrCategories)
                  : undefined
              }
            />
          </fieldset>
          <fieldset>
            <legend className="font-medium">{t("admin.jurisdiction.violenceLegend")}</legend>
            {categoryBoxes("violenceCategories")}
          </fieldset>
          <button type="submit" className={buttonClass}>
            {t("admin.jurisdiction.save")}
          </button>
        </Form>
      </TitledSection>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
