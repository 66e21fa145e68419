import { supportAnswerProblem, mayGiveStatement, type SupportAnswer } from "~/domain/case-rules";
import { SUPPORT_KINDS, type SupportKind } from "~/domain/vocabulary";
import type { Db } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { stopClock } from "./deadline.server";
import { enqueueNotification } from "./notification.server";

// What the employee asked for, answered; and statements asked of witnesses. Each change writes
// its timeline entry and its mail in one transaction.

export class SupportError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * The handler's answer to one request for support. Arranging it protects the employee, so it
 * meets the FIRST_PROTECTIVE_ACTION clock like a recorded protective measure does. The reporter
 * sees the answer (and the reason) on their report and gets a mail with only the reference.
 */
export async function answerSupportRequest(
  db: Db,
  p: {
    incidentId: string;
    actorId: string;
    kind: SupportKind;
    answer: SupportAnswer;
    reason?: string | null;
    now?: Date;
  },
) {
  const reason = p.reason?.trim() || null;
  const problem = supportAnswerProblem(p.answer, reason);
  if (problem) throw new SupportError(problem, "reason");
  if (!SUPPORT_KINDS.includes(p.kind)) throw new SupportError("Please choose a request.", "kind");
  const now = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const changed = await tx.incidentSupportRequest.updateMany({
      where: { incidentId: p.incidentId, kind: p.kind },
      data: { answer: p.answer, answerReason: reason, answeredAt: now, answeredById: p.actorId },
    });
    if (changed.count === 0) {
      throw new SupportError("The employee did not ask for this.", "kind");
    }
    if (p.answer === "ARRANGED") {
      await stopClock(tx, p.incidentId, "FIRST_PROTECTIVE_ACTION", now);
      await tx.incident.updateMany({
        where: { id: p.incidentId, status: { in: ["SUBMITTED", "ACKNOWLEDGED"] } },
        data: { status: "IN_PROGRESS" },
      });
    }
    const { seq } = await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "SUPPORT_ANSWERED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: true,
      data: { kind: p.kind, answer: p.answer, ...(reason ? { reason } : {}) },
    });
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: p.incidentId },
      select: { reference: true, reporter: { select: { id: true, email: true } } },
    });
    await enqueueNotification(tx, {
      idempotencyKey: `incident:${p.incidentId}:support:${seq}`,
      recipient: incident.reporter,
      template: "SUPPORT_ANSWERED",
      data: { reference: incident.reference },
      incidentId: p.incidentId,
    });
  });
}

