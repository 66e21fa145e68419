import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import {
  OSHA_CLASSIFICATIONS,
  OSHA_INJURY_TYPES,
  parseOshaForm,
  parseYear,
} from "~/domain/regulator-records";
import { labelOf, OSHA_CLASSIFICATION_KEYS, OSHA_INJURY_KEYS } from "~/i18n/hr-labels";
import { hrMessage } from "~/i18n/hr-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import {
  OSHA_PAGE,
  getOshaRecord,
  listOshaRecords,
  saveOshaRecord,
} from "~/models/regulator-records.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { redirectWithToast } from "~/utils/toast.server";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "records.oshaPage.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR marks a case recordable under OSHA with the 300/301 fields, on this page rather than the
// case page. The marking is on the case's timeline; the list is paged in SQL.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const url = new URL(request.url);
  const year = parseYear(url.searchParams.get("year"), new Date());
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const reference = (url.searchParams.get("reference") ?? "").trim().toUpperCase().slice(0, 40);
  const db = await getDb();
  const [list, editing] = await Promise.all([
    listOshaRecords(db, { viewer: user, year, page }),
    reference ? getOshaRecord(db, user, reference) : null,
  ]);
  return { year, page, list, reference, editing };
}

const FIELDS = [
  "reference",
  "jobTitle",
  "location",
  "injuryDescription",
  "classification",
  "daysAway",
  "daysRestricted",
  "injuryType",
  "privacyCase",
  "treatedInEr",
  "hospitalized",
  "whatHappened",
] as const;

// The 300/301 rules stay in app/domain/regulator-records.ts; the schema reports them per field.
const oshaSchema = z
  .object(Object.fromEntries(FIELDS.map((f) => [f, z.string().optional()])))
  .transform((v, ctx) => {
    const parsed = parseOshaForm(
      Object.fromEntries(FIELDS.map((f) => [f, (v[f] as string | undefined) ?? ""])),
    );
    if (parsed.ok) return parsed.value;
    for (const [field, messages] of Object.entries(parsed.errors))
      for (const message of messages ?? [])
        ctx.addIssue({ code: "custom", path: [field], message });
    return z.NEVER;
  });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const submission = parseWithZod(await request.formData(), { schema: oshaSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  const result = await saveOshaRecord(await getDb(), { viewer: user, input });
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { reference: [result.error] } }), {
      status: result.status,
    });
  return redirectWithToast(
    `/hr/records/osha?year=${result.year}&reference=${encodeURIComponent(input.reference)}`,
    { key: "toast.hrOshaSaved", values: { caseNumber: result.caseNumber, year: result.year } },
  );
}

type FormValues = Record<string, string>;

