import type { TFunction } from "i18next";

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
