import { BUSINESS_YEARS, isRealDate } from "~/domain/input-rules";
import type { Viewer } from "~/domain/permissions";
import type { Db, Prisma } from "~/utils/db.server";
import type { CaseListRow } from "./case-export.server";
import { appendCaseEvent, verifyIncidentChain } from "./case-event.server";
import { handlerScope } from "./incident.server";

// HR histories and search. Everything goes through handlerScope, so a person named in a report
// (or who filed it) never finds it here.

export type CaseFilters = {
  from?: Date;
  to?: Date;
  severity?: string;
  category?: string;
  status?: string;
  teamId?: string;
  accountId?: string;
  reporterId?: string;
  contactId?: string;
};

export function caseWhere(viewer: Viewer, f: CaseFilters): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [handlerScope(viewer)];
  if (f.from) and.push({ occurredAt: { gte: f.from } });
  if (f.to) and.push({ occurredAt: { lt: f.to } });
  if (f.severity)
    and.push({
      OR: [
        { assessedSeverity: f.severity },
        { assessedSeverity: null, reporterSeverity: f.severity },
      ],
    });
  if (f.category) and.push({ categories: { some: { category: f.category } } });
  if (f.status) and.push({ status: f.status });
  if (f.teamId) and.push({ reporter: { teamId: f.teamId } });
  if (f.accountId) and.push({ accountId: f.accountId });
  if (f.reporterId) and.push({ reporterId: f.reporterId });
  if (f.contactId) and.push({ contacts: { some: { contactId: f.contactId } } });
  return { AND: and };
}

/** What a case list row reads (shared with the full-text search, incident-search.server.ts). */
export const CASE_LIST_SELECT = {
  id: true,
  reporterId: true,
  accountId: true,
  reference: true,
  createdAt: true,
  occurredAt: true,
  status: true,
  outcome: true,
  reporterSeverity: true,
  assessedSeverity: true,
  narrative: true,
  categories: { select: { category: true } },
  account: { select: { name: true } },
  reporter: { select: { name: true, team: { select: { name: true } } } },
  assignee: { select: { name: true } },
} satisfies Prisma.IncidentSelect;

export function toCaseListRow(
  r: Prisma.IncidentGetPayload<{ select: typeof CASE_LIST_SELECT }>,
): CaseListRow {
  return {
    id: r.id,
    reporterId: r.reporterId,
    accountId: r.accountId,
    reference: r.reference,
    createdAt: r.createdAt,
    occurredAt: r.occurredAt,
    status: r.status,
    outcome: r.outcome,
    severity: r.assessedSeverity ?? r.reporterSeverity,
    categories: r.categories.map((c) => c.category),
    accountName: r.account.name,
    reporterName: r.reporter.name,
    teamName: r.reporter.team?.name ?? null,
    assigneeName: r.assignee?.name ?? null,
    narrative: r.narrative,
  };
}

/**
 * Matching cases, newest first; a page of them when `page` is given, otherwise all. For the
 * per-employee, per-contact and per-account histories; the text search is searchCases in
 * incident-search.server.ts.
 */
export async function listCases(
  db: Db,
  viewer: Viewer,
  f: CaseFilters,
  page?: { take: number; skip: number },
): Promise<CaseListRow[]> {
  const rows = await db.incident.findMany({
    where: caseWhere(viewer, f),
    orderBy: [{ occurredAt: "desc" }, { id: "asc" }],
    ...page,
    select: CASE_LIST_SELECT,
  });
  return rows.map(toCaseListRow);
}

export function countCases(db: Db, viewer: Viewer, f: CaseFilters) {
  return db.incident.count({ where: caseWhere(viewer, f) });
}

/** Support given to an employee: the protective measures on the cases they reported. */
export async function supportGiven(db: Db, viewer: Viewer, reporterId: string) {
  return db.action.findMany({
    where: { catalogue: "PROTECTIVE", incident: caseWhere(viewer, { reporterId }) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      type: true,
      status: true,
      outcome: true,
      createdAt: true,
      incident: { select: { reference: true } },
    },
  });
}

/** The team filter's choices (teams grow with the organisation, not with the CRM). */
export function teamChoices(db: Db) {
  return db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/**
 * An account's history for HR. Decisions and actions taken on a case follow that case's rule:
 * someone named in it (or who filed it) does not see them, whatever their role.
 */
export function accountForHistory(db: Db, viewer: Viewer, id: string) {
  const fromVisibleCase = {
    OR: [{ incidentId: null }, { incident: handlerScope(viewer) }],
  } satisfies Prisma.DecisionWhereInput & Prisma.ActionWhereInput;
  return db.customerAccount.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      crmId: true,
      segment: true,
      arrMinor: true,
      contractValueMinor: true,
      currency: true,
      renewalDate: true,
      paymentStatus: true,
      daysOverdue: true,
      conductStatus: true,
      owner: { select: { name: true } },
      contacts: { orderBy: { name: "asc" }, take: 200, select: { id: true, name: true } },
      decisions: {
        where: fromVisibleCase,
        orderBy: { createdAt: "desc" },
        take: 50,
        select: {
          id: true,
          decision: true,
          rationale: true,
          employeesConsulted: true,
          createdAt: true,
          decidedBy: { select: { name: true } },
          approver: { select: { name: true } },
        },
      },
      actions: {
        where: { catalogue: "SANCTION", ...fromVisibleCase },
        orderBy: { createdAt: "desc" },
        take: 100,
        select: { id: true, type: true, status: true, outcome: true, createdAt: true },
      },
    },
  });
}

