import { conductAfterDecision, decisionProblem, type AccountDecision } from "~/domain/sanctions";
import type { Db } from "~/utils/db.server";
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
    const decision = await tx.decision.create({
      data: {
        accountId: incident.accountId,
        incidentId: p.incidentId,
        decision: p.decision,
        rationale: p.rationale,
        decidedById: p.actorId,
        approverId: p.approverId,
        employeesConsulted: p.employeesConsulted,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.customerAccount.update({
      where: { id: incident.accountId },
      data: { conductStatus },
    });
    // A decision answers the leadership review a repeat offender triggered.
    await clearReviewFlag(tx, incident.accountId);
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "DECISION",
      actorId: p.actorId,
      at: now,
      visibleToReporter: false,
      data: {
        decisionId: decision.id,
        decision: p.decision,
        approverId: p.approverId,
        employeesConsulted: p.employeesConsulted,
        conductStatus,
        previousConductStatus: incident.account.conductStatus,
      },
    });
    return { id: decision.id, conductStatus };
  });
}
