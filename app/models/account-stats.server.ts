import {
  effectiveSeverity,
  incidentsPerMillion,
  monthKey,
  monthsBetween,
  quadrantOf,
  quadrantThresholds,
  severityScore,
  trend,
  TREND_WINDOW_DAYS,
  type Quadrant,
  type QuadrantThresholds,
  type Trend,
} from "~/domain/account-scoring";
import type { Viewer } from "~/domain/permissions";
import { SEVERITIES, type Segment, type Severity } from "~/domain/vocabulary";
import type { Db, Prisma } from "~/utils/db.server";

// The leadership dashboard's figures, per account, for one viewer. Everything is computed from
// the incidents the viewer may count (aggregateScope) — never from reporter names or narratives,
// which this module does not even select.

const DAY_MS = 24 * 3_600_000;

/**
 * Incidents a viewer may count in aggregates. Anyone named in a report is excluded from it
 * everywhere (DESIGN.md §5). Leadership and HR count all the others; a manager counts the
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

export function periodFor(months: number, now: Date): { from: Date; to: Date } {
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - months);
  return { from, to: now };
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

async function loadScopedIncidents(
  db: Db,
  viewer: Viewer,
  where: Prisma.IncidentWhereInput,
  now: Date,
): Promise<ScopedIncident[]> {
  return db.incident.findMany({
    where: { AND: [aggregateScope(viewer), where] },
    select: {
      id: true,
      accountId: true,
      reporterId: true,
      occurredAt: true,
      status: true,
      reporterSeverity: true,
      assessedSeverity: true,
      contacts: { select: { contactId: true } },
      deadlines: { where: { metAt: null, dueAt: { lt: now } }, select: { id: true }, take: 1 },
    },
  });
}

export const isOpen = (i: { status: string }) => i.status !== "RESOLVED";

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

/**
 * Per-account figures for the period and segment. Leadership and HR see every account in the
 * segment (quiet ones too: they are the baseline); a manager sees only accounts with at least
 * one of their team's incidents in the period — the revenue of other accounts is not theirs
 * to see (DESIGN.md §5).
 */
export async function getDashboard(
  db: Db,
  viewer: Viewer,
  filter: DashboardFilter,
  now = new Date(),
): Promise<Dashboard> {
  const trendStart = new Date(filter.to.getTime() - 2 * TREND_WINDOW_DAYS * DAY_MS);
  const loadFrom = trendStart < filter.from ? trendStart : filter.from;
  const accountWhere: Prisma.CustomerAccountWhereInput = filter.segment
    ? { segment: filter.segment }
    : {};
  const incidents = await loadScopedIncidents(
    db,
    viewer,
    { occurredAt: { gte: loadFrom, lt: filter.to }, account: accountWhere },
    now,
  );
  const inPeriod = incidents.filter((i) => i.occurredAt >= filter.from);
  const byAccount = new Map<string, ScopedIncident[]>();
  const allByAccount = new Map<string, ScopedIncident[]>();
  for (const i of incidents) {
    if (i.occurredAt >= filter.from) {
      byAccount.set(i.accountId, [...(byAccount.get(i.accountId) ?? []), i]);
    }
    allByAccount.set(i.accountId, [...(allByAccount.get(i.accountId) ?? []), i]);
  }

  const seesAllAccounts = viewer.role === "LEADERSHIP" || viewer.role === "HR";
  const accounts = await db.customerAccount.findMany({
    where: seesAllAccounts ? accountWhere : { id: { in: [...byAccount.keys()] } },
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
    const list = byAccount.get(a.id) ?? [];
    const f = figuresFor(list);
    const arrMinor = Number(a.arrMinor);
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
      ...f,
      perMillionArr: incidentsPerMillion(f.incidents, arrMinor),
      trend: trend(
        (allByAccount.get(a.id) ?? []).map((i) => i.occurredAt),
        filter.to,
      ),
    };
  });
  const thresholds = quadrantThresholds(partial);
  const rows = partial.map((r) => ({ ...r, quadrant: quadrantOf(r, thresholds) }));

  const months = new Map(monthsBetween(filter.from, filter.to).map((m) => [m, 0]));
  const mix = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const i of inPeriod) {
    const k = monthKey(i.occurredAt);
    months.set(k, (months.get(k) ?? 0) + 1);
    const s = effectiveSeverity(i);
    mix.set(s, (mix.get(s) ?? 0) + 1);
  }
  return {
    rows,
    thresholds,
    byMonth: [...months].map(([month, n]) => ({ month, incidents: n })),
    severityMix: [...mix].map(([severity, n]) => ({ severity, incidents: n })),
    totals: {
      incidents: inPeriod.length,
      accounts: rows.filter((r) => r.incidents > 0).length,
      employeesAffected: new Set(inPeriod.map((i) => i.reporterId)).size,
    },
  };
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

/**
 * One account's page: its fields, the viewer's incidents on it (no narrative for anyone, the
 * reporter's name only for HR), the contacts with their counts, actions and decisions.
 * Returns null when the viewer may not see the account (the route answers 404).
 */