export type ChainBreak = { reference: string; seq: number; reason: string };
/** A retention purge found on a verified chain: its tombstone event and the rule it applied. */
export type ChainPurge = { reference: string; seq: number; at: Date; rule: string };
const PURGES_LISTED = 100;

/**
 * Verifies the hash chain of one case (by reference) or of every case, a page of incidents at a
 * time. Returns how many were checked and each broken case with the place it breaks.
 */
export async function verifyChains(
  db: Db,
  opts: { reference?: string; viewer?: Viewer } = {},
): Promise<{ checked: number; broken: ChainBreak[]; purged: number; purges: ChainPurge[] }> {
  const broken: ChainBreak[] = [];
  const purges: ChainPurge[] = [];
  let purged = 0;
  let checked = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await db.incident.findMany({
      where: {
        AND: [
          opts.reference ? { reference: opts.reference } : {},
          // On the page, HR never learns of a case that names them (the CLI checks all).
          opts.viewer ? handlerScope(opts.viewer) : {},
        ],
      },
      orderBy: { id: "asc" },
      take: 200,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: { id: true, reference: true },
    });
    for (const incident of page) {
      const verdict = await verifyIncidentChain(db, incident.id);
      checked++;
      if (!verdict.ok)
        broken.push({
          reference: incident.reference,
          seq: verdict.brokenAtSeq,
          reason: verdict.reason,
        });
    }
    // Purges are tombstone events on the chain itself: name them with the result.
    const tombstones = await db.caseEvent.findMany({
      where: { type: "RETENTION_PURGED", incidentId: { in: page.map((i) => i.id) } },
      select: { incidentId: true, seq: true, at: true, data: true },
    });
    purged += tombstones.length;
    for (const t of tombstones) {
      if (purges.length >= PURGES_LISTED) break;
      const data = JSON.parse(t.data) as { rule?: unknown };
      purges.push({
        reference: page.find((i) => i.id === t.incidentId)?.reference ?? "",
        seq: t.seq,
        at: t.at,
        rule: typeof data.rule === "string" ? data.rule : "",
      });
    }
    if (page.length < 200) break;
    cursor = page[page.length - 1].id;
  }
  broken.sort((a, b) => a.reference.localeCompare(b.reference));
  purges.sort((a, b) => a.reference.localeCompare(b.reference));
  return { checked, broken, purged, purges };
}

/** Filters from a search URL; anything malformed is ignored rather than an error. */
export function filtersFromUrl(url: URL): CaseFilters {
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const from = get("from");
  const to = get("to");
  const day = (d: string | undefined) =>
    d && isRealDate(d, BUSINESS_YEARS) ? new Date(`${d}T00:00:00Z`) : undefined;
  const toDate = day(to);
  if (toDate) toDate.setUTCDate(toDate.getUTCDate() + 1);
  const valid = (d: Date | undefined) => (d && !Number.isNaN(d.getTime()) ? d : undefined);
  return {
    from: valid(day(from)),
    to: valid(toDate),
    severity: get("severity"),
    category: get("category"),
    status: get("status"),
    teamId: get("team"),
    accountId: get("account"),
    reporterId: get("employee"),
    contactId: get("contact"),
  };
}

/** The most cases one CSV list holds; the page says so when a search finds more. */
export const CSV_MAX_ROWS = 5_000;

/** Cases per write transaction when a list export is recorded. */
export const EXPORT_BATCH = 100;

/**
 * A CSV list export: an EXPORTED event on each case it contains, written in short
 * transactions of EXPORT_BATCH cases, so a list of thousands never holds the database's write
 * lock for more than a moment (SQLite has one writer, and its driver does not yield). The
 * caller records a batch before sending its rows, so no row leaves without its event.
 */
export async function recordListExport(
  db: Db,
  p: { incidentIds: string[]; actorId: string; now?: Date },
) {
  const at = p.now ?? new Date();
  for (let i = 0; i < p.incidentIds.length; i += EXPORT_BATCH) {
    const batch = p.incidentIds.slice(i, i + EXPORT_BATCH);
    await db.$transaction(async (tx) => {
      for (const incidentId of batch) {
        await appendCaseEvent(tx, {
          incidentId,
          type: "EXPORTED",
          actorId: p.actorId,
          at,
          data: { format: "CSV", what: "case list" },
        });
      }
    });
    // Let waiting requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Rows for the CaseList component (JSON-safe). */
export function toListItems(rows: CaseListRow[]) {
  return rows.map((r) => ({
    reference: r.reference,
    occurredAt: r.occurredAt.toISOString(),
    status: r.status,
    outcome: r.outcome,
    severity: r.severity,
    categories: r.categories,
    accountId: r.accountId,
    accountName: r.accountName,
    reporterId: r.reporterId,
    reporterName: r.reporterName,
    teamName: r.teamName,
  }));
}
