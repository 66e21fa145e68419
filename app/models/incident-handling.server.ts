import {
  noteSeverityChanged,
  noteSeverityChanging,
  refreshIncidentAccount,
} from "./kept-figures.server";
import { tellReporter } from "./reporter-news.server";
import { SANCTION_LABELS, type ActionStatus, type Sanction } from "~/domain/sanctions";
import type { Category, Outcome, ProtectiveMeasure, Severity } from "~/domain/vocabulary";
import type { Db } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { eligibleCasePerson } from "./case-picker.server";
import { getDefaultPolicy } from "./deadline-policy.server";
import {
  restartClock,
  restartReporterUpdateClock,
  stopAllClocks,
  stopClock,
} from "./deadline.server";
import { enqueueNotification } from "./notification.server";
import { enqueueWebhookEvents, wants, webhookSubscribers } from "./webhook.server";

// What a handler does to a case that stops a clock. Each writes its change, its timeline
// entry and its mails in one transaction.

async function caseBasics(db: Db, incidentId: string) {
  return db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      reference: true,
      status: true,
      reporterSeverity: true,
      assessedSeverity: true,
      reporter: { select: { id: true, email: true } },
    },
  });
}

/** An update for the reporter: shown on their timeline, mailed (without its text). */
export async function sendReporterUpdate(
  db: Db,
  p: { incidentId: string; actorId: string; text: string; now?: Date },
) {
  const now = p.now ?? new Date();
  const incident = await caseBasics(db, p.incidentId);
  const policy = await getDefaultPolicy(db);
  return db.$transaction(async (tx) => {
    const { seq } = await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "REPORTER_UPDATED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: true,
      data: { text: p.text },
    });
    if (incident.status !== "RESOLVED") {
      await restartReporterUpdateClock(tx, {
        incidentId: p.incidentId,
        severity: (incident.assessedSeverity ?? incident.reporterSeverity) as Severity,
        policy,
        now,
      });
    }
    await enqueueNotification(tx, {
      idempotencyKey: `incident:${p.incidentId}:update:${seq}`,
      recipient: incident.reporter,
      template: "REPORTER_UPDATE",
      data: { reference: incident.reference },
      incidentId: p.incidentId,
    });
  });
}

/** The first protective measure stops the FIRST_PROTECTIVE_ACTION clock. */
export async function recordProtectiveAction(
  db: Db,
  p: {
    incidentId: string;
    actorId: string;
    type: ProtectiveMeasure;
    ownerId?: string;
    dueAt?: Date | null;
    now?: Date;
  },
) {
  const now = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const action = await tx.action.create({
      data: {
        incidentId: p.incidentId,
        catalogue: "PROTECTIVE",
        type: p.type,
        ownerId: p.ownerId ?? p.actorId,
        createdById: p.actorId,
        dueAt: p.dueAt ?? null,
        status: "PLANNED",
        createdAt: now,
      },
      select: { id: true },
    });
    await stopClock(tx, p.incidentId, "FIRST_PROTECTIVE_ACTION", now);
    await tx.incident.updateMany({
      where: { id: p.incidentId, status: { in: ["SUBMITTED", "ACKNOWLEDGED"] } },
      data: { status: "IN_PROGRESS" },
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "PROTECTIVE_ACTION",
      actorId: p.actorId,
      at: now,
      visibleToReporter: true,
      data: { actionId: action.id, measure: p.type },
    });
    await tellReporter(tx, {
      incidentId: p.incidentId,
      template: "PROTECTION_RECORDED",
      key: `protection:${action.id}`,
    });
    return action;
  });
}

/** Resolving stops every clock on the case. */
export async function resolveIncident(
  db: Db,
  p: { incidentId: string; actorId: string; outcome: Outcome; now?: Date },
) {
  const now = p.now ?? new Date();
  const hooks = await webhookSubscribers(db);
  return db.$transaction(async (tx) => {
    const claimed = await tx.incident.updateMany({
      where: { id: p.incidentId, status: { not: "RESOLVED" } },
      data: { status: "RESOLVED", outcome: p.outcome, resolvedAt: now },
    });
    if (claimed.count === 0) return { changed: false };
    await refreshIncidentAccount(tx, p.incidentId);
    if (wants(hooks, "case.resolved")) {
      const c = await tx.incident.findUniqueOrThrow({
        where: { id: p.incidentId },
        select: { reference: true, account: { select: { crmId: true } } },
      });
      await enqueueWebhookEvents(
        tx,
        hooks,
        [
          {
            type: "case.resolved",
            reference: c.reference,
            outcome: p.outcome,
            accountCrmId: c.account.crmId,
          },
        ],
        now,
      );
    }
    await stopAllClocks(tx, p.incidentId, now);
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "RESOLVED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: true,
      data: { outcome: p.outcome },
    });
    // Keyed by the time: a case reopened and resolved again tells the reporter again.
    await tellReporter(tx, {
      incidentId: p.incidentId,
      template: "CASE_RESOLVED",
      key: `resolved:${now.getTime()}`,
    });
    return { changed: true };
  });
}

