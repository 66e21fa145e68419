import {
  effectiveSeverity,
  incidentsPerMillion,
  monthsBetween,
  periodStart,
  PERIOD_MONTHS,
  quadrantOf,
  quadrantThresholds,
  severityScore,
  TREND_WINDOW_DAYS,
  type MonthBySeverity,
  type Quadrant,
  type QuadrantThresholds,
  type Trend,
  utcDay,
} from "~/domain/account-scoring";
import type { Viewer } from "~/domain/permissions";
import { SEVERITIES, type Segment, type Severity } from "~/domain/vocabulary";
import { providerOf, type Db, type Prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { empty, join, sql, type Sql } from "~/utils/sql.server";
import { moveKeptFiguresTo, WEIGHT_SQL } from "./kept-figures.server";

// The leadership dashboard's figures, per account, for one viewer. Everything is computed from
// the incidents the viewer may count (aggregateScope) — never from reporter names or narratives,
// which this module does not even select.

const DAY_MS = 24 * 3_600_000;

/**
 * Incidents a viewer may count in aggregates. Anyone named in a report is excluded from it
 * everywhere. Leadership and HR count all the others; a manager counts the
 * reports of the teams they manage; anyone else counts nothing.
 */
export function aggregateScope(viewer: Viewer): Prisma.IncidentWhereInput {
  const notNamed: Prisma.IncidentWhereInput = { namedUsers: { none: { userId: viewer.id } } };
  if (viewer.role === "LEADERSHIP" || viewer.role === "HR") return notNamed;
  if (viewer.role === "MANAGER") {
    return { AND: [notNamed, { reporter: { teamId: { in: viewer.managedTeamIds } } }] };
  }
  return { id: { in: [] } };
}

export type DashboardFilter = {
  /** The period is [from, to). */
  from: Date;
  to: Date;
  segment: Segment | null;
};

/** The dashboard's period: from midnight UTC `months` months before today, to now. */
export function periodFor(months: number, now: Date): { from: Date; to: Date } {
  return { from: periodStart(months, now), to: now };
}

export type AccountFigures = {
  accountId: string;
  name: string;
  segment: string;
  currency: string;
  arrMinor: number;
  renewalDate: string | null;
  paymentStatus: string;
  daysOverdue: number;
  conductStatus: string;
  needsReview: boolean;
  incidents: number;
  score: number;
  employeesAffected: number;
  repeatContacts: number;
  perMillionArr: number | null;
  open: number;
  overdue: number;
  trend: Trend;
  quadrant: Quadrant;
};

export type Dashboard = {
  rows: AccountFigures[];
  /** A manager's accounts whose figures wait for an assessment: names and counts only. */
  withheld: { accountId: string; name: string; incidents: number }[];
  thresholds: QuadrantThresholds;
  byMonth: { month: string; incidents: number }[];
  severityMix: { severity: Severity; incidents: number }[];
  totals: { incidents: number; accounts: number; employeesAffected: number };
};

type ScopedIncident = {
  id: string;
  accountId: string;
  reporterId: string;
  occurredAt: Date;
  status: string;
  reporterSeverity: string;
  assessedSeverity: string | null;
  contacts: { contactId: string }[];
  deadlines: { id: string }[];
};

export const isOpen = (i: { status: string }) => i.status !== "RESOLVED";

/**
 * Severity before commercial value (decision 056): the accounts among `accountIds` on which a
 * manager has a case whose harm is not assessed yet — their team's reports, or a case assigned
 * or escalated to them. Until it is assessed, no figure of that account (ARR, contract value,
 * payment status) reaches them. Leadership and HR are not handlers who assess first: none.
 */
export async function accountsAwaitingAssessment(
  db: Db,
  viewer: Viewer,
  accountIds: string[],
): Promise<Set<string>> {
  if (viewer.role !== "MANAGER" || accountIds.length === 0) return new Set();
  const rows = await db.incident.groupBy({
    by: ["accountId"],
    where: {
      accountId: { in: accountIds },
      assessedSeverity: null,
      OR: [
        aggregateScope(viewer),
        { assigneeId: viewer.id },
        { participants: { some: { userId: viewer.id } } },
      ],
      namedUsers: { none: { userId: viewer.id } },
    },
  });
  return new Set(rows.map((r) => r.accountId));
}

/** The figures for one set of an account's incidents (already scoped and in the period). */
export function figuresFor(incidents: ScopedIncident[]) {
  const contactCounts = new Map<string, number>();
  for (const i of incidents) {
    for (const c of i.contacts) {
      contactCounts.set(c.contactId, (contactCounts.get(c.contactId) ?? 0) + 1);
    }
  }
  return {
    incidents: incidents.length,
    score: severityScore(incidents.map(effectiveSeverity)),
    employeesAffected: new Set(incidents.map((i) => i.reporterId)).size,
    repeatContacts: [...contactCounts.values()].filter((n) => n >= 2).length,
    open: incidents.filter(isOpen).length,
    overdue: incidents.filter((i) => isOpen(i) && i.deadlines.length > 0).length,
  };
}

/** aggregateScope as SQL over the alias i (the same rule; see aggregateScope). */
function aggregateScopeSql(viewer: Viewer): Sql {
  const notNamed = sql`NOT EXISTS (SELECT 1 FROM "IncidentNamedUser" n
    WHERE n."incidentId" = i."id" AND n."userId" = ${viewer.id})`;
  if (viewer.role === "LEADERSHIP" || viewer.role === "HR") return notNamed;
  if (viewer.role === "MANAGER" && viewer.managedTeamIds.length > 0) {
    return sql`${notNamed} AND i."reporterId" IN (
      SELECT u."id" FROM "User" u WHERE u."teamId" IN (${join(viewer.managedTeamIds)}))`;
  }
  return sql`1 = 0`;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Per-account figures for the period and segment. Leadership and HR see every account in the
 * segment (quiet ones too: they are the baseline); a manager sees only accounts with at least
 * one of their team's incidents in the period — the revenue of other accounts is not theirs
 * to see.
 *
 * Every figure is aggregated in SQL (GROUP BY account, month, severity): a request reads one
 * row per account, never the period's incidents (decision 036). Grouping by the expression
 * `"accountId" || ''` (not the bare column) keeps SQLite on the occurredAt range instead of
 * walking every incident through the accountId index to avoid a sort.
 */
export async function getDashboard(
  db: Db,
  viewer: Viewer,
  filter: DashboardFilter,
  now = new Date(),
): Promise<Dashboard> {
  // The trend's windows start at midnight UTC, as the kept figures' do (decision 115).
  const recentFrom = new Date(utcDay(filter.to).getTime() - TREND_WINDOW_DAYS * DAY_MS);
  const trendStart = new Date(utcDay(filter.to).getTime() - 2 * TREND_WINDOW_DAYS * DAY_MS);
  const loadFrom = trendStart < filter.from ? trendStart : filter.from;
  const accountWhere: Prisma.CustomerAccountWhereInput = filter.segment
    ? { segment: filter.segment }
    : {};
  const segmentJoin = filter.segment
    ? sql` JOIN "CustomerAccount" ac ON ac."id" = i."accountId" AND ac."segment" = ${filter.segment}`
    : empty;
  const scope = aggregateScopeSql(viewer);
  const inPeriod = sql`i."occurredAt" >= ${filter.from} AND i."occurredAt" < ${filter.to}`;

  const [perAccount, repeats, mixRows, reporters] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT i."accountId" || '' AS "accountId",
        SUM(CASE WHEN i."occurredAt" >= ${filter.from} THEN 1 ELSE 0 END) AS "incidents",
        SUM(CASE WHEN i."occurredAt" >= ${filter.from} THEN ${WEIGHT_SQL} ELSE 0 END) AS "score",
        COUNT(DISTINCT CASE WHEN i."occurredAt" >= ${filter.from} THEN i."reporterId" END) AS "employees",
        SUM(CASE WHEN i."occurredAt" >= ${filter.from} AND i."status" <> 'RESOLVED' THEN 1 ELSE 0 END) AS "open",
        SUM(CASE WHEN i."occurredAt" >= ${filter.from} AND i."status" <> 'RESOLVED'
          AND i."nextDueAt" < ${now} THEN 1 ELSE 0 END) AS "overdue",
        SUM(CASE WHEN i."occurredAt" >= ${recentFrom} THEN 1 ELSE 0 END) AS "recent",
        SUM(CASE WHEN i."occurredAt" >= ${trendStart} AND i."occurredAt" < ${recentFrom}
          THEN 1 ELSE 0 END) AS "previous"
      FROM "Incident" i${segmentJoin}
      WHERE i."occurredAt" >= ${loadFrom} AND i."occurredAt" < ${filter.to} AND ${scope}
      GROUP BY 1`),
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT x."accountId" AS "accountId", COUNT(*) AS "repeats" FROM (
        SELECT i."accountId" || '' AS "accountId", c."contactId" AS "contactId"
        FROM "Incident" i JOIN "IncidentContact" c ON c."incidentId" = i."id"${segmentJoin}
        WHERE ${inPeriod} AND ${scope}
        GROUP BY 1, 2 HAVING COUNT(*) >= 2) x
      GROUP BY x."accountId"`),
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT ${monthSql()} AS "month", COALESCE(i."assessedSeverity", i."reporterSeverity") AS "severity",
        COUNT(*) AS "incidents"
      FROM "Incident" i${segmentJoin}
      WHERE ${inPeriod} AND ${scope}
      GROUP BY 1, 2`),
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT COUNT(DISTINCT i."reporterId") AS "employees"
      FROM "Incident" i${segmentJoin} WHERE ${inPeriod} AND ${scope}`),
  ]);
  const figures = new Map(perAccount.map((r) => [String(r.accountId), r]));
  const repeatCounts = new Map(repeats.map((r) => [String(r.accountId), n(r.repeats)]));

  const seesAllAccounts = viewer.role === "LEADERSHIP" || viewer.role === "HR";
  const withIncidents = perAccount
    .filter((r) => n(r.incidents) > 0)
    .map((r) => String(r.accountId));
  const accounts = await db.customerAccount.findMany({
    where: seesAllAccounts ? accountWhere : { id: { in: withIncidents } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      segment: true,
      currency: true,
      arrMinor: true,
      renewalDate: true,
      paymentStatus: true,
      daysOverdue: true,
      conductStatus: true,
      needsReview: true,
    },
  });

  const partial = accounts.map((a) => {
    const f = figures.get(a.id);
    const arrMinor = Number(a.arrMinor);
    const incidents = n(f?.incidents);
    const recent = n(f?.recent);
    const previous = n(f?.previous);
    return {
      accountId: a.id,
      name: a.name,
      segment: a.segment,
      currency: a.currency,
      arrMinor,
      renewalDate: a.renewalDate?.toISOString() ?? null,
      paymentStatus: a.paymentStatus,
      daysOverdue: a.daysOverdue,
      conductStatus: a.conductStatus,
      needsReview: a.needsReview,
      incidents,
      score: n(f?.score),
      employeesAffected: n(f?.employees),
      repeatContacts: repeatCounts.get(a.id) ?? 0,
      open: n(f?.open),
      overdue: n(f?.overdue),
      perMillionArr: incidentsPerMillion(incidents, arrMinor),
      trend: {
        recent,
        previous,
        direction: recent > previous ? "UP" : recent < previous ? "DOWN" : "FLAT",
      } as Trend,
    };
  });
  // A manager's accounts with an unassessed case of theirs leave the value chart and table; the
  // page lists them by name and count only, until the harm is assessed.
  const held = await accountsAwaitingAssessment(
    db,
    viewer,
    partial.map((r) => r.accountId),
  );
  const shown = partial.filter((r) => !held.has(r.accountId));
  const withheld = partial
    .filter((r) => held.has(r.accountId))
    .map((r) => ({ accountId: r.accountId, name: r.name, incidents: r.incidents }));
  const thresholds = quadrantThresholds(shown);
  const rows = shown.map((r) => ({ ...r, quadrant: quadrantOf(r, thresholds) }));

  const months = new Map(monthsBetween(filter.from, filter.to).map((m) => [m, 0]));
  const mix = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  let total = 0;
  for (const r of mixRows) {
    const k = String(r.month);
    const count = n(r.incidents);
    total += count;
    months.set(k, (months.get(k) ?? 0) + count);
    const s = effectiveSeverity({ assessedSeverity: null, reporterSeverity: String(r.severity) });
    mix.set(s, (mix.get(s) ?? 0) + count);
  }
  return {
    rows,
    withheld,
    thresholds,
    byMonth: [...months].map(([month, count]) => ({ month, incidents: count })),
    severityMix: [...mix].map(([severity, count]) => ({ severity, incidents: count })),
    totals: {
      incidents: total,
      accounts: rows.filter((r) => r.incidents > 0).length,
      employeesAffected: n(reporters[0]?.employees),
    },
  };
}