/** Colleagues the reporter listed as witnesses, with any statement asked of them. */
export async function witnessesOfCase(db: Db, incidentId: string) {
  const [witnesses, statements] = await Promise.all([
    db.incidentWitness.findMany({
      where: { incidentId },
      select: { user: { select: { id: true, name: true, active: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    db.witnessStatement.findMany({
      where: { incidentId },
      orderBy: { requestedAt: "asc" },
      select: {
        id: true,
        witnessId: true,
        requestedAt: true,
        statement: true,
        submittedAt: true,
      },
    }),
  ]);
  return witnesses.map((w) => ({
    ...w.user,
    request: statements.find((s) => s.witnessId === w.user.id) ?? null,
  }));
}

/** Asks a witness of the report for a statement: a mail with a link to a page only they open. */
export async function requestWitnessStatement(
  db: Db,
  p: { incidentId: string; actorId: string; witnessId: string; now?: Date },
) {
  const now = p.now ?? new Date();
  const facts = await db.incident.findUniqueOrThrow({
    where: { id: p.incidentId },
    select: {
      reference: true,
      reporterId: true,
      namedUsers: { select: { userId: true } },
      witnesses: { select: { userId: true } },
    },
  });
  const witness = await db.user.findUnique({
    where: { id: p.witnessId },
    select: { id: true, email: true, active: true },
  });
  const eligible =
    witness &&
    mayGiveStatement(witness, {
      reporterId: facts.reporterId,
      namedUserIds: facts.namedUsers.map((n) => n.userId),
      witnessIds: facts.witnesses.map((w) => w.userId),
    });
  if (!witness || !eligible) {
    throw new SupportError("Please choose a witness named in the report.", "witnessId");
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.witnessStatement.findUnique({
      where: { incidentId_witnessId: { incidentId: p.incidentId, witnessId: witness.id } },
      select: { id: true },
    });
    if (existing) return { changed: false, id: existing.id };
    const created = await tx.witnessStatement.create({
      data: {
        incidentId: p.incidentId,
        witnessId: witness.id,
        requestedById: p.actorId,
        requestedAt: now,
      },
      select: { id: true },
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "STATEMENT_REQUESTED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: false,
      data: { witnessId: witness.id },
    });
    await enqueueNotification(tx, {
      idempotencyKey: `statement:${created.id}:requested`,
      recipient: witness,
      template: "STATEMENT_REQUESTED",
      data: { reference: facts.reference, statementId: created.id },
      incidentId: p.incidentId,
    });
    return { changed: true, id: created.id };
  });
}

/**
 * A statement request as its witness sees it: the reference, who asked and when, and their own
 * words — nothing of the report. Null for anyone else (the page answers 404), and null once the
 * witness has become named in the report as involved.
 */
export async function getStatementForWitness(db: Db, statementId: string, viewerId: string) {
  const row = await db.witnessStatement.findUnique({
    where: { id: statementId },
    select: {
      id: true,
      incidentId: true,
      witnessId: true,
      requestedById: true,
      requestedAt: true,
      statement: true,
      submittedAt: true,
    },
  });
  if (!row || row.witnessId !== viewerId) return null;
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: row.incidentId },
    select: {
      reference: true,
      reporterId: true,
      namedUsers: { where: { userId: viewerId }, select: { userId: true } },
    },
  });
  if (incident.namedUsers.length > 0 || incident.reporterId === viewerId) return null;
  const asker = await db.user.findUnique({
    where: { id: row.requestedById },
    select: { name: true },
  });
  return {
    id: row.id,
    incidentId: row.incidentId,
    reference: incident.reference,
    askedBy: asker?.name ?? "A colleague",
    requestedAt: row.requestedAt,
    statement: row.statement,
    submittedAt: row.submittedAt,
  };
}

/** The statements still asked of this person, newest first (a short list for the home page). */
export function openStatementRequests(db: Db, witnessId: string) {
  return db.witnessStatement.findMany({
    where: { witnessId, submittedAt: null },
    orderBy: { requestedAt: "desc" },
    take: 20,
    select: { id: true, requestedAt: true },
  });
}

/**
 * The witness writes their statement, once: it joins the case and its timeline (for the
 * handlers; the reporter sees that a statement arrived, not its words).
 */
export async function submitWitnessStatement(
  db: Db,
  p: { statementId: string; witnessId: string; statement: string; now?: Date },
) {
  const now = p.now ?? new Date();
  const request = await getStatementForWitness(db, p.statementId, p.witnessId);
  if (!request) return { changed: false, found: false };
  return db.$transaction(async (tx) => {
    const claimed = await tx.witnessStatement.updateMany({
      where: { id: p.statementId, witnessId: p.witnessId, submittedAt: null },
      data: { statement: p.statement, submittedAt: now },
    });
    if (claimed.count === 0) return { changed: false, found: true };
    await appendCaseEvent(tx, {
      incidentId: request.incidentId,
      type: "STATEMENT_GIVEN",
      actorId: p.witnessId,
      at: now,
      visibleToReporter: false,
      data: { statementId: p.statementId, text: p.statement },
    });
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: request.incidentId },
      select: { assigneeId: true },
    });
    const row = await tx.witnessStatement.findUniqueOrThrow({
      where: { id: p.statementId },
      select: { requestedById: true },
    });
    const to = await tx.user.findUnique({
      where: { id: incident.assigneeId ?? row.requestedById },
      select: { id: true, email: true },
    });
    if (to) {
      await enqueueNotification(tx, {
        idempotencyKey: `statement:${p.statementId}:received`,
        recipient: to,
        template: "STATEMENT_RECEIVED",
        data: { reference: request.reference },
        incidentId: request.incidentId,
      });
    }
    return { changed: true, found: true };
  });
}
