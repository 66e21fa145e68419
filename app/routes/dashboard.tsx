import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { AbuseValueChart } from "~/components/charts/abuse-value-chart";
import {
  IncidentsPerMonthChart,
  monthLabel,
  SeverityMixChart,
} from "~/components/charts/bar-charts";
import { FilterCheckbox, FilterSelect, filterButtonClass } from "~/components/list-filters";
import { PERIOD_MONTHS, QUADRANT_LABELS, type Quadrant } from "~/domain/account-scoring";
import { SEGMENTS, type Segment } from "~/domain/vocabulary";
import { accountLabel, oneDecimal } from "~/i18n/account-labels";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import {
  DASHBOARD_SORTS,
  getDashboardPage,
  periodFor,
  type DashboardSort,
} from "~/models/account-stats.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

type SortKey = DashboardSort;

// A page shows a top-N, never every account of a large customer base (decision 036).
const TABLE_PAGE_SIZE = 100;
const CHART_POINTS = 400;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "aggregates:view");
  const url = new URL(request.url);
  const monthsParam = Number(url.searchParams.get("months") ?? 12);
  const months = (PERIOD_MONTHS as readonly number[]).includes(monthsParam) ? monthsParam : 12;
  const segParam = url.searchParams.get("segment") ?? "";
  const segment = (SEGMENTS as readonly string[]).includes(segParam) ? (segParam as Segment) : null;
  const sortParam = url.searchParams.get("sort") ?? "score";
  const sort: SortKey = (DASHBOARD_SORTS as readonly string[]).includes(sortParam)
    ? (sortParam as SortKey)
    : "score";
  const quadrantParam = url.searchParams.get("quadrant") ?? "";
  const quadrant = Object.hasOwn(QUADRANT_LABELS, quadrantParam)
    ? (quadrantParam as Quadrant)
    : null;
  const flagged = url.searchParams.get("flagged") === "1";
  const withIncidents = url.searchParams.get("all") !== "1";
  const pageParam = Number.parseInt(url.searchParams.get("page") ?? "", 10);

  const now = new Date();
  const { from, to } = periodFor(months, now);
  // One page of accounts, the chart's points and the totals, from kept figures (decision 115).
  const dashboard = await getDashboardPage(
    await getDb(),
    user,
    { from, to, segment },
    {
      sort,
      quadrant,
      flagged,
      withIncidents,
      page: Number.isFinite(pageParam) ? pageParam : 1,
      pageSize: TABLE_PAGE_SIZE,
      chartPoints: CHART_POINTS,
    },
    now,
  );
  const { paging } = dashboard;
  const charted = dashboard.charted;
  return {
    scope: can(user.role, "aggregates:all") ? ("all" as const) : ("team" as const),
    filter: { months, segment, sort, quadrant, flagged, withIncidents },
    period: { from: from.toISOString(), to: to.toISOString() },
    thresholds: dashboard.thresholds,
    // The chart shows every account in scope, whatever the table's filters.
    charted: { shown: charted.length, of: dashboard.inScope },
    points: charted.map((r) => ({
      id: r.accountId,
      name: r.name,
      arr: r.arrMinor / 100,
      currency: r.currency,
      score: r.score,
      incidents: r.incidents,
      quadrant: r.quadrant,
    })),
    rows: dashboard.rows,
    paging,
    byMonth: dashboard.byMonth,
    severityMix: dashboard.severityMix,
    totals: dashboard.totals,
    withheld: dashboard.withheld,
  };
}

const TREND_KEYS = {
  UP: "dashboard.trend.UP",
  DOWN: "dashboard.trend.DOWN",
  FLAT: "dashboard.trend.FLAT",
} as const;
const TREND_ARROWS = { UP: "▲", DOWN: "▼", FLAT: "–" } as const;

