import type { Outcome, ProtectiveMeasure, Severity } from "~/domain/vocabulary";
import type { Db } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { getDefaultPolicy } from "./deadline-policy.server";
import { restartReporterUpdateClock, stopAllClocks, stopClock } from "./deadline.server";
import { enqueueNotification } from "./notification.server";

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
  p: { incidentId: string; actorId: string; type: ProtectiveMeasure; ownerId?: string; now?: Date },
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
    return action;
  });
}

/** Resolving stops every clock on the case. */
export async function resolveIncident(
  db: Db,
  p: { incidentId: string; actorId: string; outcome: Outcome; now?: Date },
) {
  const now = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const claimed = await tx.incident.updateMany({
      where: { id: p.incidentId, status: { not: "RESOLVED" } },
      data: { status: "RESOLVED", outcome: p.outcome, resolvedAt: now },
    });
    if (claimed.count === 0) return { changed: false };
    await stopAllClocks(tx, p.incidentId, now);
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "RESOLVED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: true,
      data: { outcome: p.outcome },
    });
    return { changed: true };
  });
}

export class ReassignError extends Error {}

/** People a case can be handed to: active managers and HR who are not named in it. */
export async function reassignmentCandidates(db: Db, incidentId: string) {
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { reporterId: true, assigneeId: true, namedUsers: { select: { userId: true } } },
  });
  const excluded = [incident.reporterId, ...incident.namedUsers.map((n) => n.userId)];
  return db.user.findMany({
    where: {
      role: { in: ["MANAGER", "HR"] },
      active: true,
      id: { notIn: excluded },
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true, onLeave: true },
  });
}

/** Hands the case to someone else, with a reason on the timeline and a mail to them. */
export async function reassignIncident(
  db: Db,
  p: { incidentId: string; actorId: string; toUserId: string; reason: string; now?: Date },
) {
  const now = p.now ?? new Date();
  const candidates = await reassignmentCandidates(db, p.incidentId);
  const to = candidates.find((c) => c.id === p.toUserId);
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
