import type { ConductStatus } from "./vocabulary";

// The sanctions ladder on the account, and decisions on an account. The type
// names match what prisma/seed.ts writes (RECORD_FACTS, WRITTEN_WARNING, …).

export const SANCTIONS = [
  "RECORD_FACTS",
  "WRITTEN_WARNING",
  "CONDITIONS",
  "REASSIGN_ACCOUNT_TEAM",
  "REDUCE_SUPPORT",
  "WITHHOLD_DELIVERABLES",
  "STOP_WORK",
  "LEGAL_OR_POLICE",
  "END_RELATIONSHIP",
  "NO_ACTION",
] as const;
export type Sanction = (typeof SANCTIONS)[number];
export const SANCTION_LABELS: Record<Sanction, string> = {
  RECORD_FACTS: "Record the facts with the customer",
  WRITTEN_WARNING: "Written warning to the customer",
  CONDITIONS: "Conditions (writing only, two staff on calls, recorded calls, tickets)",
  REASSIGN_ACCOUNT_TEAM: "Reassign the account team",
  REDUCE_SUPPORT: "Reduce support",
  WITHHOLD_DELIVERABLES: "Withhold deliverables",
  STOP_WORK: "Stop work",
  LEGAL_OR_POLICE: "Legal action or police referral",
  END_RELATIONSHIP: "End the relationship (non-renewal or termination for cause)",
  NO_ACTION: "No action (a written reason is required)",
};

export const ACTION_STATUSES = ["PLANNED", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  PLANNED: "Planned",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  CANCELLED: "Cancelled",
};

export const DECISIONS = ["KEEP", "CONDITIONS", "SUSPEND", "END"] as const;
export type AccountDecision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<AccountDecision, string> = {
  KEEP: "Keep the account",
  CONDITIONS: "Keep under conditions",
  SUSPEND: "Suspend the relationship",
  END: "End the relationship",
};

/** The conduct status an account gets from a decision; "keep" may leave it on watch. */
export function conductAfterDecision(
  decision: AccountDecision,
  opts: { watch?: boolean } = {},
): ConductStatus {
  switch (decision) {
    case "KEEP":
      return opts.watch ? "WATCH" : "GOOD";
    case "CONDITIONS":
      return "CONDITIONS";
    case "SUSPEND":
      return "SUSPENDED";
    case "END":
      return "TERMINATED";
  }
}

export type DecisionCheck = {
  decidedById: string;
  approverId: string;
  accountOwnerId: string | null;
};

/** Why a decision may not be recorded, or null when it may. */
export function decisionProblem(d: DecisionCheck): string | null {
  if (d.approverId === d.decidedById) return "The approver must be someone other than you.";
  if (d.accountOwnerId && d.approverId === d.accountOwnerId)
    return "The approver must not be the account's owner.";
  return null;
}