/** A column the table cannot be sorted by. */
function PlainHeader({ children }: { children: string }) {
  return (
    <th scope="col" className="px-2 py-2 text-left align-bottom">
      {children}
    </th>
  );
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const { t, language, number, money, date } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const pageHref = (page: number) => {
    const p = new URLSearchParams(params);
    p.set("page", String(page));
    return `?${p.toString()}`;
  };
  const sortHref = (key: SortKey) => {
    const p = new URLSearchParams(params);
    p.set("sort", key);
    p.delete("page");
    return `?${p.toString()}`;
  };
  const SortHeader = ({ k, children }: { k: SortKey; children: string }) => (
    <th
      scope="col"
      className="px-2 py-2 text-left align-bottom"
      aria-sort={
        data.filter.sort === k
          ? k === "name" || k === "renewal"
            ? "ascending"
            : "descending"
          : undefined
      }
    >
      <Link to={sortHref(k)} className="underline decoration-dotted">
        {children}
      </Link>
    </th>
  );
  const highHigh = data.points.filter((p) => p.quadrant === "HIGH_VALUE_HIGH_ABUSE");
  const list = (items: string[]) => items.join(t("common.listSeparator"));

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
        <p className="mt-1 text-slate-700">
          {data.scope === "team" ? t("dashboard.introTeam") : t("dashboard.introAll")}{" "}
          {t("dashboard.totals", {
            from: date(data.period.from),
            to: date(data.period.to),
            incidents: number(data.totals.incidents),
            accounts: number(data.totals.accounts),
            employees: number(data.totals.employeesAffected),
          })}
        </p>
      </div>

      <Form
        method="get"
        className="flex flex-wrap items-end gap-4 rounded border border-slate-200 p-4"
      >
        <FilterSelect
          name="months"
          label={t("dashboard.period")}
          value={data.filter.months}
          options={PERIOD_MONTHS.map((m) => ({
            value: m,
            label: t("dashboard.lastMonths", { count: m }),
          }))}
        />
        <FilterSelect
          name="segment"
          label={t("dashboard.segment")}
          value={data.filter.segment ?? ""}
          anyLabel={t("dashboard.allSegments")}
          options={SEGMENTS.map((s) => ({ value: s, label: accountLabel(t, "segment", s) }))}
        />
        <FilterSelect
          name="quadrant"
          label={t("dashboard.quadrant")}
          value={data.filter.quadrant ?? ""}
          anyLabel={t("dashboard.allQuadrants")}
          options={(Object.keys(QUADRANT_LABELS) as Quadrant[]).map((q) => ({
            value: q,
            label: accountLabel(t, "quadrant", q),
          }))}
        />
        <FilterCheckbox name="flagged" checked={data.filter.flagged}>
          {t("dashboard.flaggedOnly")}
        </FilterCheckbox>
        <FilterCheckbox name="all" checked={!data.filter.withIncidents}>
          {t("dashboard.includeQuiet")}
        </FilterCheckbox>
        <input type="hidden" name="sort" value={data.filter.sort} />
        <button type="submit" className={filterButtonClass}>
          {t("dashboard.show")}
        </button>
      </Form>

      {data.withheld.length > 0 ? (
        <section
          aria-labelledby="awaiting-assessment"
          className="rounded-lg bg-white p-4 shadow-sm"
        >
          <h2 id="awaiting-assessment" className="text-lg font-semibold">
            {t("dashboard.awaitingTitle")}
          </h2>
          <p className="mt-1 max-w-prose text-slate-700">{t("dashboard.awaitingText")}</p>
          <ul className="mt-2 list-disc pl-5">
            {data.withheld.map((w) => (
              <li key={w.accountId}>
                {t("dashboard.awaitingItem", {
                  name: w.name,
                  count: w.incidents,
                  incidents: number(w.incidents),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="abuse-value">
        <h2 id="abuse-value" className="text-lg font-semibold">
          {t("dashboard.abuseValueTitle")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("dashboard.abuseValueText", {
            arr: number(Math.round(data.thresholds.arrMinor / 100)),
            score: number(data.thresholds.score),
          })}
          {data.charted.shown < data.charted.of
            ? ` ${t("dashboard.chartedTop", {
                shown: number(data.charted.shown),
                of: number(data.charted.of),
              })}`
            : null}
        </p>
        <figure className="mt-2">
          <AbuseValueChart
            points={data.points}
            arrThreshold={data.thresholds.arrMinor / 100}
            scoreThreshold={data.thresholds.score}
            onSelect={(id) => navigate(`/accounts/${id}`)}
          />
          <figcaption className="mt-2 text-sm">
            {highHigh.length === 0
              ? t("dashboard.noHighHigh")
              : t("dashboard.highHigh", {
                  accounts: list(
                    highHigh
                      .sort((a, b) => b.score - a.score)
                      .map((p) =>
                        t("dashboard.highHighAccount", {
                          name: p.name,
                          score: number(p.score),
                          arr: money(Math.round(p.arr * 100), p.currency),
                        }),
                      ),
                  ),
                })}
          </figcaption>
        </figure>
      </section>

      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="per-month">
          <h2 id="per-month" className="text-lg font-semibold">
            {t("dashboard.perMonthTitle")}
          </h2>
          <figure>
            <IncidentsPerMonthChart data={data.byMonth} />
            <figcaption>
              <details className="mt-2 text-sm">
                <summary>{t("dashboard.perMonthTable")}</summary>
                <table className="mt-2">
                  <thead>
                    <tr>
                      <th scope="col" className="pr-4 text-left">
                        {t("dashboard.month")}
                      </th>
                      <th scope="col" className="text-right">
                        {t("dashboard.incidents")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.byMonth.map((m) => (
                      <tr key={m.month}>
                        <td className="pr-4">{monthLabel(m.month, language, "long")}</td>
                        <td className="text-right">{number(m.incidents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </figcaption>
          </figure>
        </section>
        <section aria-labelledby="severity-mix">
          <h2 id="severity-mix" className="text-lg font-semibold">
            {t("dashboard.severityMixTitle")}
          </h2>
          <figure>
            <SeverityMixChart data={data.severityMix} />
            <figcaption className="mt-2 text-sm">
              {list(
                data.severityMix.map((s) =>
                  t("dashboard.severityCount", {
                    severity: vocabLabel(t, "severity", s.severity),
                    incidents: number(s.incidents),
                  }),
                ),
              )}
            </figcaption>
          </figure>
        </section>
      </div>

      <section aria-labelledby="accounts-table">
        <h2 id="accounts-table" className="text-lg font-semibold">
          {t("dashboard.accountsTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("dashboard.accountsExplained")}</p>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("dashboard.accountsCaption")}</caption>
            <thead className="border-b border-slate-300">
              <tr>
                <SortHeader k="name">{t("dashboard.col.account")}</SortHeader>
                <SortHeader k="incidents">{t("dashboard.col.incidents")}</SortHeader>
                <SortHeader k="score">{t("dashboard.col.score")}</SortHeader>
                <SortHeader k="employees">{t("dashboard.col.employees")}</SortHeader>
                <PlainHeader>{t("dashboard.col.repeatContacts")}</PlainHeader>
                <SortHeader k="perMillion">{t("dashboard.col.perMillion")}</SortHeader>
                <PlainHeader>{t("dashboard.col.openOverdue")}</PlainHeader>
                <PlainHeader>{t("dashboard.col.trend")}</PlainHeader>
                <SortHeader k="arr">{t("dashboard.col.arr")}</SortHeader>
                <SortHeader k="renewal">{t("dashboard.col.renewal")}</SortHeader>
                <PlainHeader>{t("dashboard.col.payment")}</PlainHeader>
                <PlainHeader>{t("dashboard.col.conduct")}</PlainHeader>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.accountId} className="border-b border-slate-100" data-account={r.name}>
                  <th scope="row" className="px-2 py-2 text-left font-normal">
                    <Link
                      to={`/accounts/${r.accountId}`}
                      className="font-medium text-brand-700 underline"
                    >
                      {r.name}
                    </Link>
                    <div className="text-xs text-slate-600">
                      {accountLabel(t, "segment", r.segment as Segment)} ·{" "}
                      {accountLabel(t, "quadrant", r.quadrant)}
                      {r.needsReview ? (
                        <span className="ml-1 rounded bg-red-100 px-1 font-semibold text-red-800">
                          {t("dashboard.review")}
                        </span>
                      ) : null}
                    </div>
                  </th>
                  <td className="px-2 py-2 text-right">{number(r.incidents)}</td>
                  <td className="px-2 py-2 text-right font-semibold">{number(r.score)}</td>
                  <td className="px-2 py-2 text-right">{number(r.employeesAffected)}</td>
                  <td className="px-2 py-2 text-right">{number(r.repeatContacts)}</td>
                  <td className="px-2 py-2 text-right">
                    {r.perMillionArr === null ? "–" : oneDecimal(r.perMillionArr, language)}
                  </td>
                  <td className="px-2 py-2 text-right">
                    {number(r.open)} / {number(r.overdue)}
                  </td>
                  <td className="px-2 py-2">
                    <span aria-hidden="true">{TREND_ARROWS[r.trend.direction]} </span>
                    {t(TREND_KEYS[r.trend.direction])} ({r.trend.previous}→{r.trend.recent})
                  </td>
                  <td className="px-2 py-2 text-right">{money(r.arrMinor, r.currency)}</td>
                  <td className="px-2 py-2">{r.renewalDate ? date(r.renewalDate) : "–"}</td>
                  <td className="px-2 py-2">
                    {r.daysOverdue > 0
                      ? t("dashboard.daysLate", {
                          status: accountLabel(t, "payment", r.paymentStatus),
                          count: r.daysOverdue,
                        })
                      : accountLabel(t, "payment", r.paymentStatus)}
                  </td>
                  <td className="px-2 py-2">{accountLabel(t, "conduct", r.conductStatus)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.rows.length === 0 ? (
            <p className="mt-4 text-slate-700">{t("dashboard.noMatch")}</p>
          ) : null}
          {data.paging.pages > 1 ? (
            <nav
              aria-label={t("dashboard.pagesLabel")}
              className="mt-4 flex flex-wrap items-center gap-4"
            >
              <span className="text-slate-700">
                {t("dashboard.pageOf", {
                  page: number(data.paging.page),
                  pages: number(data.paging.pages),
                  count: data.paging.total,
                  total: number(data.paging.total),
                })}
              </span>
              {data.paging.page > 1 ? (
                <Link to={pageHref(data.paging.page - 1)} className="text-brand-700 underline">
                  {t("dashboard.previous")}
                </Link>
              ) : null}
              {data.paging.page < data.paging.pages ? (
                <Link to={pageHref(data.paging.page + 1)} className="text-brand-700 underline">
                  {t("dashboard.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>
      </section>
    </div>
  );
}
