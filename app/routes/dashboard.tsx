import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { AbuseValueChart } from "~/components/charts/abuse-value-chart";
import { IncidentsPerMonthChart, SeverityMixChart } from "~/components/charts/bar-charts";
import {
  formatMoney,
  PERIOD_MONTHS,
  QUADRANT_LABELS,
  SEGMENT_LABELS,
  type Quadrant,
} from "~/domain/account-scoring";
import { SEGMENTS, SEVERITY_LABELS, type Segment } from "~/domain/vocabulary";
import {
  DASHBOARD_SORTS,
  getDashboardPage,
  periodFor,
  type DashboardSort,
} from "~/models/account-stats.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Dashboard · Incident portal" }];

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
      arrLabel: formatMoney(r.arrMinor, r.currency),
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

const TREND_WORDS = { UP: "Rising", DOWN: "Falling", FLAT: "Steady" } as const;
const TREND_ARROWS = { UP: "▲", DOWN: "▼", FLAT: "–" } as const;

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
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

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="mt-1 text-slate-700">
          {data.scope === "team"
            ? "Customer accounts as your teams' reports show them."
            : "Harassment by customer account, next to what the account is worth."}{" "}
          {formatDate(data.period.from)} to {formatDate(data.period.to)}: {data.totals.incidents}{" "}
          incidents on {data.totals.accounts} accounts, affecting {data.totals.employeesAffected}{" "}
          employees.
        </p>
      </div>

      <Form
        method="get"
        className="flex flex-wrap items-end gap-4 rounded border border-slate-200 p-4"
      >
        <label className="flex flex-col text-sm">
          Period
          <select
            name="months"
            defaultValue={data.filter.months}
            className="mt-1 rounded border-slate-300"
          >
            {PERIOD_MONTHS.map((m) => (
              <option key={m} value={m}>
                Last {m} months
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Segment
          <select
            name="segment"
            defaultValue={data.filter.segment ?? ""}
            className="mt-1 rounded border-slate-300"
          >
            <option value="">All segments</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {SEGMENT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Quadrant
          <select
            name="quadrant"
            defaultValue={data.filter.quadrant ?? ""}
            className="mt-1 rounded border-slate-300"
          >
            <option value="">All quadrants</option>
            {(Object.keys(QUADRANT_LABELS) as Quadrant[]).map((q) => (
              <option key={q} value={q}>
                {QUADRANT_LABELS[q]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="flagged" value="1" defaultChecked={data.filter.flagged} />
          Flagged for review only
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="all" value="1" defaultChecked={!data.filter.withIncidents} />
          Include accounts without incidents
        </label>
        <input type="hidden" name="sort" value={data.filter.sort} />
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white"
        >
          Show
        </button>
      </Form>

      {data.withheld.length > 0 ? (
        <section
          aria-labelledby="awaiting-assessment"
          className="rounded-lg bg-white p-4 shadow-sm"
        >
          <h2 id="awaiting-assessment" className="text-lg font-semibold">
            Waiting for your assessment
          </h2>
          <p className="mt-1 max-w-prose text-slate-700">
            Severity before value: these accounts&apos; figures appear once you have assessed the
            harm in your open cases on them.
          </p>
          <ul className="mt-2 list-disc pl-5">
            {data.withheld.map((w) => (
              <li key={w.accountId}>
                {w.name}: {w.incidents} {w.incidents === 1 ? "incident" : "incidents"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="abuse-value">
        <h2 id="abuse-value" className="text-lg font-semibold">
          Abuse against value
        </h2>
        <p className="text-sm text-slate-700">
          One point per account; bigger points have more incidents. The lines split at the median
          ARR ({Math.round(data.thresholds.arrMinor / 100).toLocaleString("en-GB")}) and the median
          score of accounts with incidents ({data.thresholds.score}).
          {data.charted.shown < data.charted.of
            ? ` It shows the ${data.charted.shown} accounts with the highest scores of ${data.charted.of}.`
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
              ? "No account is in the high value, high abuse quadrant."
              : `High value, high abuse: ${highHigh
                  .sort((a, b) => b.score - a.score)
                  .map((p) => `${p.name} (score ${p.score}, ARR ${p.arrLabel})`)
                  .join("; ")}.`}
          </figcaption>
        </figure>
      </section>

      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="per-month">
          <h2 id="per-month" className="text-lg font-semibold">
            Incidents per month
          </h2>
          <figure>
            <IncidentsPerMonthChart data={data.byMonth} />
            <figcaption>
              <details className="mt-2 text-sm">
                <summary>Incidents per month as a table</summary>
                <table className="mt-2">
                  <thead>
                    <tr>
                      <th scope="col" className="pr-4 text-left">
                        Month
                      </th>
                      <th scope="col" className="text-right">
                        Incidents
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.byMonth.map((m) => (
                      <tr key={m.month}>
                        <td className="pr-4">{m.month}</td>
                        <td className="text-right">{m.incidents}</td>
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
            Severity mix
          </h2>
          <figure>
            <SeverityMixChart data={data.severityMix} />
            <figcaption className="mt-2 text-sm">
              {data.severityMix
                .map((s) => `${SEVERITY_LABELS[s.severity]}: ${s.incidents}`)
                .join(", ")}
            </figcaption>
          </figure>
        </section>
      </div>

      <section aria-labelledby="accounts-table">
        <h2 id="accounts-table" className="text-lg font-semibold">
          Accounts
        </h2>
        <p className="text-sm text-slate-700">
          Score: low 1, medium 3, high 6, critical 10 per incident (assessed severity where there is
          one). Trend: the last 90 days against the 90 before. Per 1M ARR is in the account&apos;s
          own currency. Open and overdue count the period&apos;s incidents.
        </p>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">
              Accounts with their incidents and commercial value
            </caption>
            <thead className="border-b border-slate-300">
              <tr>
                <SortHeader k="name">Account</SortHeader>
                <SortHeader k="incidents">Incidents</SortHeader>
                <SortHeader k="score">Score</SortHeader>
                <SortHeader k="employees">Employees</SortHeader>
                <th scope="col" className="px-2 py-2 text-left align-bottom">
                  Repeat contacts
                </th>
                <SortHeader k="perMillion">Per 1M ARR</SortHeader>
                <th scope="col" className="px-2 py-2 text-left align-bottom">
                  Open / overdue
                </th>
                <th scope="col" className="px-2 py-2 text-left align-bottom">
                  Trend
                </th>
                <SortHeader k="arr">ARR</SortHeader>
                <SortHeader k="renewal">Renewal</SortHeader>
                <th scope="col" className="px-2 py-2 text-left align-bottom">
                  Payment
                </th>
                <th scope="col" className="px-2 py-2 text-left align-bottom">
                  Conduct
                </th>
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
                      {SEGMENT_LABELS[r.segment as Segment] ?? r.segment} ·{" "}
                      {QUADRANT_LABELS[r.quadrant]}
                      {r.needsReview ? (
                        <span className="ml-1 rounded bg-red-100 px-1 font-semibold text-red-800">
                          Review
                        </span>
                      ) : null}
                    </div>
                  </th>
                  <td className="px-2 py-2 text-right">{r.incidents}</td>
                  <td className="px-2 py-2 text-right font-semibold">{r.score}</td>
                  <td className="px-2 py-2 text-right">{r.employeesAffected}</td>
                  <td className="px-2 py-2 text-right">{r.repeatContacts}</td>
                  <td className="px-2 py-2 text-right">
                    {r.perMillionArr === null ? "–" : r.perMillionArr.toFixed(1)}
                  </td>
                  <td className="px-2 py-2 text-right">
                    {r.open} / {r.overdue}
                  </td>
                  <td className="px-2 py-2">
                    <span aria-hidden="true">{TREND_ARROWS[r.trend.direction]} </span>
                    {TREND_WORDS[r.trend.direction]} ({r.trend.previous}→{r.trend.recent})
                  </td>
                  <td className="px-2 py-2 text-right">{formatMoney(r.arrMinor, r.currency)}</td>
                  <td className="px-2 py-2">{r.renewalDate ? formatDate(r.renewalDate) : "–"}</td>
                  <td className="px-2 py-2">
                    {r.paymentStatus.replace("_", " ").toLowerCase()}
                    {r.daysOverdue > 0 ? ` (${r.daysOverdue} days)` : ""}
                  </td>
                  <td className="px-2 py-2">{r.conductStatus.toLowerCase()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.rows.length === 0 ? (
            <p className="mt-4 text-slate-700">No accounts match these filters.</p>
          ) : null}
          {data.paging.pages > 1 ? (
            <nav aria-label="Account pages" className="mt-4 flex flex-wrap items-center gap-4">
              <span className="text-slate-700">
                Page {data.paging.page} of {data.paging.pages} ({data.paging.total} accounts)
              </span>
              {data.paging.page > 1 ? (
                <Link to={pageHref(data.paging.page - 1)} className="text-brand-700 underline">
                  Previous accounts
                </Link>
              ) : null}
              {data.paging.page < data.paging.pages ? (
                <Link to={pageHref(data.paging.page + 1)} className="text-brand-700 underline">
                  Next accounts
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>
      </section>
    </div>
  );
}
