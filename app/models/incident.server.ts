import { noteIncidentsFiled } from "./kept-figures.server";
import type { IncidentFacts, Viewer } from "~/domain/permissions";
import { formatReference } from "~/domain/reference";
import { routeReport } from "~/domain/routing";
import { getCategorySettings } from "./jurisdiction.server";
import type { Category, Channel, Severity, SupportKind } from "~/domain/vocabulary";
import type { Db, Prisma, Tx } from "~/utils/db.server";
import { empty, join, sql, type Sql } from "~/utils/sql.server";
import type { StoredEvidence } from "~/utils/evidence-storage.server";
import { appendCaseEvent, appendCaseEvents } from "./case-event.server";
import { getDefaultPolicy } from "./deadline-policy.server";
import { CLOCKS_STARTED_ON_FILING, startClocks, stopClock } from "./deadline.server";
import { recordEvidence } from "./evidence.server";
import { loadRoutingPeople } from "./org-chart.server";
import { enqueueNotification, enqueueNotifications } from "./notification.server";
import { flagRepeatOffenders } from "./repeat-offender.server";
import { alertCritical } from "./reporter-news.server";
import { crmIdsOf, enqueueWebhookEvents, wants, webhookSubscribers } from "./webhook.server";

export type NewIncident = {
  reporterId: string;
  accountId: string;
  occurredAt: Date;
  channel: Channel;
  severity: Severity;
  categories: Category[];
  narrative: string;
  impact?: string;
  contactIds?: string[];
  namedUserIds?: string[];
  submissionKey?: string;
  /** Colleagues who saw or heard it (they are not excluded, unlike namedUserIds). */
  witnessIds?: string[];
  supportKinds?: SupportKind[];
  /** Files already stored by the upload handler; recorded in the same transaction. */
  evidence?: StoredEvidence[];
  /** An account not in the list yet: created for an admin to confirm; accountId is ignored. */
  newAccountName?: string;
  /** A contact not in the list yet: created on the account for an admin to confirm. */
  newContactName?: string;
};

/** The form's submissionKey belongs to another person's report. */
export class SubmissionKeyTaken extends Error {
  constructor() {
    super("This form's key belongs to another report.");
  }
}

/** The form's submissionKey filed a report already, whose text differs from this one. */
export class SubmissionKeyReused extends Error {
  constructor(readonly reference: string) {
    super(`This form already filed ${reference}.`);
  }
}

async function nextReference(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const counter = await tx.referenceCounter.upsert({
    where: { year },
    create: { year, last: 1 },
    update: { last: { increment: 1 } },
  });
  return formatReference(year, counter.last);
}

/** Of the colleagues a reporter picked, those who exist (ids come from the form). */
async function existingUserIds(tx: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002"
  );
}

/**
 * Files a report. Everything a success answer promises is written in one transaction: the
 * incident, its first timeline events, its four deadline clocks and the mails it causes.
 * The same submissionKey twice returns the first report.
 */
export async function createIncident(db: Db, input: NewIncident, now = new Date()) {
  try {
    return await fileIncident(db, input, now);
  } catch (error) {
    // The same form sent twice at the same moment (on PostgreSQL, possibly to two servers):
    // both looked for the key before either had committed, and the unique index refused the
    // second. The first report stands; looking again answers this one as its duplicate (or as
    // a changed resend), exactly as a later resend would be answered.
    const key = input.submissionKey;
    if (
      key &&
      isUniqueViolation(error) &&
      (await db.incident.count({ where: { submissionKey: key } }))
    ) {
      return fileIncident(db, input, now);
    }
    throw error;
  }
}

