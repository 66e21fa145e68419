import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import {
  LOG_CAP,
  MAX_RANGE_YEARS,
  PACK_CAP,
  defaultRange,
  teamCode,
} from "~/domain/regulator-records";
import { CATEGORY_LABELS } from "~/domain/vocabulary";
import { getCategorySettings } from "~/models/jurisdiction.server";
import { refusedDownload, type Errors } from "./hr.records.download";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Records · Incident portal" }];

// HR's regulator and counsel records: the SB 553 violent incident log, the OSHA 300 log and 301
// reports, and the per-account evidence pack. Every download is a POST to hr.records.download
// (recorded in the settings history); bad input comes back here, next to the field.

const TEAM_KEY_LIMIT = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cases:review");
  const db = await getDb();
  const [settings, teams] = await Promise.all([
    getCategorySettings(db),
    // The key to the log's team codes, kept off the log itself (a team may be named after someone).
    db.team.findMany({
      orderBy: { name: "asc" },
      take: TEAM_KEY_LIMIT,
      select: { id: true, name: true },
    }),
  ]);
  const now = new Date();
  const page = {
    teamKey: teams.map((t) => ({ code: teamCode(t.id), name: t.name })),
    range: defaultRange(now),
    year: now.getUTCFullYear(),
    violenceCategories: settings.violenceCategories.map((c) => CATEGORY_LABELS[c]),
  };
  // A refused download comes back here (see hr.records.download): the messages next to the
  // fields, what was typed, and a 4xx.
  const refused = refusedDownload(new URL(request.url).searchParams);
  if (refused) return data({ ...page, result: refused }, { status: refused.status });
  return { ...page, result: null };
}

function Range({
  prefix,
  values,
  errors,
}: {
  prefix: string;
  values: { from: string; to: string };
  errors?: Errors;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id={`${prefix}-from`}
        label="First day"
        hint="YYYY-MM-DD"
        errors={errors?.from}
        required
      >
        {(ids) => (
          <input
            {...ids}
            name="from"
            type="date"
            defaultValue={values.from}
            className={inputClass}
          />
        )}
      </Field>
      <Field id={`${prefix}-to`} label="Last day" hint="YYYY-MM-DD" errors={errors?.to} required>
        {(ids) => (
          <input {...ids} name="to" type="date" defaultValue={values.to} className={inputClass} />
        )}
      </Field>
    </div>
  );
}

export default function RecordsPage() {
  const { range, year, violenceCategories, result, teamKey } = useLoaderData<typeof loader>();
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  const typed = (intent: string) =>
    result?.intent === intent
      ? { from: result.values.from ?? "", to: result.values.to ?? "" }
      : range;
  const years = Array.from({ length: 6 }, (_, i) => year - i);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Records for regulators and counsel</h1>
      <p className="max-w-prose">
        Each download is recorded in the settings history. Cases that name you are left out of what
        you download, as everywhere; the file says how many, so another HR person can download them.
      </p>

      <section
        aria-labelledby="sb553-heading"
        className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
      >
        <h2 id="sb553-heading" className="text-lg font-semibold">
          Violent incident log (California SB 553)
        </h2>
        <p className="text-sm">
          Every incident in the chosen days with one of these categories:{" "}
          {violenceCategories.join(", ") || "none chosen"}. The log holds codes only: no names,
          emails, customer names or anything typed in a report. Locations are the channel and a team
          code. Keep it at least five years. At most {LOG_CAP.CSV.toLocaleString("en")} entries per
          CSV and {LOG_CAP.PDF.toLocaleString("en")} per PDF, and at most {MAX_RANGE_YEARS} years at
          a time.
        </p>
        <Form method="post" action="/hr/records/download" reloadDocument className="space-y-4">
          <input type="hidden" name="intent" value="sb553" />
          <Range prefix="sb553" values={typed("sb553")} errors={errorsFor("sb553")} />
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="format" value="CSV" className={buttonClass}>
              Download the log (CSV)
            </button>
            <button type="submit" name="format" value="PDF" className={secondaryButtonClass}>
              Download the log (PDF)
            </button>
          </div>
        </Form>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 underline">
            Team codes used in the log
          </summary>
          <p className="mt-1 text-slate-700">
            Keep this key apart from the log you hand over
            {teamKey.length >= TEAM_KEY_LIMIT ? ` (the first ${TEAM_KEY_LIMIT} teams by name)` : ""}
            .
          </p>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {teamKey.map((t) => (
              <li key={t.code}>
                <span className="font-mono">{t.code}</span>: {t.name}
              </li>
            ))}
          </ul>
        </details>
      </section>

      <section
        aria-labelledby="osha-heading"
        className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
      >
        <h2 id="osha-heading" className="text-lg font-semibold">
          OSHA injury and illness records
        </h2>
        <p className="text-sm">
          The OSHA 300 log and 301 reports hold the cases HR marked recordable. Privacy cases are
          written as “Privacy case”; their names are only on the confidential list.
        </p>
        <p>
          <Link to="/hr/records/osha" className="text-brand-700 underline">
            Mark a case recordable, or see the recordable cases
          </Link>
        </p>
        <Form method="post" action="/hr/records/download" reloadDocument className="space-y-4">
          <input type="hidden" name="intent" value="osha" />
          <Field id="osha-year" label="Year" errors={errorsFor("osha")?.year}>
            {(ids) => (
              <select
                {...ids}
                name="year"
                defaultValue={String(year)}
                className={`${inputClass} max-w-40`}
              >
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="kind" value="300" className={buttonClass}>
              OSHA 300 log (CSV)
            </button>
            <button type="submit" name="kind" value="301" className={secondaryButtonClass}>
              OSHA 301 reports (PDF)
            </button>
            <button type="submit" name="kind" value="PRIVACY" className={secondaryButtonClass}>
              Confidential list of privacy cases (CSV)
            </button>
          </div>
        </Form>
      </section>

      <section
        aria-labelledby="pack-heading"
        className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
      >
        <h2 id="pack-heading" className="text-lg font-semibold">
          “All reasonable steps” evidence pack
        </h2>
        <p className="text-sm">
          For one customer account: every incident in the chosen days (at most {PACK_CAP}; choose a
          shorter range for more), what was done and when, the decisions on the account with who
          proposed and approved them, the clocks met and missed, and whether each case's timeline
          verifies. One PDF, without report text or reporters' names.
        </p>
        <Form method="post" action="/hr/records/download" reloadDocument className="space-y-4">
          <input type="hidden" name="intent" value="pack" />
          <Field
            id="pack-account"
            label="Account CRM id or name"
            errors={errorsFor("pack")?.account}
            required
          >
            {(ids) => (
              <input
                {...ids}
                name="account"
                defaultValue={result?.intent === "pack" ? (result.values.account ?? "") : ""}
                maxLength={200}
                className={inputClass}
              />
            )}
          </Field>
          <Range prefix="pack" values={typed("pack")} errors={errorsFor("pack")} />
          <button type="submit" className={buttonClass}>
            Download the evidence pack (PDF)
          </button>
        </Form>
      </section>
    </div>
  );
}