/** The UTC month of occurredAt as YYYY-MM (SQLite stores ISO text; PostgreSQL a timestamp). */
function monthSql(): Sql {
  return providerOf(getEnv().DATABASE_URL) === "postgresql"
    ? sql`to_char(i."occurredAt", 'YYYY-MM')`
    : sql`substr(i."occurredAt", 1, 7)`;
}

/**
 * An account's totals from the kept figures (decision 115), for leadership and HR when no case
 * of the account names them; null otherwise (the caller counts them from the incidents).
 * Overdue changes as time passes: counted from the account's open cases by index.
 */
async function keptAccountTotals(db: Db, viewer: Viewer, accountId: string, now: Date) {
  if (viewer.role !== "LEADERSHIP" && viewer.role !== "HR") return null;
  await moveKeptFiguresTo(db, now);
  const [row] = await db.$queryRaw<Record<string, unknown>[]>(sql`
    SELECT
      (SELECT COUNT(*) FROM "IncidentNamedUser" n JOIN "Incident" i ON i."id" = n."incidentId"
        WHERE n."userId" = ${viewer.id} AND i."accountId" = ${accountId}) AS "named",
      p."incidents" AS "incidents", p."score" AS "score", p."employees" AS "employees",
      p."open" AS "open", r."incidents" AS "recent",
      COALESCE(q."incidents", 0) - COALESCE(r."incidents", 0) AS "previous",
      (SELECT COUNT(*) FROM "Incident" i WHERE i."accountId" = ${accountId}
        AND i."nextDueAt" IS NOT NULL AND i."nextDueAt" < ${now} AND i."status" <> 'RESOLVED') AS "overdue"
    FROM "CustomerAccount" a
    LEFT JOIN "AccountFigure" p ON p."accountId" = a."id" AND p."period" = 0
    LEFT JOIN "AccountFigure" r ON r."accountId" = a."id" AND r."period" = ${-TREND_WINDOW_DAYS}
    LEFT JOIN "AccountFigure" q ON q."accountId" = a."id" AND q."period" = ${-2 * TREND_WINDOW_DAYS}
    WHERE a."id" = ${accountId}`);
  if (!row || n(row.named) > 0) return null;
  return row;
}

