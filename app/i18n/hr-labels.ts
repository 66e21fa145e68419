import type { TFunction } from "i18next";
import { fixedT } from "./config";
import { pageTitle, rootLocale } from "./meta";
import type { SupportAnswer } from "~/domain/case-rules";
import type { HoldScope } from "~/domain/retention";
import type { OshaClassification, OshaInjuryType } from "~/domain/regulator-records";
import type { AccountDecision, ActionStatus, Sanction } from "~/domain/sanctions";
import type { ConductStatus, Outcome, ProtectiveMeasure } from "~/domain/vocabulary";

// HR's pages and exports name values from lists the shared vocabulary (./vocabulary.ts) does
// not cover yet: outcomes, actions and their statuses, decisions, conduct, hold scopes, OSHA
// classes. Each value's key is written out here (the language-file test finds keys as quoted
// literals); a value without one shows as it is stored.

export const OUTCOME_KEYS: Record<Outcome, string> = {
  SUBSTANTIATED: "hr.outcome.SUBSTANTIATED",
  PARTLY_SUBSTANTIATED: "hr.outcome.PARTLY_SUBSTANTIATED",
  NOT_SUBSTANTIATED: "hr.outcome.NOT_SUBSTANTIATED",
  RESOLVED_INFORMALLY: "hr.outcome.RESOLVED_INFORMALLY",
  WITHDRAWN: "hr.outcome.WITHDRAWN",
};

export const PROTECTIVE_KEYS: Record<ProtectiveMeasure, string> = {
  TIME_OFF: "hr.protective.TIME_OFF",
  COUNSELLING: "hr.protective.COUNSELLING",
  REMOVED_FROM_ACCOUNT: "hr.protective.REMOVED_FROM_ACCOUNT",
  MANAGER_JOINS_CALLS: "hr.protective.MANAGER_JOINS_CALLS",
  DEBRIEF: "hr.protective.DEBRIEF",
};

export const SANCTION_KEYS: Record<Sanction, string> = {
  RECORD_FACTS: "hr.sanction.RECORD_FACTS",
  WRITTEN_WARNING: "hr.sanction.WRITTEN_WARNING",
  CONDITIONS: "hr.sanction.CONDITIONS",
  REASSIGN_ACCOUNT_TEAM: "hr.sanction.REASSIGN_ACCOUNT_TEAM",
  REDUCE_SUPPORT: "hr.sanction.REDUCE_SUPPORT",
  WITHHOLD_DELIVERABLES: "hr.sanction.WITHHOLD_DELIVERABLES",
  STOP_WORK: "hr.sanction.STOP_WORK",
  LEGAL_OR_POLICE: "hr.sanction.LEGAL_OR_POLICE",
  END_RELATIONSHIP: "hr.sanction.END_RELATIONSHIP",
  NO_ACTION: "hr.sanction.NO_ACTION",
};

export const ACTION_STATUS_KEYS: Record<ActionStatus, string> = {
  PLANNED: "hr.actionStatus.PLANNED",
  IN_PROGRESS: "hr.actionStatus.IN_PROGRESS",
  DONE: "hr.actionStatus.DONE",
  CANCELLED: "hr.actionStatus.CANCELLED",
};

export const DECISION_KEYS: Record<AccountDecision, string> = {
  KEEP: "hr.decision.KEEP",
  CONDITIONS: "hr.decision.CONDITIONS",
  SUSPEND: "hr.decision.SUSPEND",
  END: "hr.decision.END",
};

export const CONDUCT_KEYS: Record<ConductStatus, string> = {
  GOOD: "hr.conduct.GOOD",
  WATCH: "hr.conduct.WATCH",
  CONDITIONS: "hr.conduct.CONDITIONS",
  SUSPENDED: "hr.conduct.SUSPENDED",
  TERMINATED: "hr.conduct.TERMINATED",
};

export const SUPPORT_ANSWER_KEYS: Record<SupportAnswer, string> = {
  ARRANGED: "hr.supportAnswer.ARRANGED",
  DECLINED: "hr.supportAnswer.DECLINED",
};

/** Payment status (CURRENT | LATE | IN_DISPUTE, see the schema). */
export const PAYMENT_KEYS: Record<string, string> = {
  CURRENT: "hr.payment.CURRENT",
  LATE: "hr.payment.LATE",
  IN_DISPUTE: "hr.payment.IN_DISPUTE",
};

export const HOLD_SCOPE_KEYS: Record<HoldScope, string> = {
  CASE: "hr.holdScope.CASE",
  ACCOUNT: "hr.holdScope.ACCOUNT",
  EMPLOYEE: "hr.holdScope.EMPLOYEE",
};

export const OSHA_CLASSIFICATION_KEYS: Record<OshaClassification, string> = {
  DEATH: "records.classification.DEATH",
  DAYS_AWAY: "records.classification.DAYS_AWAY",
  JOB_TRANSFER: "records.classification.JOB_TRANSFER",
  OTHER_RECORDABLE: "records.classification.OTHER_RECORDABLE",
};

export const OSHA_INJURY_KEYS: Record<OshaInjuryType, string> = {
  INJURY: "records.injury.INJURY",
  SKIN: "records.injury.SKIN",
  RESPIRATORY: "records.injury.RESPIRATORY",
  POISONING: "records.injury.POISONING",
  HEARING: "records.injury.HEARING",
  OTHER_ILLNESS: "records.injury.OTHER_ILLNESS",
};

/** The value's words from one of the tables above, or the stored value when it has none. */
export function labelOf(t: TFunction, keys: Record<string, string>, value: string | null): string {
  if (!value) return "";
  const key = keys[value];
  return key ? t(key) : value;
}

/** "History of <name> · Incident portal", in the page's language (the history pages' title). */
export function historyTitle(matches: Parameters<typeof pageTitle>[0], name: string | undefined) {
  return pageTitle(matches, null, fixedT(rootLocale(matches))("hr.history.title", { name }));
}
