import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TitledSection } from "~/components/titled-section";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import {
  LOG_CAP,
  MAX_RANGE_YEARS,
  PACK_CAP,
  defaultRange,
  teamCode,
} from "~/domain/regulator-records";
import { hrMessage } from "~/i18n/hr-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { getCategorySettings } from "~/models/jurisdiction.server";
import { refusedDownload, type Errors } from "./hr.records.download";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "records.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

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
    violenceCategories: settings.violenceCategories,
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
  const { t, language } = useI18n();
  const tr = (messages: string[] | undefined) => messages?.map((m) => hrMessage(t, m, language));
  const day = (name: "from" | "to", label: string) => (
    <Field
      id={`${prefix}-${name}`}
      label={label}
      hint={t("records.dayHint")}
      errors={tr(errors?.[name])}
      required
    >
      {(ids) => (
        <input
          {...ids}
          name={name}
          type="date"
          defaultValue={values[name]}
          className={inputClass}
        />
      )}
    </Field>
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {day("from", t("records.firstDay"))}
      {day("to", t("records.lastDay"))}
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
  const { t, language, number } = useI18n();
  const tr = (messages: string[] | undefined) => messages?.map((m) => hrMessage(t, m, language));
  const categories = violenceCategories.map((c) => vocabLabel(t, "category", c));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t("records.heading")}</h1>
      <p className="max-w-prose">{t("records.intro")}</p>

      <TitledSection
        className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
        id="sb553-heading"
        title={t("records.sb553.heading")}
      >
        <p className="text-sm">
          {t("records.sb553.text", {
            categories: categories.join(t("common.listSeparator")) || t("records.sb553.noneChosen"),
            csv: number(LOG_CAP.CSV),
            pdf: number(LOG_CAP.PDF),
            years: MAX_RANGE_YEARS,
          })}
        </p>
        <Form method="post" action="/hr/records/download" reloadDocument className="space-y-4">
          <input type="hidden" name="intent" value="sb553" />
          <Range prefix="sb553" values={typed("sb553")} errors={errorsFor("sb553")} />
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="format" value="CSV" className={buttonClass}>
              {t("records.sb553.downloadCsv")}
            </button>
            <button type="submit" name="format" value="PDF" className={secondaryButtonClass}>
              {t("records.sb553.downloadPdf")}
            </button>
          </div>
        </Form>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 underline">
            {t("records.sb553.teamCodes")}
          </summary>
          <p className="mt-1 text-slate-700">
            {teamKey.length >= TEAM_KEY_LIMIT
              ? t("records.sb553.keyApartFirst", { count: TEAM_KEY_LIMIT })
              : t("records.sb553.keyApart")}
          </p>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {teamKey.map((t) => (
              <li key={t.code}>
                <span className="font-mono">{t.code}</span>: {t.name}
              </li>
            ))}
          </ul>
        </details>
      </TitledSection>

      <TitledSection
        className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
        id="osha-heading"
        title={t("records.osha.heading")}
      >
        <p className="text-sm">{t("records.osha.text")}</p>
        <p>
          <Link to="/hr/records/osha" className="text-brand-700 underline">
            {t("records.osha.link")}
          </Link>
        </p>
        <Form method="post" action="/hr/records/download" reloadDocument className="space-y-4">
          <input type="hidden" name="intent" value="osha" />
          <Field id="osha-year" label={t("records.year")} errors={tr(errorsFor("osha")?.year)}>
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
              {t("records.osha.log300")}
            </button>
            <button type="submit" name="kind" value="301" className={secondaryButtonClass}>
              {t("records.osha.reports301")}
            </button>
            <button type="submit" name="kind" value="PRIVACY" className={secondaryButtonClass}>
              {t("records.osha.privacyList")}
            </button>
          </div>
        </Form>
      </TitledSection>

      <TitledSection
        className="max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-sm"
        id="pack-heading"
        title={t("records.pack.heading")}
      >
        <p className="text-sm">{t("records.pack.text", { max: number(PACK_CAP) })}</p>
        <Form method="post" action="/hr/records/download" reloadDocument className="space-y-4">
          <input type="hidden" name="intent" value="pack" />
          <Field
            id="pack-account"
            label={t("records.pack.account")}
            errors={tr(errorsFor("pack")?.account)}
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
            {t("records.pack.download")}
          </button>
        </Form>
      </TitledSection>
    </div>
  );
}