export class ReassignError extends Error {}

/** Hands the case to someone else, with a reason on the timeline and a mail to them. */
export async function reassignIncident(
  db: Db,
  p: { incidentId: string; actorId: string; toUserId: string; reason: string; now?: Date },
) {
  const now = p.now ?? new Date();
  // One person's eligibility, not the list of everyone who might be (decision 125).
  const to = await eligibleCasePerson(db, p.incidentId, {
    pick: "handler",
    userId: p.toUserId,
    viewerId: p.actorId,
  });
  if (!to) throw new ReassignError("Please choose someone from the list.");
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: p.incidentId },
      select: {
        reference: true,
        assigneeId: true,
        reporterSeverity: true,
        deadlines: { where: { metAt: null }, orderBy: { dueAt: "asc" }, take: 1 },
      },
    });
    if (incident.assigneeId === p.toUserId) return { changed: false };
    await tx.incident.update({ where: { id: p.incidentId }, data: { assigneeId: p.toUserId } });
    await tx.incidentParticipant.upsert({
      where: { incidentId_userId: { incidentId: p.incidentId, userId: p.toUserId } },
      create: { incidentId: p.incidentId, userId: p.toUserId, role: "HANDLER" },
      update: { role: "HANDLER" },
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "REASSIGNED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: true,
      data: { fromUserId: incident.assigneeId, assigneeId: p.toUserId, reason: p.reason },
    });
    const recipient = await tx.user.findUniqueOrThrow({
      where: { id: p.toUserId },
      select: { id: true, email: true },
    });
    await enqueueNotification(tx, {
      idempotencyKey: `incident:${p.incidentId}:reassigned:${recipient.id}:${now.getTime()}`,
      recipient,
      template: "NEW_REPORT_ASSIGNED",
      data: {
        reference: incident.reference,
        severity: incident.reporterSeverity,
        dueAt: (incident.deadlines[0]?.dueAt ?? now).toISOString(),
      },
      incidentId: p.incidentId,
    });
    return { changed: true };
  });
}

export class HandlingError extends Error {}

/**
 * The handler's own judgement of the harm: severity and confirmed categories, before any
 * commercial figure of the account is shown. The SEVERITY_ASSESSED event is what unlocks them.
 */
export async function assessIncident(
  db: Db,
  p: {
    incidentId: string;
    actorId: string;
    severity: Severity;
    categories: Category[];
    now?: Date;
  },
) {
  if (p.categories.length === 0) throw new HandlingError("Please confirm at least one category.");
  const now = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUniqueOrThrow({
      where: { id: p.incidentId },
      select: { reporterSeverity: true, assessedSeverity: true },
    });
    await noteSeverityChanging(tx, p.incidentId);
    await tx.incident.update({
      where: { id: p.incidentId },
      data: { assessedSeverity: p.severity },
    });
    await noteSeverityChanged(tx, p.incidentId);
    await tx.incidentCategory.deleteMany({ where: { incidentId: p.incidentId } });
    for (const category of new Set(p.categories)) {
      await tx.incidentCategory.create({ data: { incidentId: p.incidentId, category } });
    }
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "SEVERITY_ASSESSED",
      actorId: p.actorId,
      at: now,
      data: {
        severity: p.severity,
        reporterSeverity: before.reporterSeverity,
        previous: before.assessedSeverity,
        categories: [...new Set(p.categories)],
      },
    });
  });
}

/** Has the harm been assessed? Until then no commercial figure of the account is shown. */
export async function isAssessed(db: Db, incidentId: string): Promise<boolean> {
  const n = await db.caseEvent.count({ where: { incidentId, type: "SEVERITY_ASSESSED" } });
  return n > 0;
}

/** A private note: handlers only, never shown to the reporter. */
export async function addCaseNote(
  db: Db,
  p: { incidentId: string; actorId: string; text: string; now?: Date },
) {
  return db.$transaction((tx) =>
    appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "NOTE",
      actorId: p.actorId,
      at: p.now ?? new Date(),
      visibleToReporter: false,
      data: { text: p.text },
    }),
  );
}