export type AccountIncidentRow = {
  reference: string;
  occurredAt: string;
  severity: Severity;
  status: string;
  categories: string[];
  contactNames: string[];
  overdue: boolean;
  /** Only for HR: who reported it. Never present for anyone else. */
  reporterName?: string;
};

/** Incidents listed a page on the account page (newest first, paged by key). */
export const ACCOUNT_INCIDENTS_PAGE = 50;
/** The most contacts, actions and decisions an account page lists. */
const ACCOUNT_CONTACTS_MAX = 200;
const ACCOUNT_ACTIONS_MAX = 100;
const ACCOUNT_DECISIONS_MAX = 50;
/** Months in the account's history chart, this one included. */
export const ACCOUNT_HISTORY_MONTHS = 18;

/** `occurredAt|id` of the last incident on a page: the next page starts after it. */
function parseIncidentCursor(before: string | null | undefined) {
  if (!before) return null;
  const [at, id] = before.split("|");
  const when = new Date(at ?? "");
  if (!id || Number.isNaN(when.getTime())) return null;
  return { when, id };
}

/**
 * One account's page: its fields, the viewer's incidents on it (no narrative for anyone, the
 * reporter's name only for HR; the newest ACCOUNT_INCIDENTS_PAGE, then paged by key with
 * `before`), the contacts with their counts, actions and decisions.
 * Returns null when the viewer may not see the account (the route answers 404).
 *
 * Every figure is an SQL aggregate over the account's incidents in the viewer's scope (counts,
 * month × severity, per contact): a request never reads an account's incidents whole, however
 * many it has.
 */
