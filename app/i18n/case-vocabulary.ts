import type { TFunction } from "i18next";
import type { SupportAnswer } from "~/domain/case-rules";
import type { AccountDecision, ActionStatus, Sanction } from "~/domain/sanctions";
import type { ConductStatus, Outcome, ProtectiveMeasure } from "~/domain/vocabulary";

// The vocabularies the case, HR and account pages share (outcomes, protective measures, the
// sanctions ladder, action statuses, decisions on an account, conduct and payment statuses,
// answers to support) in the page's language: one table each, so a word reads the same
// everywhere. Each value names its key in full, so the language-file test sees every one, and
// the Record types make a new value without a key a type error.

export const OUTCOME_KEYS: Record<Outcome, string> = {
  SUBSTANTIATED: "case.outcome.SUBSTANTIATED",
  PARTLY_SUBSTANTIATED: "case.outcome.PARTLY_SUBSTANTIATED",
  NOT_SUBSTANTIATED: "case.outcome.NOT_SUBSTANTIATED",
  RESOLVED_INFORMALLY: "case.outcome.RESOLVED_INFORMALLY",
  WITHDRAWN: "case.outcome.WITHDRAWN",
};

export const MEASURE_KEYS: Record<ProtectiveMeasure, string> = {
  TIME_OFF: "case.measure.TIME_OFF",
  COUNSELLING: "case.measure.COUNSELLING",
  REMOVED_FROM_ACCOUNT: "case.measure.REMOVED_FROM_ACCOUNT",
  MANAGER_JOINS_CALLS: "case.measure.MANAGER_JOINS_CALLS",
  DEBRIEF: "case.measure.DEBRIEF",
};

export const SANCTION_KEYS: Record<Sanction, string> = {
  RECORD_FACTS: "case.sanction.RECORD_FACTS",
  WRITTEN_WARNING: "case.sanction.WRITTEN_WARNING",
  CONDITIONS: "case.sanction.CONDITIONS",
  REASSIGN_ACCOUNT_TEAM: "case.sanction.REASSIGN_ACCOUNT_TEAM",
  REDUCE_SUPPORT: "case.sanction.REDUCE_SUPPORT",
  WITHHOLD_DELIVERABLES: "case.sanction.WITHHOLD_DELIVERABLES",
  STOP_WORK: "case.sanction.STOP_WORK",
  LEGAL_OR_POLICE: "case.sanction.LEGAL_OR_POLICE",
  END_RELATIONSHIP: "case.sanction.END_RELATIONSHIP",
  NO_ACTION: "case.sanction.NO_ACTION",
};

export const ACTION_STATUS_KEYS: Record<ActionStatus, string> = {
  PLANNED: "case.actionStatus.PLANNED",
  IN_PROGRESS: "case.actionStatus.IN_PROGRESS",
  DONE: "case.actionStatus.DONE",
  CANCELLED: "case.actionStatus.CANCELLED",
};

export const DECISION_KEYS: Record<AccountDecision, string> = {
  KEEP: "case.decision.KEEP",
  CONDITIONS: "case.decision.CONDITIONS",
  SUSPEND: "case.decision.SUSPEND",
  END: "case.decision.END",
};

export const CONDUCT_KEYS: Record<ConductStatus, string> = {
  GOOD: "case.conduct.GOOD",
  WATCH: "case.conduct.WATCH",
  CONDITIONS: "case.conduct.CONDITIONS",
  SUSPENDED: "case.conduct.SUSPENDED",
  TERMINATED: "case.conduct.TERMINATED",
};

export const SUPPORT_ANSWER_KEYS: Record<SupportAnswer, string> = {
  ARRANGED: "case.supportAnswer.ARRANGED",
  DECLINED: "case.supportAnswer.DECLINED",
};

/** Payment status (CURRENT | LATE | IN_DISPUTE, see the schema). */
export const PAYMENT_KEYS: Record<string, string> = {
  CURRENT: "accounts.payment.CURRENT",
  LATE: "accounts.payment.LATE",
  IN_DISPUTE: "accounts.payment.IN_DISPUTE",
};

/** The value's word from one of the tables above, or the value itself if it has none. */
export function caseLabel(t: TFunction, keys: Record<string, string>, value: string): string {
  const key = keys[value];
  return key ? t(key) : value;
}

/** An action's label: a protective measure or a step on the account (its catalogue says which). */
export function actionTypeLabel(t: TFunction, catalogue: string, type: string): string {
  return caseLabel(t, catalogue === "PROTECTIVE" ? MEASURE_KEYS : SANCTION_KEYS, type);
}
