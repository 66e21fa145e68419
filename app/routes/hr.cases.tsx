import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { OptionList } from "~/components/list-filters";
import { FieldError, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { parseSearch, SEARCH_MAX_CHARS } from "~/domain/search-query";
import { CATEGORIES, INCIDENT_STATUSES, SEVERITIES } from "~/domain/vocabulary";
import { hrMessage } from "~/i18n/hr-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import {
  CSV_MAX_ROWS,
  teamChoices,
  filtersFromUrl,
  toListItems,
} from "~/models/case-history.server";
import { cursorFromParam, cursorToParam, searchCases } from "~/models/incident-search.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hr.cases.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR: every case (except those naming the viewer or filed by them), searched and filtered in
// SQL, newest first, a page at a time with a link to the next (keyed, so page 1,000 costs what
// page 1 does); links to the histories per employee and per account, and the list as CSV.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  const url = new URL(request.url);
  const filters = filtersFromUrl(url);
  const search = parseSearch(url.searchParams.get("q"));
  const after = cursorFromParam(url.searchParams.get("after"));
  const [result, teams, account] = await Promise.all([
    search.ok
      ? searchCases(db, user, { terms: search.terms, filters, after })
      : { rows: [], next: null },
    teamChoices(db),
    filters.accountId
      ? db.customerAccount.findUnique({
          where: { id: filters.accountId },
          select: { id: true, name: true },
        })
      : null,
  ]);
  const anyAccount = new URLSearchParams(url.searchParams);
  anyAccount.delete("account");
  anyAccount.delete("after");
  const query = Object.fromEntries(url.searchParams);
  // The CSV and "back to the newest" take the search without the page's cursor.
  const top = new URLSearchParams(url.searchParams);
  top.delete("after");
  const more = new URLSearchParams(url.searchParams);
  if (result.next) more.set("after", cursorToParam(result.next));
  return data(
    {
      query,
      searchError: search.ok ? null : search.message,
      csvHref: `/hr/cases/csv${top.size ? `?${top}` : ""}`,
      teams,
      account,
      anyAccountHref: `?${anyAccount}`,
      csvMax: CSV_MAX_ROWS,
      continued: after !== null,
      firstHref: `?${top}`,
      moreHref: result.next ? `?${more}` : null,
      rows: toListItems(result.rows),
    },
    // A search the index cannot take is the user's to fix: 400, the form keeps what they typed.
    { status: search.ok ? 200 : 400 },
  );
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  return (
    <label className="block">
      <span className="block text-sm font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{t("hr.cases.any")}</option>
        <OptionList options={options} />
      </select>
    </label>
  );
}

export default function HrCases() {
  const {
    rows,
    query,
    searchError,
    teams,
    account,
    anyAccountHref,
    csvHref,
    csvMax,
    continued,
    firstHref,
    moreHref,
  } = useLoaderData<typeof loader>();
  const { t, language, number } = useI18n();
  const searchMessage = searchError ? hrMessage(t, searchError, language) : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("hr.cases.title")}</h1>
      <Form method="get" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4">
        <div className="sm:col-span-4">
          <label htmlFor="q" className="block text-sm font-medium">
            {t("hr.cases.search")}
          </label>
          <span id="q-hint" className="block text-sm text-slate-600">
            {t("hr.cases.searchHint")}
          </span>
          <input
            id="q"
            type="search"
            name="q"
            defaultValue={query.q}
            aria-describedby={searchError ? "q-hint q-error" : "q-hint"}
            aria-invalid={searchError ? true : undefined}
            maxLength={SEARCH_MAX_CHARS}
            className={inputClass}
          />
          <FieldError id="q-error" errors={searchMessage ? [searchMessage] : undefined} />
        </div>
        <label className="block">
          <span className="block text-sm font-medium">{t("hr.cases.from")}</span>
          <input type="date" name="from" defaultValue={query.from} className={inputClass} />
        </label>
        <label className="block">
          <span className="block text-sm font-medium">{t("hr.cases.to")}</span>
          <input type="date" name="to" defaultValue={query.to} className={inputClass} />
        </label>
        <Select
          name="severity"
          label={t("hr.list.severity")}
          value={query.severity}
          options={SEVERITIES.map((s) => ({ value: s, label: vocabLabel(t, "severity", s) }))}
        />
        <Select
          name="category"
          label={t("hr.cases.category")}
          value={query.category}
          options={CATEGORIES.map((c) => ({ value: c, label: vocabLabel(t, "category", c) }))}
        />
        <Select
          name="status"
          label={t("hr.list.status")}
          value={query.status}
          options={INCIDENT_STATUSES.map((s) => ({ value: s, label: vocabLabel(t, "status", s) }))}
        />
        <Select
          name="team"
          label={t("hr.cases.team")}
          value={query.team}
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
        {account ? (
          // Accounts are too many to list (tens of thousands): the account pages link here with
          // one chosen, and the search box finds cases by account name.
          <p className="self-end text-sm">
            <input type="hidden" name="account" value={account.id} />
            {t("hr.cases.accountLabel")} <strong>{account.name}</strong>{" "}
            <Link to={anyAccountHref} className="text-brand-700 underline">
              {t("hr.cases.anyAccount")}
            </Link>
          </p>
        ) : null}
        <div className="flex items-end">
          <button type="submit" className={secondaryButtonClass}>
            {t("hr.cases.filter")}
          </button>
        </div>
      </Form>
      <p role="status">
        {searchError
          ? t("hr.cases.changeSearch")
          : rows.length === 0
            ? t("hr.cases.noMatch")
            : continued
              ? t("hr.cases.showingContinued", { count: rows.length })
              : t("hr.cases.showing", { count: rows.length })}
      </p>
      <p>
        {rows.length > 0 ? (
          <>
            {/* A POST: the download records an export on each case's timeline. */}
            <Form method="post" action={csvHref} reloadDocument className="inline">
              <button type="submit" className="text-brand-700 underline">
                {moreHref || continued
                  ? t("hr.cases.downloadNewest", { max: number(csvMax) })
                  : t("hr.cases.downloadThese", { count: rows.length })}
              </button>
            </Form>{" "}
            ·{" "}
          </>
        ) : null}
        <Link to="/hr/verify" className="text-brand-700 underline">
          {t("hr.cases.verifyLink")}
        </Link>{" "}
        ·{" "}
        <Link to="/admin/audit" className="text-brand-700 underline">
          {t("hr.cases.settingsHistory")}
        </Link>
      </p>
      <CaseList items={rows} caption={t("hr.cases.caption")} empty={t("hr.cases.noMatch")} />
      {moreHref || continued ? (
        <nav aria-label={t("hr.cases.moreNav")} className="flex flex-wrap gap-4">
          {continued ? (
            <Link to={firstHref} className="text-brand-700 underline">
              {t("hr.cases.backToNewest")}
            </Link>
          ) : null}
          {moreHref ? (
            <Link to={moreHref} className="text-brand-700 underline">
              {t("hr.cases.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
