import type { TFunction } from "i18next";
import { fixedT } from "./config";
import { pageTitle, rootLocale } from "./meta";
import type { HoldScope } from "~/domain/retention";
import type { OshaClassification, OshaInjuryType } from "~/domain/regulator-records";

// HR's pages and exports name values from lists the shared vocabulary (./vocabulary.ts) does
// not cover: hold scopes and OSHA classes here, the handlers' lists from case-vocabulary. Each value's key is written out here (the language-file test finds keys as quoted
// literals); a value without one shows as it is stored.

// Outcomes, measures, the sanctions ladder, action statuses, decisions, conduct, answers to
// support and payment statuses read the same on every page: one table each, in case-vocabulary.
export {
  ACTION_STATUS_KEYS,
  CONDUCT_KEYS,
  DECISION_KEYS,
  MEASURE_KEYS as PROTECTIVE_KEYS,
  OUTCOME_KEYS,
  PAYMENT_KEYS,
  SANCTION_KEYS,
  SUPPORT_ANSWER_KEYS,
} from "./case-vocabulary";

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