export default function OshaPage() {
  const { year, page, list, reference, editing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, language } = useI18n();
  const [form, fields] = useForm({ id: "osha-record", lastResult });
  const r = editing?.record;
  const stored: FormValues = r
    ? {
        reference: editing.reference,
        jobTitle: r.jobTitle,
        location: r.location,
        injuryDescription: r.injuryDescription,
        classification: r.classification,
        daysAway: String(r.daysAway),
        daysRestricted: String(r.daysRestricted),
        injuryType: r.injuryType,
        privacyCase: r.privacyCase ? "on" : "",
        treatedInEr: r.treatedInEr ? "on" : "",
        hospitalized: r.hospitalized ? "on" : "",
        whatHappened: r.whatHappened,
      }
    : { reference: editing?.reference ?? reference };
  const v: FormValues = (lastResult?.initialValue as FormValues | undefined) ?? stored;
  const e = (name: (typeof FIELDS)[number]) =>
    fields[name].errors?.map((m) => hrMessage(t, m, language));
  const text = (name: (typeof FIELDS)[number], label: string, hint?: string, long = false) => (
    <Field id={name} label={label} hint={hint} errors={e(name)} required>
      {(ids) =>
        long ? (
          <textarea
            {...ids}
            name={name}
            rows={3}
            defaultValue={v[name] ?? ""}
            className={inputClass}
          />
        ) : (
          <input {...ids} name={name} defaultValue={v[name] ?? ""} className={inputClass} />
        )
      }
    </Field>
  );
  const choose = (
    name: (typeof FIELDS)[number],
    label: string,
    options: readonly string[],
    keys: Record<string, string>,
  ) => (
    <Field id={name} label={label} errors={e(name)} required>
      {(ids) => (
        <select {...ids} name={name} defaultValue={v[name] ?? ""} className={inputClass}>
          <option value="">{t("records.oshaPage.choose")}</option>
          {options.map((c) => (
            <option key={c} value={c}>
              {labelOf(t, keys, c)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const days = (name: "daysAway" | "daysRestricted", label: string) => (
    <Field id={name} label={label} errors={e(name)}>
      {(ids) => (
        <input
          {...ids}
          name={name}
          inputMode="numeric"
          defaultValue={v[name] ?? "0"}
          className={inputClass}
        />
      )}
    </Field>
  );
  const pages = Math.max(1, Math.ceil(list.total / OSHA_PAGE));
  return (
    <div className="space-y-8">
      <BackLink to="/hr/records">{t("records.title")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("records.oshaPage.title")}</h1>
      <section aria-labelledby="mark-heading" className="max-w-2xl">
        <h2 id="mark-heading" className="text-lg font-semibold">
          {r
            ? t("records.oshaPage.update", { caseNumber: r.caseNumber, year: r.year })
            : t("records.oshaPage.mark")}
        </h2>
        <p className="text-sm text-slate-700">{t("records.oshaPage.criteria")}</p>
        <Form
          method="post"
          key={editing?.reference ?? "new"}
          className="mt-3 space-y-4 rounded-lg bg-white p-4 shadow-sm"
          {...getFormProps(form)}
        >
          {text("reference", t("records.oshaPage.reference"), t("records.oshaPage.referenceHint"))}
          {text("jobTitle", t("records.oshaPage.jobTitle"))}
          {text("location", t("records.oshaPage.location"), t("records.oshaPage.locationHint"))}
          {text("injuryDescription", t("records.oshaPage.injury"), undefined, true)}
          {text("whatHappened", t("records.oshaPage.whatHappened"), undefined, true)}
          {choose(
            "classification",
            t("records.oshaPage.classify"),
            OSHA_CLASSIFICATIONS,
            OSHA_CLASSIFICATION_KEYS,
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            {days("daysAway", t("records.oshaPage.daysAway"))}
            {days("daysRestricted", t("records.oshaPage.daysRestricted"))}
          </div>
          {choose(
            "injuryType",
            t("records.oshaPage.injuryType"),
            OSHA_INJURY_TYPES,
            OSHA_INJURY_KEYS,
          )}
          {(
            [
              ["privacyCase", t("records.oshaPage.privacyCase")],
              ["treatedInEr", t("records.oshaPage.treatedInEr")],
              ["hospitalized", t("records.oshaPage.hospitalized")],
            ] as const
          ).map(([name, label]) => (
            <label key={name} className="flex items-start gap-2">
              <input
                type="checkbox"
                name={name}
                defaultChecked={v[name] === "on"}
                className="mt-1 h-5 w-5"
              />
              <span>{label}</span>
            </label>
          ))}
          <button type="submit" className={buttonClass}>
            {r ? t("records.oshaPage.save") : t("records.oshaPage.markButton")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-lg font-semibold">
          {t("records.oshaPage.listHeading", { year, count: list.total })}
        </h2>
        <Form method="get" className="mt-2 flex items-end gap-2">
          <Field id="year" label={t("records.year")}>
            {(ids) => (
              <input
                {...ids}
                name="year"
                inputMode="numeric"
                defaultValue={String(year)}
                className={`${inputClass} max-w-32`}
              />
            )}
          </Field>
          <button type="submit" className={secondaryButtonClass}>
            {t("records.oshaPage.show")}
          </button>
        </Form>
        {list.rows.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("records.oshaPage.none", { year })}</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg bg-white shadow-sm">
            {list.rows.map((row) => (
              <li key={row.caseNumber} className="p-3 text-sm">
                <span className="font-medium">
                  {t("records.oshaPage.caseNumber", { caseNumber: row.caseNumber })}
                </span>
                {row.reference ? (
                  <>
                    {" "}
                    (
                    <Link
                      to={`/hr/records/osha?year=${year}&reference=${row.reference}`}
                      className="text-brand-700 underline"
                    >
                      {row.reference}
                    </Link>
                    )
                  </>
                ) : null}
                {t("records.oshaPage.rowClass", {
                  classification: labelOf(t, OSHA_CLASSIFICATION_KEYS, row.classification),
                })}
                {row.privacyCase ? t("records.oshaPage.rowPrivacy") : null}
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label={t("records.oshaPage.pages")} className="mt-2 flex gap-3 text-sm">
            {page > 1 ? (
              <Link to={`?year=${year}&page=${page - 1}`}>{t("records.oshaPage.previous")}</Link>
            ) : null}
            <span>{t("records.oshaPage.pageOf", { page, pages })}</span>
            {page < pages ? (
              <Link to={`?year=${year}&page=${page + 1}`}>{t("records.oshaPage.next")}</Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
