import type { TFunction } from "i18next";
import type { Quadrant } from "~/domain/account-scoring";
import type { PAYMENT_STATUSES } from "~/domain/account-import";
import type { AccountDecision, ActionStatus, Sanction } from "~/domain/sanctions";
import type { ConductStatus, ProtectiveMeasure, Segment } from "~/domain/vocabulary";
import { INTL_LOCALES, asLanguage } from "./config";

// The words of the account and dashboard pages' own vocabularies (segments, quadrants,
// decisions, payment and conduct statuses…). Each value names its key in full, so the
// language-file test sees every key used; a value without one is shown as it is.

const SEGMENT: Record<Segment, string> = {
  ENTERPRISE: "accounts.segment.ENTERPRISE",
  MID_MARKET: "accounts.segment.MID_MARKET",
  SMB: "accounts.segment.SMB",
  PUBLIC_SECTOR: "accounts.segment.PUBLIC_SECTOR",
};

const QUADRANT: Record<Quadrant, string> = {
  HIGH_VALUE_HIGH_ABUSE: "charts.quadrant.HIGH_VALUE_HIGH_ABUSE",
  HIGH_VALUE_LOW_ABUSE: "charts.quadrant.HIGH_VALUE_LOW_ABUSE",
  LOW_VALUE_HIGH_ABUSE: "charts.quadrant.LOW_VALUE_HIGH_ABUSE",
  LOW_VALUE_LOW_ABUSE: "charts.quadrant.LOW_VALUE_LOW_ABUSE",
};

const PAYMENT: Record<(typeof PAYMENT_STATUSES)[number], string> = {
  CURRENT: "accounts.payment.CURRENT",
  LATE: "accounts.payment.LATE",
  IN_DISPUTE: "accounts.payment.IN_DISPUTE",
};

const CONDUCT: Record<ConductStatus, string> = {
  GOOD: "accounts.conduct.GOOD",
  WATCH: "accounts.conduct.WATCH",
  CONDITIONS: "accounts.conduct.CONDITIONS",
  SUSPENDED: "accounts.conduct.SUSPENDED",
  TERMINATED: "accounts.conduct.TERMINATED",
};

const DECISION: Record<AccountDecision, string> = {
  KEEP: "accounts.decision.KEEP",
  CONDITIONS: "accounts.decision.CONDITIONS",
  SUSPEND: "accounts.decision.SUSPEND",
  END: "accounts.decision.END",
};

const DECISION_STATUS: Record<string, string> = {
  PROPOSED: "accounts.decisionStatus.PROPOSED",
  APPROVED: "accounts.decisionStatus.APPROVED",
  REJECTED: "accounts.decisionStatus.REJECTED",
};

const SANCTION: Record<Sanction, string> = {
  RECORD_FACTS: "accounts.sanction.RECORD_FACTS",
  WRITTEN_WARNING: "accounts.sanction.WRITTEN_WARNING",
  CONDITIONS: "accounts.sanction.CONDITIONS",
  REASSIGN_ACCOUNT_TEAM: "accounts.sanction.REASSIGN_ACCOUNT_TEAM",
  REDUCE_SUPPORT: "accounts.sanction.REDUCE_SUPPORT",
  WITHHOLD_DELIVERABLES: "accounts.sanction.WITHHOLD_DELIVERABLES",
  STOP_WORK: "accounts.sanction.STOP_WORK",
  LEGAL_OR_POLICE: "accounts.sanction.LEGAL_OR_POLICE",
  END_RELATIONSHIP: "accounts.sanction.END_RELATIONSHIP",
  NO_ACTION: "accounts.sanction.NO_ACTION",
};

const MEASURE: Record<ProtectiveMeasure, string> = {
  TIME_OFF: "accounts.measure.TIME_OFF",
  COUNSELLING: "accounts.measure.COUNSELLING",
  REMOVED_FROM_ACCOUNT: "accounts.measure.REMOVED_FROM_ACCOUNT",
  MANAGER_JOINS_CALLS: "accounts.measure.MANAGER_JOINS_CALLS",
  DEBRIEF: "accounts.measure.DEBRIEF",
};

const ACTION_STATUS: Record<ActionStatus, string> = {
  PLANNED: "accounts.actionStatus.PLANNED",
  IN_PROGRESS: "accounts.actionStatus.IN_PROGRESS",
  DONE: "accounts.actionStatus.DONE",
  CANCELLED: "accounts.actionStatus.CANCELLED",
};

const APPROVER_ROLE: Record<string, string> = {
  hr: "accounts.approverRole.HR",
  leadership: "accounts.approverRole.LEADERSHIP",
};

const LISTS = {
  segment: SEGMENT,
  quadrant: QUADRANT,
  payment: PAYMENT,
  conduct: CONDUCT,
  decision: DECISION,
  decisionStatus: DECISION_STATUS,
  sanction: SANCTION,
  measure: MEASURE,
  actionStatus: ACTION_STATUS,
  approverRole: APPROVER_ROLE,
} as const;
export type AccountLabelList = keyof typeof LISTS;

/** The value's word in the page's language, or the value itself when it has no key. */
export function accountLabel(t: TFunction, list: AccountLabelList, value: string): string {
  const key = (LISTS[list] as Record<string, string | undefined>)[value];
  return key ? t(key) : value;
}

/** A rate to one decimal, the language's way ("2.5", "2,5"): incidents per 1M ARR. */
export function oneDecimal(n: number, language: string): string {
  return new Intl.NumberFormat(INTL_LOCALES[asLanguage(language)], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(n);
}