export async function getAccountView(db: Db, viewer: Viewer, accountId: string, now = new Date()) {
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
        select: { id: true, name: true, jobTitle: true, needsConfirmation: true },
      },
    },
  });
  if (!account) return null;
  const seesIncidents =
    viewer.role === "LEADERSHIP" || viewer.role === "HR" || viewer.role === "MANAGER";
  const isHr = viewer.role === "HR";
  const rows = seesIncidents
    ? await db.incident.findMany({
        where: { AND: [aggregateScope(viewer), { accountId }] },
        orderBy: { occurredAt: "desc" },
        select: {
          id: true,
          reference: true,
          accountId: true,
          reporterId: true,
          occurredAt: true,
          status: true,
          reporterSeverity: true,
          assessedSeverity: true,
          categories: { select: { category: true } },
          contacts: { select: { contactId: true, contact: { select: { name: true } } } },
          deadlines: { where: { metAt: null, dueAt: { lt: now } }, select: { id: true }, take: 1 },
          ...(isHr ? { reporter: { select: { name: true } } } : {}),
        },
      })
    : [];
  // A manager sees an account only through their team's incidents on it.
  if (viewer.role === "MANAGER" && rows.length === 0) return null;
  if (!["LEADERSHIP", "HR", "MANAGER", "ADMIN"].includes(viewer.role)) return null;

  const incidents: AccountIncidentRow[] = rows.map((r) => {
    const row: AccountIncidentRow = {
      reference: r.reference,
      occurredAt: r.occurredAt.toISOString(),
      severity: effectiveSeverity(r),
      status: r.status,
      categories: r.categories.map((c) => c.category),
      contactNames: r.contacts.map((c) => c.contact.name),
      overdue: isOpen(r) && r.deadlines.length > 0,
    };
    const reporter = (r as { reporter?: { name: string } }).reporter;
    if (isHr && reporter) row.reporterName = reporter.name;
    return row;
  });

  const contactCounts = new Map<string, { count: number; last: Date | null }>();
  for (const r of rows) {
    for (const c of r.contacts) {
      const prev = contactCounts.get(c.contactId) ?? { count: 0, last: null };
      contactCounts.set(c.contactId, {
        count: prev.count + 1,
        last: prev.last && prev.last > r.occurredAt ? prev.last : r.occurredAt,
      });
    }
  }
  const incidentIds = rows.map((r) => r.id);
  const actionScope: Prisma.ActionWhereInput = {
    OR: [{ accountId }, { incidentId: { in: incidentIds } }],
    // Actions on incidents outside the viewer's scope stay hidden.
    AND: [{ OR: [{ incidentId: null }, { incidentId: { in: incidentIds } }] }],
  };
  // Protective measures are about the people harmed: next to a reference and the owner field
  // they would point at who reported. Leadership gets their number, never the list or the
  // free text handlers wrote as an outcome (a sanction's outcome neither).
  const isLeadership = viewer.role === "LEADERSHIP";
  const [actions, decisions, protectiveMeasures] = seesIncidents
    ? await Promise.all([
        db.action.findMany({
          where: isLeadership ? { AND: [actionScope, { catalogue: "SANCTION" }] } : actionScope,
          orderBy: { createdAt: "desc" },
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
          // A decision taken on a case the viewer may not see stays hidden with the case.
          where: { accountId, OR: [{ incidentId: null }, { incidentId: { in: incidentIds } }] },
          orderBy: { createdAt: "desc" },
          select: {
            id: true,
            decision: true,
            rationale: true,
            employeesConsulted: true,
            createdAt: true,
            decidedBy: { select: { name: true } },
            approver: { select: { name: true } },
          },
        }),
        db.action.count({ where: { AND: [actionScope, { catalogue: "PROTECTIVE" }] } }),
      ])
    : [[], [], 0];

  const f = figuresFor(rows);
  const arrMinor = Number(account.arrMinor);
  return {
    account: {
      id: account.id,
      crmId: account.crmId,
      name: account.name,
      segment: account.segment,
      currency: account.currency,
      arrMinor,
      contractValueMinor: Number(account.contractValueMinor),
      contractStart: account.contractStart?.toISOString() ?? null,
      contractEnd: account.contractEnd?.toISOString() ?? null,
      renewalDate: account.renewalDate?.toISOString() ?? null,
      noticeDate: account.noticeDate?.toISOString() ?? null,
      paymentStatus: account.paymentStatus,
      daysOverdue: account.daysOverdue,
      conductStatus: account.conductStatus,
      needsReview: account.needsReview,
      needsConfirmation: account.needsConfirmation,
      ownerName: account.owner?.name ?? null,
    },
    seesIncidents,
    figures: seesIncidents
      ? {
          ...f,
          perMillionArr: incidentsPerMillion(f.incidents, arrMinor),
          trend: trend(
            rows.map((r) => r.occurredAt),
            now,
          ),
        }
      : null,
    incidents,
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
    })),
  };
}

export type AccountView = NonNullable<Awaited<ReturnType<typeof getAccountView>>>;
