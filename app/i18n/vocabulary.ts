import type { TFunction } from "i18next";
import {
  CATEGORIES,
  CHANNELS,
  DEADLINE_KINDS,
  INCIDENT_STATUSES,
  ROLES,
  SEVERITIES,
  SUPPORT_KINDS,
} from "~/domain/vocabulary";

// The fixed vocabularies' words (app/domain/vocabulary.ts) in the page's language: each value
// is a key vocab.<list>.<VALUE> in every language file (a unit test checks every value has one).
export const VOCABULARY_LISTS = [
  "channel",
  "severity",
  "severityHint",
  "category",
  "support",
  "status",
  "deadline",
  "role",
] as const;
export type VocabularyList = (typeof VOCABULARY_LISTS)[number];

/** The value's word, or the value itself if the vocabulary has grown without a translation. */
export function vocabLabel(t: TFunction, list: VocabularyList, value: string): string {
  const key = `vocab.${list}.${value}`;
  const text = t(key, { defaultValue: "" });
  return text || value;
}

/** Each list's values: every one needs vocab.<list>.<VALUE> in every language file. */
export const VOCABULARY_VALUES: Record<VocabularyList, readonly string[]> = {
  channel: CHANNELS,
  severity: SEVERITIES,
  severityHint: SEVERITIES,
  category: CATEGORIES,
  support: SUPPORT_KINDS,
  status: INCIDENT_STATUSES,
  deadline: DEADLINE_KINDS,
  role: ROLES,
};