/** A step on the sanctions ladder (on the account). "No action" needs a written reason. */
export async function recordSanction(
  db: Db,
  p: {
    incidentId: string;
    actorId: string;
    type: Sanction;
    ownerId?: string;
    dueAt?: Date | null;
    reason?: string | null;
    now?: Date;
  },
) {
  const reason = p.reason?.trim() || null;
  if (p.type === "NO_ACTION" && !reason)
    throw new HandlingError("Please write why no action is taken.");
  const now = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: p.incidentId },
      select: { accountId: true },
    });
    const action = await tx.action.create({
      data: {
        incidentId: p.incidentId,
        accountId: incident.accountId,
        catalogue: "SANCTION",
        type: p.type,
        ownerId: p.ownerId ?? p.actorId,
        createdById: p.actorId,
        dueAt: p.dueAt ?? null,
        status: p.type === "NO_ACTION" ? "DONE" : "PLANNED",
        reason,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.incident.updateMany({
      where: { id: p.incidentId, status: { in: ["SUBMITTED", "ACKNOWLEDGED"] } },
      data: { status: "IN_PROGRESS" },
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "ACTION",
      actorId: p.actorId,
      at: now,
      visibleToReporter: false,
      data: {
        actionId: action.id,
        catalogue: "SANCTION",
        type: p.type,
        text: SANCTION_LABELS[p.type],
        ...(reason ? { reason } : {}),
      },
    });
    return action;
  });
}

/**
 * Moves an action of this case on: status and outcome, and hands it to another owner or due
 * date when those are given. The timeline entry names only what changed.
 */
export async function updateAction(
  db: Db,
  p: {
    incidentId: string;
    actorId: string;
    actionId: string;
    status: ActionStatus;
    outcome?: string | null;
    ownerId?: string;
    /** `null` clears the due date; `undefined` leaves it alone. */
    dueAt?: Date | null;
    now?: Date;
  },
) {
  const now = p.now ?? new Date();
  const outcome = p.outcome?.trim() || null;
  return db.$transaction(async (tx) => {
    const before = await tx.action.findFirst({
      where: { id: p.actionId, incidentId: p.incidentId },
      select: { catalogue: true, type: true, ownerId: true, dueAt: true },
    });
    if (!before) throw new HandlingError("Please choose an action of this case.");
    const ownerChanged = p.ownerId !== undefined && p.ownerId !== before.ownerId;
    // Due dates are days; a form that sends the same day back changes nothing.
    const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    const dueChanged = p.dueAt !== undefined && day(p.dueAt) !== day(before.dueAt);
    await tx.action.update({
      where: { id: p.actionId },
      data: {
        status: p.status,
        outcome,
        ...(ownerChanged ? { ownerId: p.ownerId } : {}),
        ...(dueChanged ? { dueAt: p.dueAt } : {}),
      },
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "ACTION_UPDATED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: false,
      data: {
        actionId: p.actionId,
        catalogue: before.catalogue,
        type: before.type,
        status: p.status,
        ...(outcome ? { outcome } : {}),
        ...(ownerChanged ? { ownerId: p.ownerId } : {}),
        ...(dueChanged ? { dueAt: p.dueAt?.toISOString() ?? null } : {}),
      },
    });
  });
}

/** Reopens a resolved case, with a reason; the reporter sees that it is open again. */
export async function reopenIncident(
  db: Db,
  p: { incidentId: string; actorId: string; reason: string; now?: Date },
) {
  const now = p.now ?? new Date();
  const policy = await getDefaultPolicy(db);
  return db.$transaction(async (tx) => {
    const claimed = await tx.incident.updateMany({
      where: { id: p.incidentId, status: "RESOLVED" },
      data: { status: "IN_PROGRESS", outcome: null, resolvedAt: null },
    });
    if (claimed.count === 0) return { changed: false };
    await refreshIncidentAccount(tx, p.incidentId);
    // A reopened case is on the clock again: the reporter hears within the update window and
    // it must be resolved within a fresh resolution window.
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: p.incidentId },
      select: { reporterSeverity: true, assessedSeverity: true },
    });
    const severity = (incident.assessedSeverity ?? incident.reporterSeverity) as Severity;
    for (const kind of ["REPORTER_UPDATE", "RESOLVE"] as const) {
      await restartClock(tx, { incidentId: p.incidentId, kind, severity, policy, now });
    }
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "REOPENED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: true,
      data: { reason: p.reason },
    });
    return { changed: true };
  });
}

/** Every GET of the case page: who looked, and when, in the hash chain. */
export async function recordCaseView(
  db: Db,
  p: { incidentId: string; actorId: string; now?: Date },
) {
  return db.$transaction((tx) =>
    appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "VIEWED",
      actorId: p.actorId,
      at: p.now ?? new Date(),
      visibleToReporter: false,
    }),
  );
}