export async function getAccountView(
  db: Db,
  viewer: Viewer,
  accountId: string,
  now = new Date(),
  page: { before?: string | null } = {},
) {
  if (!["LEADERSHIP", "HR", "MANAGER", "ADMIN"].includes(viewer.role)) return null;
  const account = await db.customerAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      crmId: true,
      name: true,
      segment: true,
      currency: true,
      arrMinor: true,
      contractValueMinor: true,
      contractStart: true,
      contractEnd: true,
      renewalDate: true,
      noticeDate: true,
      paymentStatus: true,
      daysOverdue: true,
      conductStatus: true,
      needsReview: true,
      needsConfirmation: true,
      owner: { select: { name: true } },
      contacts: {
        orderBy: { name: "asc" },
        take: ACCOUNT_CONTACTS_MAX,
        select: { id: true, name: true, jobTitle: true, needsConfirmation: true },
      },
    },
  });
  if (!account) return null;
  const seesIncidents =
    viewer.role === "LEADERSHIP" || viewer.role === "HR" || viewer.role === "MANAGER";
  const isHr = viewer.role === "HR";
  const isLeadership = viewer.role === "LEADERSHIP";
  const scoped: Prisma.IncidentWhereInput = { AND: [aggregateScope(viewer), { accountId }] };
  const scope = sql`i."accountId" = ${accountId} AND ${aggregateScopeSql(viewer)}`;

  // The figures first: a manager sees an account only through their team's incidents on it.
  // Trend windows start at midnight UTC, as the dashboard's (decision 115).
  const w = TREND_WINDOW_DAYS * DAY_MS;
  const recentFrom = new Date(utcDay(now).getTime() - w);
  const previousFrom = new Date(utcDay(now).getTime() - 2 * w);
  const totals = !seesIncidents
    ? undefined
    : ((await keptAccountTotals(db, viewer, accountId, now)) ??
      (
        await db.$queryRaw<Record<string, unknown>[]>(sql`
          SELECT COUNT(*) AS "incidents", SUM(${WEIGHT_SQL}) AS "score",
            COUNT(DISTINCT i."reporterId") AS "employees",
            SUM(CASE WHEN i."status" <> 'RESOLVED' THEN 1 ELSE 0 END) AS "open",
            SUM(CASE WHEN i."status" <> 'RESOLVED' AND i."nextDueAt" < ${now} THEN 1 ELSE 0 END) AS "overdue",
            SUM(CASE WHEN i."occurredAt" >= ${recentFrom} AND i."occurredAt" < ${now} THEN 1 ELSE 0 END) AS "recent",
            SUM(CASE WHEN i."occurredAt" >= ${previousFrom} AND i."occurredAt" < ${recentFrom} THEN 1 ELSE 0 END) AS "previous"
          FROM "Incident" i WHERE ${scope}`)
      )[0]);
  if (viewer.role === "MANAGER" && n(totals?.incidents) === 0) return null;

  const cursor = parseIncidentCursor(page.before);
  // Actions and decisions on a case the viewer may not count stay hidden with the case.
  const actionScope: Prisma.ActionWhereInput = {
    OR: [{ accountId, incidentId: null }, { incident: scoped }],
  };
  const historyFrom = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (ACCOUNT_HISTORY_MONTHS - 1), 1),
  );
  const [rows, perContact, monthRows, actions, decisions, protectiveMeasures] = seesIncidents
    ? await Promise.all([
        db.incident.findMany({
          where: cursor
            ? {
                AND: [
                  scoped,
                  {
                    OR: [
                      { occurredAt: { lt: cursor.when } },
                      { occurredAt: cursor.when, id: { lt: cursor.id } },
                    ],
                  },
                ],
              }
            : scoped,
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
          take: ACCOUNT_INCIDENTS_PAGE + 1,
          select: {
            id: true,
            reference: true,
            occurredAt: true,
            status: true,
            reporterSeverity: true,
            assessedSeverity: true,
            nextDueAt: true,
            categories: { select: { category: true } },
            contacts: { select: { contact: { select: { name: true } } } },
            ...(isHr ? { reporter: { select: { name: true } } } : {}),
          },
        }),
        db.$queryRaw<Record<string, unknown>[]>(sql`
          SELECT c."contactId" AS "contactId", COUNT(*) AS "incidents",
            MAX(i."occurredAt") AS "last"
          FROM "Incident" i JOIN "IncidentContact" c ON c."incidentId" = i."id"
          WHERE ${scope}
          GROUP BY c."contactId"`),
        db.$queryRaw<Record<string, unknown>[]>(sql`
          SELECT ${monthSql()} AS "month",
            COALESCE(i."assessedSeverity", i."reporterSeverity") AS "severity",
            COUNT(*) AS "incidents"
          FROM "Incident" i WHERE ${scope} AND i."occurredAt" >= ${historyFrom}
          GROUP BY 1, 2`),
        db.action.findMany({
          where: isLeadership ? { AND: [actionScope, { catalogue: "SANCTION" }] } : actionScope,
          orderBy: { createdAt: "desc" },
          take: ACCOUNT_ACTIONS_MAX,
          select: {
            id: true,
            catalogue: true,
            type: true,
            status: true,
            dueAt: true,
            outcome: true,
            createdAt: true,
            incident: { select: { reference: true } },
            owner: { select: { name: true } },
          },
        }),
        db.decision.findMany({
          where: { accountId, OR: [{ incidentId: null }, { incident: scoped }] },
          orderBy: { createdAt: "desc" },
          take: ACCOUNT_DECISIONS_MAX,
          select: {
            id: true,
            decision: true,
            rationale: true,
            employeesConsulted: true,
            createdAt: true,
            status: true,
            reviewComment: true,
            reviewedAt: true,
            decidedBy: { select: { name: true } },
            approver: { select: { name: true } },
          },
        }),
        db.action.count({ where: { AND: [actionScope, { catalogue: "PROTECTIVE" }] } }),
      ])
    : [[], [], [], [], [], 0];

  // Incidents since the last decision against as many days before it (beforeAndAfter, in SQL).
  // Only an approved decision changed anything: proposals and rejections are not milestones.
  const lastDecision = decisions.find((d) => d.status === "APPROVED");
  let sinceLastDecision: { at: string; days: number; before: number; after: number } | null = null;
  if (seesIncidents && lastDecision) {
    const pivot = lastDecision.createdAt;
    const span = Math.max(0, now.getTime() - pivot.getTime());
    const start = new Date(pivot.getTime() - span);
    const [r] = await db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT
        SUM(CASE WHEN i."occurredAt" >= ${pivot} AND i."occurredAt" <= ${now} THEN 1 ELSE 0 END) AS "after",
        SUM(CASE WHEN i."occurredAt" >= ${start} AND i."occurredAt" < ${pivot} THEN 1 ELSE 0 END) AS "before"
      FROM "Incident" i WHERE ${scope} AND i."occurredAt" >= ${start}`);
    sinceLastDecision = {
      at: pivot.toISOString(),
      days: Math.round(span / DAY_MS),
      before: n(r?.before),
      after: n(r?.after),
    };
  }

  const hasMore = rows.length > ACCOUNT_INCIDENTS_PAGE;
  const shown = rows.slice(0, ACCOUNT_INCIDENTS_PAGE);
  const lastShown = shown.at(-1);
  const incidents: AccountIncidentRow[] = shown.map((r) => {
    const row: AccountIncidentRow = {
      reference: r.reference,
      occurredAt: r.occurredAt.toISOString(),
      severity: effectiveSeverity(r),
      status: r.status,
      categories: r.categories.map((c) => c.category),
      contactNames: r.contacts.map((c) => c.contact.name),
      overdue: isOpen(r) && r.nextDueAt !== null && r.nextDueAt < now,
    };
    const reporter = (r as { reporter?: { name: string } }).reporter;
    if (isHr && reporter) row.reporterName = reporter.name;
    return row;
  });

  const contactCounts = new Map(
    perContact.map((c) => [
      String(c.contactId),
      { count: n(c.incidents), last: c.last ? new Date(c.last as string | Date) : null },
    ]),
  );
  const months = new Map(
    monthsBetween(historyFrom, now).map((month) => [
      month,
      { month, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 } as MonthBySeverity,
    ]),
  );
  for (const r of monthRows) {
    const row = months.get(String(r.month));
    const s = effectiveSeverity({ assessedSeverity: null, reporterSeverity: String(r.severity) });
    if (row) row[s] += n(r.incidents);
  }

  const count = n(totals?.incidents);
  const recent = n(totals?.recent);
  const previous = n(totals?.previous);
  const withheld = (await accountsAwaitingAssessment(db, viewer, [account.id])).has(account.id);
  const arrMinor = withheld ? null : Number(account.arrMinor);
  return {
    account: {
      id: account.id,
      crmId: account.crmId,
      name: account.name,
      segment: account.segment,
      currency: account.currency,
      arrMinor,
      contractValueMinor: withheld ? null : Number(account.contractValueMinor),
      contractStart: account.contractStart?.toISOString() ?? null,
      contractEnd: account.contractEnd?.toISOString() ?? null,
      renewalDate: account.renewalDate?.toISOString() ?? null,
      noticeDate: account.noticeDate?.toISOString() ?? null,
      paymentStatus: withheld ? null : account.paymentStatus,
      daysOverdue: withheld ? null : account.daysOverdue,
      conductStatus: account.conductStatus,
      needsReview: account.needsReview,
      needsConfirmation: account.needsConfirmation,
      ownerName: account.owner?.name ?? null,
    },
    seesIncidents,
    /** True while one of this manager's cases on the account is unassessed (decision 056). */
    figuresWithheld: withheld,
    figures: seesIncidents
      ? {
          incidents: count,
          score: n(totals?.score),
          employeesAffected: n(totals?.employees),
          repeatContacts: perContact.filter((c) => n(c.incidents) >= 2).length,
          open: n(totals?.open),
          overdue: n(totals?.overdue),
          perMillionArr: arrMinor === null ? null : incidentsPerMillion(count, arrMinor),
          trend: {
            recent,
            previous,
            direction: recent > previous ? "UP" : recent < previous ? "DOWN" : "FLAT",
          } as Trend,
        }
      : null,
    /** The account's history: months × severity, and the change since the last decision. */
    history: seesIncidents ? { months: [...months.values()], sinceLastDecision } : null,
    incidents,
    /** The key of the next (older) page of incidents, when there is one. */
    olderIncidents:
      hasMore && lastShown ? `${lastShown.occurredAt.toISOString()}|${lastShown.id}` : null,
    contacts: account.contacts
      .map((c) => ({
        id: c.id,
        name: c.name,
        jobTitle: c.jobTitle,
        needsConfirmation: c.needsConfirmation,
        incidents: seesIncidents ? (contactCounts.get(c.id)?.count ?? 0) : null,
        lastIncidentAt: contactCounts.get(c.id)?.last?.toISOString() ?? null,
      }))
      // A manager sees only the contacts on their team's incidents.
      .filter((c) => viewer.role !== "MANAGER" || (c.incidents ?? 0) > 0)
      .sort((a, b) => (b.incidents ?? 0) - (a.incidents ?? 0) || a.name.localeCompare(b.name)),
    actions: actions.map((a) => ({
      id: a.id,
      catalogue: a.catalogue,
      type: a.type,
      status: a.status,
      dueAt: a.dueAt?.toISOString() ?? null,
      outcome: isLeadership ? null : a.outcome,
      createdAt: a.createdAt.toISOString(),
      reference: a.incident?.reference ?? null,
      // People near a case are not named to leadership, who never see who reported.
      ownerName: viewer.role === "LEADERSHIP" ? null : (a.owner?.name ?? null),
    })),
    /** How many protective measures there are: for leadership, in place of their list. */
    protectiveMeasures,
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      rationale: d.rationale,
      employeesConsulted: d.employeesConsulted,
      createdAt: d.createdAt.toISOString(),
      decidedBy: d.decidedBy.name,
      approver: d.approver.name,
      // Proposed, approved or rejected (decision 055): only approved ones changed the account.
      status: d.status,
      reviewComment: d.reviewComment,
      reviewedAt: d.reviewedAt?.toISOString() ?? null,
    })),
  };
}

export type AccountView = NonNullable<Awaited<ReturnType<typeof getAccountView>>>;

// ---------------------------------------------------------------------------------------------
// The dashboard page: one page of the account table, the chart's points and the totals.

/** The table's orders; ties go by name. */
export const DASHBOARD_SORTS = [
  "score",
  "incidents",
  "arr",
  "perMillion",
  "employees",
  "renewal",
  "name",
] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

const COMPARE: Record<DashboardSort, (a: AccountFigures, b: AccountFigures) => number> = {
  score: (a, b) => b.score - a.score,
  incidents: (a, b) => b.incidents - a.incidents,
  arr: (a, b) => b.arrMinor - a.arrMinor,
  perMillion: (a, b) => (b.perMillionArr ?? -1) - (a.perMillionArr ?? -1),
  employees: (a, b) => b.employeesAffected - a.employeesAffected,
  renewal: (a, b) => (a.renewalDate ?? "9999").localeCompare(b.renewalDate ?? "9999"),
  name: (a, b) => a.name.localeCompare(b.name),
};

export type DashboardView = {
  sort: DashboardSort;
  quadrant: Quadrant | null;
  flagged: boolean;
  withIncidents: boolean;
  page: number;
  pageSize: number;
  /** The most accounts the value chart shows. */
  chartPoints: number;
};

export type DashboardPage = Omit<Dashboard, "rows"> & {
  rows: AccountFigures[];
  paging: { page: number; pages: number; total: number };
  /** The accounts with the highest scores, then the most valuable quiet ones. */
  charted: AccountFigures[];
  /** How many accounts the chart could show. */
  inScope: number;
};

/**
 * The dashboard as a page. Leadership and HR read the kept figures (decision 115): the table is
 * filtered, sorted and paged in SQL over one row per account, the totals and charts come from
 * the per-day counts, and no incident is read except the open ones of the page's accounts (for
 * "overdue", which changes as time passes). A manager's figures are computed from their teams'
 * incidents (bounded by their teams), as is any viewer named in a case of the period (their
 * figures must leave that case out) or a period that is not one of the kept windows.
 */
export async function getDashboardPage(
  db: Db,
  viewer: Viewer,
  filter: DashboardFilter,
  view: DashboardView,
  now = new Date(),
): Promise<DashboardPage> {
  const months = keptPeriodOf(filter, now);
  if (months !== null && (viewer.role === "LEADERSHIP" || viewer.role === "HR")) {
    await moveKeptFiguresTo(db, now);
    if (!(await namedSince(db, viewer, filter.from, now))) {
      return keptDashboardPage(db, filter, months, view, now);
    }
  }
  return pageInMemory(await getDashboard(db, viewer, filter, now), view);
}

/** The kept window a period is, if it is one: N months back from midnight UTC today, to now. */
function keptPeriodOf(filter: DashboardFilter, now: Date): number | null {
  if (filter.to.getTime() !== now.getTime()) return null;
  const m = PERIOD_MONTHS.find((p) => periodStart(p, now).getTime() === filter.from.getTime());
  return m ?? null;
}

/** Whether a case the viewer is named in counts in the period or the trend's windows. */
async function namedSince(db: Db, viewer: Viewer, from: Date, now: Date) {
  const trendStart = new Date(utcDay(now).getTime() - 2 * TREND_WINDOW_DAYS * DAY_MS);
  const since = trendStart < from ? trendStart : from;
  const rows = await db.$queryRaw<unknown[]>(sql`
    SELECT 1 FROM "IncidentNamedUser" n JOIN "Incident" i ON i."id" = n."incidentId"
    WHERE n."userId" = ${viewer.id} AND i."occurredAt" >= ${since} LIMIT 1`);
  return rows.length > 0;
}

function pageInMemory(d: Dashboard, view: DashboardView): DashboardPage {
  const rows = d.rows
    .filter((r) => !view.quadrant || r.quadrant === view.quadrant)
    .filter((r) => !view.flagged || r.needsReview)
    .filter((r) => !view.withIncidents || r.incidents > 0)
    .sort((a, b) => COMPARE[view.sort](a, b) || a.name.localeCompare(b.name));
  const pages = Math.max(1, Math.ceil(rows.length / view.pageSize));
  const page = Math.min(pages, Math.max(1, view.page));
  const charted = [...d.rows]
    .sort((a, b) => b.score - a.score || b.arrMinor - a.arrMinor)
    .slice(0, view.chartPoints);
  return {
    ...d,
    rows: rows.slice((page - 1) * view.pageSize, page * view.pageSize),
    paging: { page, pages, total: rows.length },
    charted,
    inScope: d.rows.length,
  };
}

const ACCOUNT_COLUMNS = sql`a."id" AS "accountId", a."name" AS "name", a."segment" AS "segment",
  a."currency" AS "currency", a."arrMinor" AS "arrMinor", a."renewalDate" AS "renewalDate",
  a."paymentStatus" AS "paymentStatus", a."daysOverdue" AS "daysOverdue",
  a."conductStatus" AS "conductStatus", a."needsReview" AS "needsReview",
  COALESCE(p."incidents", 0) AS "incidents", COALESCE(p."score", 0) AS "score",
  COALESCE(p."employees", 0) AS "employees", COALESCE(p."repeatContacts", 0) AS "repeats",
  COALESCE(p."open", 0) AS "open", COALESCE(r."incidents", 0) AS "recent",
  COALESCE(q."incidents", 0) - COALESCE(r."incidents", 0) AS "previous"`;

/** What the value chart needs of an account (the table's other figures are not read). */
const CHART_COLUMNS = sql`a."id" AS "accountId", a."name" AS "name", a."segment" AS "segment",
  a."currency" AS "currency", a."arrMinor" AS "arrMinor", a."paymentStatus" AS "paymentStatus",
  a."conductStatus" AS "conductStatus", a."needsReview" AS "needsReview",
  COALESCE(p."incidents", 0) AS "incidents", COALESCE(p."score", 0) AS "score"`;

const SORT_SQL: Record<DashboardSort, Sql> = {
  score: sql`COALESCE(p."score", 0) DESC`,
  incidents: sql`COALESCE(p."incidents", 0) DESC`,
  arr: sql`a."arrMinor" DESC`,
  // Incidents per million of ARR; no ARR sorts last, as in the table (null is shown as "–").
  perMillion: sql`CASE WHEN a."arrMinor" > 0
    THEN COALESCE(p."incidents", 0) * 100000000.0 / a."arrMinor" ELSE -1 END DESC`,
  employees: sql`COALESCE(p."employees", 0) DESC`,
  renewal: sql`CASE WHEN a."renewalDate" IS NULL THEN 1 ELSE 0 END, a."renewalDate" ASC`,
  name: sql`a."name" ASC`,
};

async function keptDashboardPage(
  db: Db,
  filter: DashboardFilter,
  months: number,
  view: DashboardView,
  now: Date,
): Promise<DashboardPage> {
  const segment = filter.segment ? sql` AND a."segment" = ${filter.segment}` : empty;
  const fromDay = filter.from.toISOString().slice(0, 10);
  // Accounts with an incident in the period, and every account in scope (the quiet ones are
  // leadership's baseline).
  const [counts] = await db.$queryRaw<Record<string, unknown>[]>(sql`
    SELECT
      (SELECT COUNT(*) FROM "AccountFigure" p${
        filter.segment ? sql` JOIN "CustomerAccount" a ON a."id" = p."accountId"` : empty
      } WHERE p."period" = ${months}${segment}) AS "active",
      (SELECT COUNT(*) FROM "CustomerAccount" a WHERE 1 = 1${segment}) AS "all",
      (SELECT SUM(d."incidents") FROM "IncidentDayCount" d
        WHERE d."day" >= ${fromDay}${filter.segment ? sql` AND d."segment" = ${filter.segment}` : empty}) AS "incidents",
      (SELECT COUNT(*) FROM "ReporterFigure" e
        WHERE e."segment" = ${filter.segment ?? ""} AND e."lastOccurredAt" >= ${filter.from}) AS "employees"`);
  const active = n(counts?.active);
  const all = n(counts?.all);

  // Quadrant thresholds: the median ARR of every account in scope, the median score of those
  // with incidents (at least 1), each read from an index at the middle.
  const middle = async (q: (offset: number) => Sql, count: number) => {
    if (count === 0) return 0;
    const at = Math.floor(count / 2);
    const rows = await db.$queryRaw<{ v: unknown }[]>(q(count % 2 ? at : at - 1));
    const v = rows.map((r) => Number(r.v));
    return count % 2 ? v[0] : (v[0] + v[1]) / 2;
  };
  const [arrMedian, scoreMedian] = await Promise.all([
    middle(
      (o) => sql`SELECT a."arrMinor" AS "v" FROM "CustomerAccount" a WHERE 1 = 1${segment}
        ORDER BY a."arrMinor" LIMIT 2 OFFSET ${o}`,
      all,
    ),
    middle(
      (o) => sql`SELECT p."score" AS "v" FROM "AccountFigure" p${
        filter.segment ? sql` JOIN "CustomerAccount" a ON a."id" = p."accountId"` : empty
      } WHERE p."period" = ${months}${segment}
        ORDER BY p."score" LIMIT 2 OFFSET ${o}`,
      active,
    ),
  ]);
  const thresholds: QuadrantThresholds = { arrMinor: arrMedian, score: Math.max(1, scoreMedian) };

  const joins = sql`
    LEFT JOIN "AccountFigure" r ON r."accountId" = a."id" AND r."period" = ${-TREND_WINDOW_DAYS}
    LEFT JOIN "AccountFigure" q ON q."accountId" = a."id" AND q."period" = ${-2 * TREND_WINDOW_DAYS}`;
  const highValue = sql`a."arrMinor" >= ${thresholds.arrMinor}`;
  const highAbuse = sql`COALESCE(p."score", 0) > 0 AND p."score" >= ${thresholds.score}`;
  const quadrantSql: Record<Quadrant, Sql> = {
    HIGH_VALUE_HIGH_ABUSE: sql`${highValue} AND ${highAbuse}`,
    HIGH_VALUE_LOW_ABUSE: sql`${highValue} AND NOT (${highAbuse})`,
    LOW_VALUE_HIGH_ABUSE: sql`NOT (${highValue}) AND ${highAbuse}`,
    LOW_VALUE_LOW_ABUSE: sql`NOT (${highValue}) AND NOT (${highAbuse})`,
  };
  // With incidents only (the default), the period's figures drive the query; otherwise every
  // account in scope does.
  const from = view.withIncidents
    ? sql`"AccountFigure" p JOIN "CustomerAccount" a ON a."id" = p."accountId" AND p."period" = ${months}`
    : sql`"CustomerAccount" a LEFT JOIN "AccountFigure" p ON p."accountId" = a."id" AND p."period" = ${months}`;
  const where = sql`1 = 1${segment}${view.flagged ? sql` AND a."needsReview" = ${true}` : empty}${
    view.quadrant ? sql` AND ${quadrantSql[view.quadrant]}` : empty
  }`;
  const total =
    !view.flagged && !view.quadrant
      ? view.withIncidents
        ? active
        : all
      : n(
          (
            await db.$queryRaw<{ n: unknown }[]>(
              sql`SELECT COUNT(*) AS "n" FROM ${from} WHERE ${where}`,
            )
          )[0]?.n,
        );
  const pages = Math.max(1, Math.ceil(total / view.pageSize));
  const page = Math.min(pages, Math.max(1, view.page));

  const [pageRows, topRows, monthRows] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT ${ACCOUNT_COLUMNS} FROM ${from}${joins} WHERE ${where}
      ORDER BY ${view.withIncidents && view.sort === "score" ? sql`p."score" DESC` : SORT_SQL[view.sort]}, a."name" ASC, a."id" ASC
      LIMIT ${view.pageSize} OFFSET ${(page - 1) * view.pageSize}`),
    // The chart: the highest scores, then (when fewer accounts had incidents than it shows)
    // the most valuable quiet accounts.
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT ${CHART_COLUMNS} FROM "AccountFigure" p
      JOIN "CustomerAccount" a ON a."id" = p."accountId" AND p."period" = ${months}
      WHERE 1 = 1${segment}
      ORDER BY p."score" DESC, a."arrMinor" DESC LIMIT ${view.chartPoints}`),
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT substr(d."day", 1, 7) AS "month", d."severity" AS "severity",
        SUM(d."incidents") AS "incidents"
      FROM "IncidentDayCount" d
      WHERE d."day" >= ${fromDay}${filter.segment ? sql` AND d."segment" = ${filter.segment}` : empty}
      GROUP BY 1, 2`),
  ]);
  const quiet =
    topRows.length < view.chartPoints
      ? await db.$queryRaw<Record<string, unknown>[]>(sql`
          SELECT ${CHART_COLUMNS} FROM "CustomerAccount" a
          LEFT JOIN "AccountFigure" p ON p."accountId" = a."id" AND p."period" = ${months}
          WHERE p."accountId" IS NULL${segment}
          ORDER BY a."arrMinor" DESC LIMIT ${view.chartPoints - topRows.length}`)
      : [];

  // Overdue changes as time passes: counted for the page's accounts from their open cases.
  const ids = pageRows.map((r) => String(r.accountId));
  const overdueRows = ids.length
    ? await db.$queryRaw<{ accountId: string; overdue: unknown }[]>(sql`
        SELECT i."accountId" AS "accountId", COUNT(*) AS "overdue" FROM "Incident" i
        WHERE i."accountId" IN (${join(ids)}) AND i."nextDueAt" IS NOT NULL
          AND i."nextDueAt" < ${now} AND i."status" <> 'RESOLVED' AND i."occurredAt" >= ${filter.from}
        GROUP BY i."accountId"`)
    : [];
  const overdue = new Map(overdueRows.map((r) => [String(r.accountId), n(r.overdue)]));
  const toFigures = (r: Record<string, unknown>): AccountFigures => {
    const arrMinor = n(r.arrMinor);
    const incidents = n(r.incidents);
    const recent = n(r.recent);
    const previous = n(r.previous);
    const row = {
      accountId: String(r.accountId),
      name: String(r.name),
      segment: String(r.segment),
      currency: String(r.currency),
      arrMinor,
      renewalDate: r.renewalDate ? new Date(r.renewalDate as string | Date).toISOString() : null,
      paymentStatus: String(r.paymentStatus),
      daysOverdue: n(r.daysOverdue),
      conductStatus: String(r.conductStatus),
      needsReview: r.needsReview === true || n(r.needsReview) === 1,
      incidents,
      score: n(r.score),
      employeesAffected: n(r.employees),
      repeatContacts: n(r.repeats),
      open: n(r.open),
      overdue: overdue.get(String(r.accountId)) ?? 0,
      perMillionArr: incidentsPerMillion(incidents, arrMinor),
      trend: {
        recent,
        previous,
        direction: recent > previous ? "UP" : recent < previous ? "DOWN" : "FLAT",
      } as Trend,
    };
    return { ...row, quadrant: quadrantOf(row, thresholds) };
  };

  const monthsMap = new Map(monthsBetween(filter.from, filter.to).map((m) => [m, 0]));
  const mix = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const r of monthRows) {
    const k = String(r.month);
    const count = n(r.incidents);
    if (monthsMap.has(k)) monthsMap.set(k, (monthsMap.get(k) ?? 0) + count);
    const s = effectiveSeverity({ assessedSeverity: null, reporterSeverity: String(r.severity) });
    mix.set(s, (mix.get(s) ?? 0) + count);
  }
  return {
    rows: pageRows.map(toFigures),
    paging: { page, pages, total },
    charted: [...topRows, ...quiet].map(toFigures),
    inScope: all,
    withheld: [],
    thresholds,
    byMonth: [...monthsMap].map(([month, count]) => ({ month, incidents: count })),
    severityMix: [...mix].map(([severity, count]) => ({ severity, incidents: count })),
    totals: {
      incidents: n(counts?.incidents),
      accounts: active,
      employeesAffected: n(counts?.employees),
    },
  };
}
