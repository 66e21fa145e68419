import { rolesWith } from "~/domain/permissions";
import { conductAfterDecision, decisionProblem, type AccountDecision } from "~/domain/sanctions";
import type { ConductStatus } from "~/domain/vocabulary";
import type { Db, Tx } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { enqueueNotification } from "./notification.server";
import { clearReviewFlag } from "./repeat-offender.server";
import { enqueueWebhookEvents, wants, webhookSubscribers } from "./webhook.server";

// Decisions on accounts take two people (decision 055). Whoever records one — a manager from a
// case, leadership or HR from a case or the account's page — only proposes it; the named
// approver (leadership or HR, neither the proposer nor the account's owner) approves or rejects
// it with a comment. Only an approved decision changes the account's conduct status and ends
// its leadership review. The Decision row keeps both steps; a case it came from gets both on
// its timeline.

export class DecisionError extends Error {}
/** The decision does not exist, or it is not this person's to answer: the route answers 404. */
export class DecisionNotFound extends Error {}

/** Only leadership and HR decide; managers propose. */
export const APPROVER_ROLES = rolesWith("decisions:approve");

/** People who may approve a decision on an account: active leadership and HR. */
export function decisionApprovers(db: Db, p: { excludeIds: string[] }) {
  return db.user.findMany({
    where: { role: { in: [...APPROVER_ROLES] }, active: true, id: { notIn: p.excludeIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
}

/** Approvers for a decision proposed on an account's page: not the proposer, not its owner. */
export async function accountApprovers(db: Db, accountId: string, deciderId: string) {
  const account = await db.customerAccount.findUnique({
    where: { id: accountId },
    select: { ownerId: true },
  });
  const exclude = [deciderId, ...(account?.ownerId ? [account.ownerId] : [])];
  return decisionApprovers(db, { excludeIds: exclude });
}

export type ProposalResult = {
  id: string;
  status: "PROPOSED";
  /** The conduct status the account will get once the decision is approved. */
  conductStatus: ConductStatus;
  approverName: string;
};

type ProposalInput = {
  actorId: string;
  decision: AccountDecision;
  rationale: string;
  approverId: string;
  employeesConsulted: boolean;
  watch?: boolean;
  now?: Date;
};

async function checkApprover(
  db: Db,
  p: { actorId: string; approverId: string; ownerId: string | null; excludeIds: string[] },
) {
  const problem = decisionProblem({
    decidedById: p.actorId,
    approverId: p.approverId,
    accountOwnerId: p.ownerId,
  });
  if (problem) throw new DecisionError(problem);
  const approver = await db.user.findFirst({
    where: { id: p.approverId, active: true },
    select: { id: true, role: true },
  });
  if (!approver || p.excludeIds.includes(approver.id))
    throw new DecisionError("Please choose an approver from the list.");
  if (!(APPROVER_ROLES as readonly string[]).includes(approver.role))
    throw new DecisionError("The approver must be someone from leadership or HR.");
  const withMail = await db.user.findUniqueOrThrow({
    where: { id: approver.id },
    select: { id: true, name: true, email: true },
  });
  return withMail;
}

/**
 * Proposes a decision on the case's account. Nothing changes on the account until the approver
 * approves (approveDecision); a DECISION_PROPOSED event goes on the case and the approver is
 * mailed. People named in the case and its reporter may not approve.
 */
export async function recordDecision(
  db: Db,
  p: ProposalInput & { incidentId: string },
): Promise<ProposalResult> {
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
  const approver = await checkApprover(db, {
    actorId: p.actorId,
    approverId: p.approverId,
    ownerId: incident.account.ownerId,
    excludeIds: [incident.reporterId, ...incident.namedUsers.map((n) => n.userId)],
  });
  const conductStatus = conductAfterDecision(p.decision, { watch: p.watch });
  return db.$transaction(async (tx) => {
    const id = await writeProposal(tx, {
      ...p,
      accountId: incident.accountId,
      incidentId: p.incidentId,
      approver,
      now,
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "DECISION_PROPOSED",
      actorId: p.actorId,
      at: now,
      visibleToReporter: false,
      data: {
        decisionId: id,
        decision: p.decision,
        approverId: p.approverId,
        employeesConsulted: p.employeesConsulted,
        proposedConductStatus: conductStatus,
        previousConductStatus: incident.account.conductStatus,
      },
    });
    return { id, status: "PROPOSED" as const, conductStatus, approverName: approver.name };
  });
}

/**
 * Proposes a decision on the account itself, from its page (leadership and HR answering a
 * review flag or a pattern, not one case). Same rules as a proposal on a case.
 */
export async function recordAccountDecision(
  db: Db,
  p: ProposalInput & { accountId: string },
): Promise<ProposalResult> {
  const now = p.now ?? new Date();
  const account = await db.customerAccount.findUniqueOrThrow({
    where: { id: p.accountId },
    select: { ownerId: true },
  });
  const approver = await checkApprover(db, {
    actorId: p.actorId,
    approverId: p.approverId,
    ownerId: account.ownerId,
    excludeIds: [],
  });
  const conductStatus = conductAfterDecision(p.decision, { watch: p.watch });
  return db.$transaction(async (tx) => {
    const id = await writeProposal(tx, { ...p, incidentId: null, approver, now });
    return { id, status: "PROPOSED" as const, conductStatus, approverName: approver.name };
  });
}

async function writeProposal(
  tx: Tx,
  p: ProposalInput & {
    accountId: string;
    incidentId: string | null;
    approver: { id: string; email: string };
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
      watch: p.watch ?? false,
      status: "PROPOSED",
      createdAt: p.now,
    },
    select: { id: true },
  });
  // Only the account and a link: the rationale stays in the portal.
  await enqueueNotification(tx, {
    idempotencyKey: `decision-proposed:${decision.id}`,
    recipient: p.approver,
    template: "DECISION_PROPOSED",
    data: { accountId: p.accountId },
    incidentId: p.incidentId ?? undefined,
  });
  return decision.id;
}

export type ReviewResult = { status: "APPROVED" | "REJECTED"; conductStatus: string | null };

/**
 * The named approver answers a proposal. Approval sets the account's conduct status and ends
 * its leadership review; rejection changes nothing on the account. Either way the answer and
 * its comment stay on the Decision row, go on the case's timeline, and the proposer is mailed.
 * A proposal is answered once: a second answer (or a race of two) finds it no longer pending.
 */
export async function reviewDecision(
  db: Db,
  p: { decisionId: string; actorId: string; approve: boolean; comment: string; now?: Date },
): Promise<ReviewResult> {
  const now = p.now ?? new Date();
  const found = await db.decision.findUnique({
    where: { id: p.decisionId },
    select: {
      id: true,
      approverId: true,
      decidedById: true,
      status: true,
      decision: true,
      watch: true,
      accountId: true,
      incidentId: true,
      decidedBy: { select: { id: true, email: true, active: true } },
      account: { select: { ownerId: true, conductStatus: true } },
    },
  });
  if (!found || found.approverId !== p.actorId) throw new DecisionNotFound();
  if (found.status !== "PROPOSED")
    throw new DecisionError("This decision has already been answered.");
  // The rules at proposal time still hold now: ownership may have moved since.
  const problem = decisionProblem({
    decidedById: found.decidedById,
    approverId: p.actorId,
    accountOwnerId: found.account.ownerId,
  });
  if (problem) throw new DecisionError(problem);
  const status = p.approve ? ("APPROVED" as const) : ("REJECTED" as const);
  const conductStatus = p.approve
    ? conductAfterDecision(found.decision as AccountDecision, { watch: found.watch })
    : null;
  const hooks = p.approve ? await webhookSubscribers(db) : [];
  return db.$transaction(async (tx) => {
    const claimed = await tx.decision.updateMany({
      where: { id: found.id, status: "PROPOSED" },
      data: { status, reviewComment: p.comment, reviewedAt: now },
    });
    if (claimed.count !== 1) throw new DecisionError("This decision has already been answered.");
    if (p.approve && wants(hooks, "decision.approved")) {
      const [account, incident] = await Promise.all([
        tx.customerAccount.findUnique({ where: { id: found.accountId }, select: { crmId: true } }),
        found.incidentId
          ? tx.incident.findUnique({
              where: { id: found.incidentId },
              select: { reference: true },
            })
          : null,
      ]);
      await enqueueWebhookEvents(
        tx,
        hooks,
        [
          {
            type: "decision.approved",
            decisionId: found.id,
            decision: found.decision,
            conductStatus,
            reference: incident?.reference ?? null,
            accountCrmId: account?.crmId ?? null,
          },
        ],
        now,
      );
    }
    if (conductStatus) {
      await tx.customerAccount.update({
        where: { id: found.accountId },
        data: { conductStatus },
      });
      // An approved decision answers the leadership review a repeat offender triggered.
      await clearReviewFlag(tx, found.accountId);
    }
    if (found.incidentId) {
      await appendCaseEvent(tx, {
        incidentId: found.incidentId,
        // DECISION is the event an approved decision has always written.
        type: p.approve ? "DECISION" : "DECISION_REJECTED",
        actorId: p.actorId,
        at: now,
        visibleToReporter: false,
        data: {
          decisionId: found.id,
          decision: found.decision,
          approverId: p.actorId,
          proposedById: found.decidedById,
          ...(conductStatus
            ? { conductStatus, previousConductStatus: found.account.conductStatus }
            : {}),
        },
      });
    }
    if (found.decidedBy.active) {
      await enqueueNotification(tx, {
        idempotencyKey: `decision-reviewed:${found.id}`,
        recipient: found.decidedBy,
        template: "DECISION_REVIEWED",
        data: { accountId: found.accountId, approved: p.approve },
        incidentId: found.incidentId ?? undefined,
      });
    }
    return { status, conductStatus };
  });
}

const PENDING_PAGE = 50;

/** The proposals waiting for this person's answer, oldest first, at most one page. */
export async function pendingApprovals(db: Db, approverId: string) {
  const where = { approverId, status: "PROPOSED" };
  const [rows, total] = await Promise.all([
    db.decision.findMany({
      where,
      orderBy: { createdAt: "asc" },
      take: PENDING_PAGE,
      select: {
        id: true,
        decision: true,
        watch: true,
        rationale: true,
        employeesConsulted: true,
        createdAt: true,
        account: { select: { id: true, name: true, conductStatus: true } },
        decidedBy: { select: { name: true } },
        // The reference only: an approver from leadership never reads the report here.
        incident: { select: { reference: true } },
      },
    }),
    db.decision.count({ where }),
  ]);
  return { rows, total };
}

/** How many proposals wait for this person: the header and home page show it. */
export function pendingApprovalCount(db: Db, approverId: string) {
  return db.decision.count({ where: { approverId, status: "PROPOSED" } });
}

/** This person's last answers, newest first (a short list under the pending ones). */
export function recentReviews(db: Db, approverId: string, take = 10) {
  return db.decision.findMany({
    where: { approverId, status: { in: ["APPROVED", "REJECTED"] } },
    orderBy: { reviewedAt: "desc" },
    take,
    select: {
      id: true,
      decision: true,
      status: true,
      reviewComment: true,
      reviewedAt: true,
      account: { select: { id: true, name: true } },
    },
  });
}
