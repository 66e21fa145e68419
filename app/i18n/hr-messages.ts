import type { TFunction } from "i18next";
import { translateMessage } from "./messages";

// Messages HR's pages show that are written in English where the rule lives (app/domain, the
// models), as ./messages.ts does for the employee's pages: the English text (or its pattern)
// names the translation. A message in neither table is shown as it came.

const EXACT: Record<string, string> = {
  // Legal holds (app/domain/retention.ts, app/routes/hr.holds.tsx, legal-hold.server.ts)
  "Choose what the hold covers.": "hr.errors.holdScope",
  "Enter a case reference, an account's CRM id or name, or a work email.": "hr.errors.holdTarget",
  "Name the matter (2 to 200 characters).": "hr.errors.holdMatter",
  "Give the reason for the hold (5 to 2,000 characters).": "hr.errors.holdReason",
  "Give the reason for releasing (5 to 2,000 characters).": "hr.errors.releaseReason",
  "Nothing matches this. Check the reference, account or email.": "hr.errors.holdNoMatch",
  "This hold is already released.": "hr.errors.holdReleased",
  // Data rights and bundles
  "Nobody in the portal has this work email.": "hr.errors.noSuchPerson",
  "Another HR colleague must handle a request about you.": "hr.errors.notAboutYou",
  "Tick the box to confirm the erasure request.": "hr.errors.confirmErasure",
  "Choose what to do.": "hr.errors.chooseIntent",
  "Enter a case reference such as INC-2026-0042.": "hr.errors.enterReference",
  "There is no case with this reference.": "hr.errors.noSuchCase",
  // Records (app/domain/regulator-records.ts, the models)
  "Choose a record to download.": "records.errors.chooseRecord",
  "Enter the account's CRM id or name.": "records.errors.enterAccount",
  "There is no account with this CRM id or name.": "records.errors.noSuchAccount",
  "Enter the first day as YYYY-MM-DD.": "records.errors.firstDay",
  "Enter the last day as YYYY-MM-DD.": "records.errors.lastDay",
  "The last day must not be before the first.": "records.errors.lastBeforeFirst",
  "Enter the case reference.": "records.errors.enterReference",
  "Choose how the case is classified.": "records.errors.classification",
  "Choose the type of injury or illness.": "records.errors.injuryType",
  "Enter a whole number of days from 0 to 180.": "records.errors.days",
  "Enter the employee's job title (2 to 100 characters).": "records.errors.jobTitle",
  "Enter where the event occurred, such as a site or area (2 to 200 characters).":
    "records.errors.location",
  "Describe the injury or illness and the part of the body affected (5 to 500 characters).":
    "records.errors.injuryDescription",
  "Say what happened and what directly harmed the employee (5 to 2000 characters).":
    "records.errors.whatHappened",
  "Someone marked another case at the same time. Try again.": "records.errors.conflict",
  // Timeline verification (app/domain/case-chain.ts)
  "an event is missing": "hr.verify.reason.missing",
  "the link to the previous event is broken": "hr.verify.reason.link",
  "the event was changed after it was written": "hr.verify.reason.changed",
  "events are missing from the end of the timeline": "hr.verify.reason.tail",
  "the last event was changed": "hr.verify.reason.last",
};

type Pattern = [RegExp, string, (m: RegExpMatchArray) => Record<string, string>];

const PATTERNS: Pattern[] = [
  // Search (app/domain/search-query.ts)
  [
    /^A search can be at most (\d+) characters; shorten it\.$/,
    "hr.errors.searchTooLong",
    (m) => ({ max: m[1] }),
  ],
  [
    /^Use at most (\d+) words or phrases in one search\.$/,
    "hr.errors.searchTooManyTerms",
    (m) => ({ max: m[1] }),
  ],
  [
    /^Include at least one word of (\d+) or more characters\.$/,
    "hr.errors.searchTooShort",
    (m) => ({ min: m[1] }),
  ],
  [/^Choose at most (\d+) years at a time\.$/, "records.errors.maxYears", (m) => ({ max: m[1] })],
  // Erasure refused (app/models/data-rights.server.ts)
  [
    /^A legal hold covers this person \(matter: (.*)\)\.$/,
    "hr.dataRights.refusal.personHeld",
    (m) => ({ matter: m[1] }),
  ],
  [
    /^(\S+) is under a legal hold \(matter: (.*)\)\.$/,
    "hr.dataRights.refusal.caseHeld",
    (m) => ({ reference: m[1], matter: m[2] }),
  ],
  [/^(\S+) is still open\.$/, "hr.dataRights.refusal.open", (m) => ({ reference: m[1] })],
  [
    /^(\S+) must be kept until (\d{4}-\d{2}-\d{2}) \(.*: kept (\d+) years after resolution\)\.$/,
    "hr.dataRights.refusal.kept",
    (m) => ({ reference: m[1], date: m[2], years: m[3] }),
  ],
];

/** The message in the page's language when HR's tables or the shared one know it. */
export function hrMessage(t: TFunction, text: string, language: string): string {
  if (language === "en") return text;
  const key = EXACT[text];
  if (key) return t(key);
  for (const [pattern, patternKey, params] of PATTERNS) {
    const m = text.match(pattern);
    if (m) return t(patternKey, params(m));
  }
  return translateMessage(t, text, language);
}

/** Every key this table can produce (the language-file test finds them as quoted literals). */
export const HR_MESSAGE_KEYS = [...Object.values(EXACT), ...PATTERNS.map(([, key]) => key)];