async function fileIncident(db: Db, input: NewIncident, now: Date) {
  // Read (or cached) before the write lock: usually no statement at all.
  const hooks = await webhookSubscribers(db);
  return db.$transaction(async (tx) => {
    if (input.submissionKey) {
      const existing = await tx.incident.findUnique({
        where: { submissionKey: input.submissionKey },
        select: {
          id: true,
          reference: true,
          reporterId: true,
          narrative: true,
          impact: true,
          occurredAt: true,
          channel: true,
          reporterSeverity: true,
        },
      });
      // Someone else's key (replayed or forged): never theirs to reuse, and never a crash on
      // the unique index.
      if (existing && existing.reporterId !== input.reporterId) throw new SubmissionKeyTaken();
      if (existing) {
        const same =
          existing.narrative === input.narrative &&
          (existing.impact ?? "") === (input.impact ?? "") &&
          existing.occurredAt.getTime() === input.occurredAt.getTime() &&
          existing.channel === input.channel &&
          existing.reporterSeverity === input.severity;
        // The same report sent again (double click, retry after a lost answer): the first one
        // stands. Edited since: not filed silently as if it were the first.
        if (same) return { id: existing.id, reference: existing.reference, duplicate: true };
        throw new SubmissionKeyReused(existing.reference);
      }
    }
    // The reporter's management line, walked in the database, plus HR and leadership.
    const people = await loadRoutingPeople(tx, [input.reporterId]);
    const reporter = people.get(input.reporterId);
    if (!reporter) throw new Error("Unknown reporter");
    const known = await existingUserIds(tx, [
      ...(input.namedUserIds ?? []),
      ...(input.witnessIds ?? []),
    ]);
    const namedUserIds = [...new Set(input.namedUserIds ?? [])].filter(
      (id) => id !== input.reporterId && known.has(id),
    );
    const route = routeReport({
      reporter,
      people,
      namedUserIds,
      categories: input.categories,
      severity: input.severity,
      hrCategories: (await getCategorySettings(tx)).hrCategories,
    });
    let accountId = input.accountId;
    if (input.newAccountName) {
      const account = await tx.customerAccount.create({
        data: {
          name: input.newAccountName,
          crmId: `PENDING-${crypto.randomUUID()}`,
          segment: "SMB",
          needsConfirmation: true,
        },
        select: { id: true },
      });
      accountId = account.id;
    }
    const contactIds = [...new Set(input.contactIds ?? [])];
    if (input.newContactName) {
      const contact = await tx.customerContact.create({
        data: { accountId, name: input.newContactName, needsConfirmation: true },
        select: { id: true },
      });
      contactIds.push(contact.id);
    }
    const witnessIds = [...new Set(input.witnessIds ?? [])].filter(
      (id) => id !== input.reporterId && !namedUserIds.includes(id) && known.has(id),
    );
    const incident = await tx.incident.create({
      data: {
        // Numbered at the end (below): a placeholder no one else can see until then.
        reference: `PENDING-${crypto.randomUUID()}`,
        submissionKey: input.submissionKey,
        reporterId: input.reporterId,
        accountId,
        occurredAt: input.occurredAt,
        channel: input.channel,
        reporterSeverity: input.severity,
        narrative: input.narrative,
        impact: input.impact,
        assigneeId: route.assigneeId,
        createdAt: now,
        categories: { create: input.categories.map((category) => ({ category })) },
        contacts: { create: contactIds.map((contactId) => ({ contactId })) },
        namedUsers: { create: namedUserIds.map((userId) => ({ userId })) },
        witnesses: { create: witnessIds.map((userId) => ({ userId })) },
        supportRequests: {
          create: [...new Set(input.supportKinds ?? [])].map((kind) => ({ kind })),
        },
        participants: {
          create: [
            ...(route.assigneeId ? [{ userId: route.assigneeId, role: "HANDLER" }] : []),
            ...route.hrIds.map((userId) => ({ userId, role: "HR" })),
          ],
        },
      },
      select: { id: true },
    });

    // The first two timeline entries chained in memory and inserted together.
    await appendCaseEvents(tx, incident.id, [
      {
        incidentId: incident.id,
        type: "SUBMITTED",
        actorId: input.reporterId,
        at: now,
        visibleToReporter: true,
        data: { severity: input.severity, channel: input.channel },
      },
      {
        incidentId: incident.id,
        type: "ASSIGNED",
        actorId: null,
        at: now,
        visibleToReporter: true,
        data: { assigneeId: route.assigneeId, hrIds: route.hrIds, reason: "routing" },
      },
    ]);
    await recordEvidence(tx, {
      incidentId: incident.id,
      uploadedById: input.reporterId,
      files: input.evidence ?? [],
      now,
    });

    const policy = await getDefaultPolicy(tx);
    const clocks = await startClocks(tx, {
      incidentId: incident.id,
      kinds: CLOCKS_STARTED_ON_FILING,
      severity: input.severity,
      policy,
      now,
    });
    const ack = clocks.find((c) => c.kind === "ACKNOWLEDGE")!;

    // The reference last: taking the next number locks the year's counter row until commit, so
    // concurrent filings queue on it (the numbers stay gapless). Everything above runs side by
    // side; only the numbering and the few statements that need the number wait their turn.
    const reference = await nextReference(tx, now);
    await tx.incident.update({ where: { id: incident.id }, data: { reference } });
    // The assignee and HR were loaded with the routing people (email included): one insert.
    const recipients = [route.assigneeId, ...route.hrIds]
      .map((id) => (id ? people.get(id) : undefined))
      .filter((p) => p !== undefined);
    await enqueueNotifications(
      tx,
      recipients.map((r) => ({
        idempotencyKey: `incident:${incident.id}:new-report:${r.id}`,
        recipient: r,
        template: "NEW_REPORT_ASSIGNED" as const,
        data: { reference, severity: input.severity, dueAt: ack.dueAt.toISOString() },
        incidentId: incident.id,
      })),
    );
    await alertCritical(tx, {
      incidentId: incident.id,
      reference,
      severity: input.severity,
      assigneeId: route.assigneeId,
      hrIds: route.hrIds,
      excludeIds: [input.reporterId, ...namedUserIds],
    });
    if (wants(hooks, "incident.filed")) {
      const crm = await crmIdsOf(tx, [accountId]);
      await enqueueWebhookEvents(
        tx,
        hooks,
        [
          {
            type: "incident.filed",
            reference,
            severity: input.severity,
            channel: input.channel,
            categories: input.categories,
            accountCrmId: crm.get(accountId) ?? null,
          },
        ],
        now,
      );
    }
    // The account's kept figures, the day counts and the reporter's latest incident (decision 115).
    await noteIncidentsFiled(tx, [incident.id]);
    // A contact's second incident within a year flags the account for leadership review.
    await flagRepeatOffenders(tx, incident.id, now, hooks);
    return { id: incident.id, reference, duplicate: false };
  });
}

