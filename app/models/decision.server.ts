import { conductAfterDecision, decisionProblem, type AccountDecision } from "~/domain/sanctions";
import type { Db, Tx } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { clearReviewFlag } from "./repeat-offender.server";

export class DecisionError extends Error {}

/** People who may approve a decision on an account: active managers, HR and leadership. */
export function approverCandidates(db: Db, p: { excludeIds: string[] }) {
  return db.user.findMany({
    where: {
      role: { in: ["MANAGER", "HR", "LEADERSHIP"] },
      active: true,
      id: { notIn: p.excludeIds },
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
}

/** Approvers for a decision taken on an account's page: not the decider, not its owner. */
export async function accountApprovers(db: Db, accountId: string, deciderId: string) {
  const account = await db.customerAccount.findUnique({
    where: { id: accountId },
    select: { ownerId: true },
  });
  const exclude = [deciderId, ...(account?.ownerId ? [account.ownerId] : [])];
  return approverCandidates(db, { excludeIds: exclude });
}

/**
 * A decision on the case's account: the account's conduct status follows it, a DECISION event
 * goes on the case, and the account leaves the leadership review list. The approver may be
 * neither the decider nor the account's owner.
 */
export async function recordDecision(
  db: Db,
  p: {
    incidentId: string;
    actorId: string;
    decision: AccountDecision;
    rationale: string;
    approverId: string;
    employeesConsulted: boolean;
    watch?: boolean;
    now?: Date;
  },
) {
  const now = p.now ?? new Date();
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: p.incidentId },
    select: {
      accountId: true,
      reporterId: true,
      namedUsers: { select: { userId: true } },
      account: { select: { ownerId: true, conductStatus: true } },
    },
  });
  const problem = decisionProblem({
    decidedById: p.actorId,
    approverId: p.approverId,
    accountOwnerId: incident.account.ownerId,
  });
  if (problem) throw new DecisionError(problem);
  const excluded = [incident.reporterId, ...incident.namedUsers.map((n) => n.userId)];
  const approvers = await approverCandidates(db, { excludeIds: excluded });
  if (!approvers.some((a) => a.id === p.approverId))
    throw new DecisionError("Please choose an approver from the list.");
  const conductStatus = conductAfterDecision(p.decision, { watch: p.watch });
  return db.$transaction(async (tx) => {
    const id = await writeDecision(tx, {
      ...p,
      accountId: incident.accountId,
      conductStatus,
      now,
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "DECISION",
      actorId: p.actorId,
      at: now,
      visibleToReporter: false,
      data: {
        decisionId: id,
        decision: p.decision,
        approverId: p.approverId,
        employeesConsulted: p.employeesConsulted,
        conductStatus,
        previousConductStatus: incident.account.conductStatus,
      },
    });
    return { id, conductStatus };
  });
}

/**
 * A decision on the account itself, from its page (leadership and HR answering a review flag
 * or a pattern, not one case). Same rules as a decision on a case; the Decision row is its
 * record, and the account's page and histories list it.
 */
export async function recordAccountDecision(
  db: Db,
  p: {
    accountId: string;
    actorId: string;
    decision: AccountDecision;
    rationale: string;
    approverId: string;
    employeesConsulted: boolean;
    watch?: boolean;
    now?: Date;
  },
) {
  const now = p.now ?? new Date();
  const account = await db.customerAccount.findUniqueOrThrow({
    where: { id: p.accountId },
    select: { ownerId: true },
  });
  const problem = decisionProblem({
    decidedById: p.actorId,
    approverId: p.approverId,
    accountOwnerId: account.ownerId,
  });
  if (problem) throw new DecisionError(problem);
  const approvers = await approverCandidates(db, { excludeIds: [] });
  if (!approvers.some((a) => a.id === p.approverId))
    throw new DecisionError("Please choose an approver from the list.");
  const conductStatus = conductAfterDecision(p.decision, { watch: p.watch });
  return db.$transaction(async (tx) => {
    const id = await writeDecision(tx, { ...p, incidentId: null, conductStatus, now });
    return { id, conductStatus };
  });
}

/** The decision row, the account's conduct status, and the end of its leadership review. */
async function writeDecision(
  tx: Tx,
  p: {
    accountId: string;
    incidentId: string | null;
    actorId: string;
    decision: AccountDecision;
    rationale: string;
    approverId: string;
    employeesConsulted: boolean;
    conductStatus: string;
    now: Date;
  },
): Promise<string> {
  const decision = await tx.decision.create({
    data: {
      accountId: p.accountId,
      incidentId: p.incidentId,
      decision: p.decision,
      rationale: p.rationale,
      decidedById: p.actorId,
      approverId: p.approverId,
      employeesConsulted: p.employeesConsulted,
      createdAt: p.now,
    },
    select: { id: true },
  });
  await tx.customerAccount.update({
    where: { id: p.accountId },
    data: { conductStatus: p.conductStatus },
  });
  // A decision answers the leadership review a repeat offender triggered.
  await clearReviewFlag(tx, p.accountId);
  return decision.id;
}
