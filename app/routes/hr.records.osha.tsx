import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import {
  OSHA_CLASSIFICATIONS,
  OSHA_CLASSIFICATION_LABELS,
  OSHA_INJURY_LABELS,
  OSHA_INJURY_TYPES,
  parseOshaForm,
  parseYear,
} from "~/domain/regulator-records";
import {
  OSHA_PAGE,
  getOshaRecord,
  listOshaRecords,
  saveOshaRecord,
} from "~/models/regulator-records.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";

export const meta: MetaFunction = () => [{ title: "OSHA recordable cases · Incident portal" }];

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const values = typedValues(await request.formData());
  const parsed = parseOshaForm(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = await saveOshaRecord(await getDb(), { viewer: user, input: parsed.value });
  if (!result.ok)
    return data({ errors: { reference: [result.error] }, values }, { status: result.status });
  return redirect(
    `/hr/records/osha?year=${result.year}&saved=${result.caseNumber}&reference=${encodeURIComponent(parsed.value.reference)}`,
  );
}

type FormValues = Record<string, string>;

export default function OshaPage() {
  const { year, page, list, reference, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
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
  const v: FormValues = result?.values ?? stored;
  const e = (result?.errors ?? {}) as Partial<Record<string, string[]>>;
  const text = (name: string, label: string, hint?: string, long = false) => (
    <Field id={name} label={label} hint={hint} errors={e[name]} required>
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
  const pages = Math.max(1, Math.ceil(list.total / OSHA_PAGE));
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/hr/records" className="text-brand-700 underline">
          Records
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">OSHA recordable cases</h1>
      {params.get("saved") ? (
        <p role="status" className="text-emerald-800">
          Saved as OSHA case {params.get("saved")} of {year}. The case's timeline records it.
        </p>
      ) : null}
      <section aria-labelledby="mark-heading" className="max-w-2xl">
        <h2 id="mark-heading" className="text-lg font-semibold">
          {r ? `Update OSHA case ${r.caseNumber} of ${r.year}` : "Mark a case recordable"}
        </h2>
        <p className="text-sm text-slate-700">
          A work-related injury or illness that meets the recording criteria of 29 CFR 1904 (for
          example, days away from work or medical treatment beyond first aid). Record it within 7
          calendar days of learning of it.
        </p>
        <Form method="post" className="mt-3 space-y-4 rounded-lg bg-white p-4 shadow-sm">
          {text("reference", "Case reference", "Such as INC-2026-0042.")}
          {text("jobTitle", "Employee's job title")}
          {text(
            "location",
            "Where the event occurred",
            "A site or area, such as “Leeds office, reception”. Never a person's name.",
          )}
          {text(
            "injuryDescription",
            "Injury or illness, and the part of the body affected",
            undefined,
            true,
          )}
          {text(
            "whatHappened",
            "What happened, and what directly harmed the employee",
            undefined,
            true,
          )}
          <Field id="classification" label="Classify the case" errors={e.classification} required>
            {(ids) => (
              <select
                {...ids}
                name="classification"
                defaultValue={v.classification ?? ""}
                className={inputClass}
              >
                <option value="">Choose…</option>
                {OSHA_CLASSIFICATIONS.map((c) => (
                  <option key={c} value={c}>
                    {OSHA_CLASSIFICATION_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="daysAway" label="Days away from work" errors={e.daysAway}>
              {(ids) => (
                <input
                  {...ids}
                  name="daysAway"
                  inputMode="numeric"
                  defaultValue={v.daysAway ?? "0"}
                  className={inputClass}
                />
              )}
            </Field>
            <Field
              id="daysRestricted"
              label="Days on job transfer or restriction"
              errors={e.daysRestricted}
            >
              {(ids) => (
                <input
                  {...ids}
                  name="daysRestricted"
                  inputMode="numeric"
                  defaultValue={v.daysRestricted ?? "0"}
                  className={inputClass}
                />
              )}
            </Field>
          </div>
          <Field id="injuryType" label="Type of injury or illness" errors={e.injuryType} required>
            {(ids) => (
              <select
                {...ids}
                name="injuryType"
                defaultValue={v.injuryType ?? ""}
                className={inputClass}
              >
                <option value="">Choose…</option>
                {OSHA_INJURY_TYPES.map((c) => (
                  <option key={c} value={c}>
                    {OSHA_INJURY_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {(
            [
              [
                "privacyCase",
                "Privacy case: the log says “Privacy case” instead of the name (29 CFR 1904.29(b)(7))",
              ],
              ["treatedInEr", "Treated in an emergency room"],
              ["hospitalized", "Hospitalized overnight as an in-patient"],
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
            {r ? "Save the OSHA record" : "Mark recordable"}
          </button>
        </Form>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-lg font-semibold">
          Recordable cases in {year} ({list.total})
        </h2>
        <Form method="get" className="mt-2 flex items-end gap-2">
          <Field id="year" label="Year">
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
            Show
          </button>
        </Form>
        {list.rows.length === 0 ? (
          <p className="mt-2 text-slate-600">No case is marked recordable for {year}.</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg bg-white shadow-sm">
            {list.rows.map((row) => (
              <li key={row.caseNumber} className="p-3 text-sm">
                <span className="font-medium">Case {row.caseNumber}</span>
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
                : {row.classification}
                {row.privacyCase ? " · privacy case" : ""}
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages" className="mt-2 flex gap-3 text-sm">
            {page > 1 ? <Link to={`?year=${year}&page=${page - 1}`}>Previous page</Link> : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? <Link to={`?year=${year}&page=${page + 1}`}>Next page</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