/** The facts permission checks need, by reference; null when there is no such report. */
export async function getIncidentFacts(
  db: Db,
  reference: string,
): Promise<(IncidentFacts & { id: string }) | null> {
  const row = await db.incident.findUnique({
    where: { reference },
    select: {
      id: true,
      reporterId: true,
      assigneeId: true,
      reporter: { select: { teamId: true } },
      participants: { select: { userId: true } },
      namedUsers: { select: { userId: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    reporterId: row.reporterId,
    reporterTeamId: row.reporter.teamId,
    assigneeId: row.assigneeId,
    participantIds: row.participants.map((p) => p.userId),
    namedUserIds: row.namedUsers.map((n) => n.userId),
  };
}

/** Incidents a manager or HR handles: the same rule as incidentAccess, as a query. */
export function handlerScope(viewer: Viewer): Prisma.IncidentWhereInput {
  const notNamed: Prisma.IncidentWhereInput = {
    namedUsers: { none: { userId: viewer.id } },
    reporterId: { not: viewer.id },
  };
  if (viewer.role === "HR") return notNamed;
  const involved: Prisma.IncidentWhereInput[] = [
    { assigneeId: viewer.id },
    { participants: { some: { userId: viewer.id } } },
  ];
  if (viewer.role === "MANAGER") {
    involved.push({ reporter: { teamId: { in: viewer.managedTeamIds } } });
  }
  return { AND: [notNamed, { OR: involved }] };
}

/**
 * handlerScope as SQL over the alias i, for the queue and the counts: the same rule, written so
 * the planner is driven by an index. HR walks Incident.nextDueAt in order and filters; anyone
 * else starts from the small set of cases they are involved in (assignee, participant, their
 * teams' reports) through the assigneeId, IncidentParticipant.userId and reporterId indexes.
 */
export function handlerScopeSql(viewer: Viewer): Sql {
  const notNamed = sql`i."reporterId" <> ${viewer.id} AND NOT EXISTS (
    SELECT 1 FROM "IncidentNamedUser" n WHERE n."incidentId" = i."id" AND n."userId" = ${viewer.id})`;
  if (viewer.role === "HR") return notNamed;
  const teams =
    viewer.role === "MANAGER" && viewer.managedTeamIds.length > 0
      ? sql` UNION SELECT r."id" FROM "Incident" r JOIN "User" u ON u."id" = r."reporterId"
             WHERE u."teamId" IN (${join(viewer.managedTeamIds)})`
      : empty;
  return sql`${notNamed} AND i."id" IN (
    SELECT a."id" FROM "Incident" a WHERE a."assigneeId" = ${viewer.id}
    UNION SELECT p."incidentId" FROM "IncidentParticipant" p WHERE p."userId" = ${viewer.id}${teams})`;
}

/**
 * Open cases in a handler's scope with a running clock (nextDueAt), optionally only those whose
 * next clock is past `overdueAt`: the header's counts, on every page (decision 115). The same
 * rule as handlerScopeSql, written so each part reads open cases only, from an index:
 * - HR: every open case but their own, counted inside the index on (nextDueAt, status,
 *   reporterId) without reading a row, less the open cases naming them (by their name's index).
 * - Anyone else: their open cases by assignee and their teams' reporters through the
 *   (assigneeId, nextDueAt) and (reporterId, nextDueAt) indexes, and the cases they take part in.
 * A clock falls due without any write; counting `nextDueAt < now` in an index is what keeps the
 * overdue count right without one.
 */
async function countOpenHandled(db: Db, viewer: Viewer, overdueAt: Date | null) {
  const due = overdueAt ? sql` AND i."nextDueAt" < ${overdueAt}` : empty;
  const open = sql`i."nextDueAt" IS NOT NULL${due} AND i."status" <> 'RESOLVED' AND i."reporterId" <> ${viewer.id}`;
  let query: Sql;
  if (viewer.role === "HR") {
    query = sql`SELECT
      (SELECT COUNT(*) FROM "Incident" i WHERE ${open})
      - (SELECT COUNT(*) FROM "IncidentNamedUser" n JOIN "Incident" i ON i."id" = n."incidentId"
         WHERE n."userId" = ${viewer.id} AND ${open}) AS n`;
  } else {
    const teams =
      viewer.role === "MANAGER" && viewer.managedTeamIds.length > 0
        ? sql` UNION SELECT r."id" FROM "User" u JOIN "Incident" r ON r."reporterId" = u."id"
               WHERE u."teamId" IN (${join(viewer.managedTeamIds)}) AND r."nextDueAt" IS NOT NULL`
        : empty;
    query = sql`SELECT COUNT(*) AS n FROM "Incident" i WHERE ${open}
      AND NOT EXISTS (SELECT 1 FROM "IncidentNamedUser" n
        WHERE n."incidentId" = i."id" AND n."userId" = ${viewer.id})
      AND i."id" IN (
        SELECT a."id" FROM "Incident" a WHERE a."assigneeId" = ${viewer.id} AND a."nextDueAt" IS NOT NULL
        UNION SELECT p."incidentId" FROM "IncidentParticipant" p WHERE p."userId" = ${viewer.id}${teams})`;
  }
  const rows = await db.$queryRaw<{ n: number | bigint }[]>(query);
  return Number(rows[0]?.n ?? 0);
}

/** Open cases in a handler's scope with at least one clock past due: the number in the menu. */
export function countOverdueCases(db: Db, viewer: Viewer, now = new Date()) {
  return countOpenHandled(db, viewer, now);
}

/** Open cases in a handler's scope (every open case has a running RESOLVE clock). */
export function countOpenCases(db: Db, viewer: Viewer) {
  return countOpenHandled(db, viewer, null);
}

export type QueueItem = {
  id: string;
  reference: string;
  status: string;
  severity: string;
  accountName: string;
  occurredAt: Date;
  createdAt: Date;
  assigneeName: string | null;
  nextDeadline: { kind: string; dueAt: Date } | null;
  openDeadlines: { kind: string; dueAt: Date }[];
};

export const QUEUE_PAGE_SIZE = 50;

/** Where a queue page starts: the last case of the previous page. */
export type QueueCursor = { dueAt: Date; id: string };

/**
 * One page of a handler's open cases, the nearest running clock first (overdue at the top),
 * ordered and paged by key in SQL: (nextDueAt, id) after the cursor. `next` is the cursor of
 * the following page, or null on the last one.
 */
export async function getHandlerQueue(
  db: Db,
  viewer: Viewer,
  opts: { after?: QueueCursor | null; take?: number } = {},
): Promise<{ items: QueueItem[]; next: QueueCursor | null }> {
  const take = opts.take ?? QUEUE_PAGE_SIZE;
  const after = opts.after
    ? sql` AND (i."nextDueAt" > ${opts.after.dueAt} OR (i."nextDueAt" = ${opts.after.dueAt} AND i."id" > ${opts.after.id}))`
    : empty;
  const page = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT i."id" FROM "Incident" i
    WHERE i."nextDueAt" IS NOT NULL AND i."status" <> 'RESOLVED' AND ${handlerScopeSql(viewer)}${after}
    ORDER BY i."nextDueAt", i."id"
    LIMIT ${take + 1}`);
  const ids = page.slice(0, take).map((r) => r.id);
  const rows = await db.incident.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      reference: true,
      status: true,
      reporterSeverity: true,
      assessedSeverity: true,
      occurredAt: true,
      createdAt: true,
      nextDueAt: true,
      account: { select: { name: true } },
      assignee: { select: { name: true } },
      deadlines: {
        where: { metAt: null },
        orderBy: { dueAt: "asc" },
        select: { kind: true, dueAt: true },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      severity: r.assessedSeverity ?? r.reporterSeverity,
      accountName: r.account.name,
      occurredAt: r.occurredAt,
      createdAt: r.createdAt,
      assigneeName: r.assignee?.name ?? null,
      nextDeadline: r.deadlines[0] ?? null,
      openDeadlines: r.deadlines,
    }));
  const last = rows.length ? byId.get(ids[ids.length - 1]) : undefined;
  const next =
    page.length > take && last?.nextDueAt ? { dueAt: last.nextDueAt, id: last.id } : null;
  return { items, next };
}

export async function getReporterList(db: Db, reporterId: string) {
  return db.incident.findMany({
    where: { reporterId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      reference: true,
      status: true,
      reporterSeverity: true,
      occurredAt: true,
      createdAt: true,
      account: { select: { name: true } },
    },
    take: 200,
  });
}

/** What the reporter may see of their own report: no private notes, no other names. */
export async function getIncidentForReporter(db: Db, id: string) {
  return db.incident.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      reference: true,
      status: true,
      channel: true,
      reporterSeverity: true,
      occurredAt: true,
      createdAt: true,
      acknowledgedAt: true,
      narrative: true,
      impact: true,
      account: { select: { name: true } },
      categories: { select: { category: true } },
      assignee: { select: { name: true } },
      contacts: { select: { contact: { select: { name: true } } } },
      witnesses: { select: { user: { select: { name: true } } } },
      namedUsers: { select: { user: { select: { name: true } } } },
      supportRequests: { select: { kind: true, answer: true, answerReason: true } },
      deadlines: {
        where: { kind: "ACKNOWLEDGE" },
        select: { kind: true, dueAt: true, metAt: true },
      },
    },
  });
}

export async function getIncidentForHandler(db: Db, id: string) {
  return db.incident.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      reference: true,
      status: true,
      channel: true,
      reporterSeverity: true,
      assessedSeverity: true,
      occurredAt: true,
      createdAt: true,
      acknowledgedAt: true,
      narrative: true,
      impact: true,
      reporter: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      account: { select: { id: true, name: true } },
      categories: { select: { category: true } },
      deadlines: {
        orderBy: { dueAt: "asc" },
        select: { id: true, kind: true, dueAt: true, metAt: true, breachedAt: true },
      },
    },
  });
}

/**
 * Acknowledges a report: status, the ACKNOWLEDGE clock stopped (met or late), a timeline
 * entry the reporter sees, and a mail to the reporter, all in one transaction. A second
 * acknowledgement (double click, two managers at once) changes nothing.
 */
export async function acknowledgeIncident(
  db: Db,
  incidentId: string,
  actorId: string,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const claimed = await tx.incident.updateMany({
      where: { id: incidentId, status: "SUBMITTED" },
      data: { status: "ACKNOWLEDGED", acknowledgedAt: now },
    });
    if (claimed.count === 0) return { changed: false };
    await stopClock(tx, incidentId, "ACKNOWLEDGE", now);
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: incidentId },
      select: { reference: true, reporter: { select: { id: true, email: true } } },
    });
    await appendCaseEvent(tx, {
      incidentId,
      type: "ACKNOWLEDGED",
      actorId,
      at: now,
      visibleToReporter: true,
    });
    await enqueueNotification(tx, {
      idempotencyKey: `incident:${incidentId}:acknowledged`,
      recipient: incident.reporter,
      template: "REPORT_ACKNOWLEDGED",
      data: { reference: incident.reference },
      incidentId,
    });
    return { changed: true };
  });
}
