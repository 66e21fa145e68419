import type { TFunction } from "i18next";
import type { Quadrant } from "~/domain/account-scoring";
import type { Segment } from "~/domain/vocabulary";
import {
  ACTION_STATUS_KEYS,
  CONDUCT_KEYS,
  DECISION_KEYS,
  MEASURE_KEYS,
  PAYMENT_KEYS,
  SANCTION_KEYS,
} from "./case-vocabulary";
import { INTL_LOCALES, asLanguage } from "./config";
import { numberFormat } from "~/utils/intl-formats";

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

const DECISION_STATUS: Record<string, string> = {
  PROPOSED: "accounts.decisionStatus.PROPOSED",
  APPROVED: "accounts.decisionStatus.APPROVED",
  REJECTED: "accounts.decisionStatus.REJECTED",
};

const APPROVER_ROLE: Record<string, string> = {
  hr: "accounts.approverRole.HR",
  leadership: "accounts.approverRole.LEADERSHIP",
};

const LISTS = {
  segment: SEGMENT,
  quadrant: QUADRANT,
  payment: PAYMENT_KEYS,
  conduct: CONDUCT_KEYS,
  decision: DECISION_KEYS,
  decisionStatus: DECISION_STATUS,
  sanction: SANCTION_KEYS,
  measure: MEASURE_KEYS,
  actionStatus: ACTION_STATUS_KEYS,
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
  return numberFormat(INTL_LOCALES[asLanguage(language)], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(n);
}
