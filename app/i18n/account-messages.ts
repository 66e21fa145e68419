import type { TFunction } from "i18next";
import { translateMessage } from "./messages";
import { useI18n } from "./react";

// The account pages' validation and import messages. The rules (app/domain/account-import.ts,
// contact-form.ts, decision-form.ts, sanctions.ts) write them in English, which the API and
// the import's tests read as they are; the pages show them through this table, like
// app/i18n/messages.ts does for the report form. A message not here goes on to that table.

const EXACT: Record<string, string> = {
  // The account form and the CRM import's rows.
  "Enter a name": "accounts.errors.enterName",
  "Choose a segment": "accounts.errors.chooseSegment",
  "Enter the ARR (0 if none)": "accounts.errors.enterArr",
  "Use a plain number with at most two decimals, like 125000.00": "accounts.errors.plainNumber",
  "Must not be negative": "accounts.errors.notNegative",
  "Too large": "accounts.errors.tooLarge",
  "Use the date format YYYY-MM-DD, like 2027-03-31": "accounts.errors.dateFormat",
  "Not a real date": "accounts.errors.notRealDate",
  "Use a three-letter currency code, like GBP": "accounts.errors.currency",
  "Choose a payment status": "accounts.errors.choosePayment",
  "Use a whole number of days, 0 or more": "accounts.errors.wholeDays",
  "Choose a conduct status": "accounts.errors.chooseConduct",
  "Choose an owner from the list": "accounts.errors.chooseOwner",
  "CRM id is missing": "accounts.errors.crmIdMissing",
  "Name is missing": "accounts.errors.nameMissing",
  "ARR is missing": "accounts.errors.arrMissing",
  "Not an email address": "accounts.errors.notEmail",
  "Contract end is before contract start": "accounts.errors.endBeforeStart",
  Required: "accounts.errors.required",
  "The file has no rows under its header.": "accounts.errors.noRows",
  "The upload could not be read. Please choose the file again.": "accounts.errors.uploadUnreadable",
  "Nothing to import. Please upload the file again.": "accounts.errors.nothingToImport",
  "Choose a CSV file exported from the CRM.": "accounts.errors.chooseFile",
  // A customer contact.
  "Please give the contact's name.": "accounts.errors.contactName",
  "Please keep the name under 200 characters.": "accounts.errors.contactNameLong",
  "Please keep the job title under 200 characters.": "accounts.errors.jobTitleLong",
  "Please give a valid email address, or leave it empty.": "accounts.errors.contactEmail",
  // A decision on the account.
  "Please choose a decision.": "accounts.errors.chooseDecision",
  "Please write the rationale.": "accounts.errors.writeRationale",
  "Please choose an approver.": "accounts.errors.chooseApprover",
  "Please say whether the employees were consulted.": "accounts.errors.sayConsulted",
  "Please choose an approver from the list.": "accounts.errors.approverFromList",
  "The approver must be someone from leadership or HR.": "accounts.errors.approverRole",
  "The approver must be someone other than you.": "accounts.errors.approverNotYou",
  "The approver must not be the account's owner.": "accounts.errors.approverNotOwner",
};

type Pattern = [RegExp, string, (m: RegExpMatchArray) => Record<string, string>];

const PATTERNS: Pattern[] = [
  [/^Unknown segment; use one of (.+)$/, "accounts.errors.unknownSegment", (m) => ({ list: m[1] })],
  [/^Use one of (.+)$/, "accounts.errors.useOneOf", (m) => ({ list: m[1] })],
  [/^Please give a number up to (\d+)\.$/, "accounts.errors.numberUpTo", (m) => ({ max: m[1] })],
  [
    /^String must contain at most (\d+) character\(s\)$/,
    "accounts.errors.atMost",
    (m) => ({ max: m[1] }),
  ],
  [
    /^Duplicate of line (\d+); each CRM id may appear once$/,
    "accounts.errors.duplicate",
    (m) => ({ line: m[1] }),
  ],
  [
    /^Nobody with the email (.+) uses the portal$/,
    "accounts.errors.unknownOwner",
    (m) => ({ email: m[1] }),
  ],
  [/^The column "(.+)" is missing\.$/, "accounts.errors.columnMissing", (m) => ({ column: m[1] })],
  [/^Unknown column\(s\): (.+)\.$/, "accounts.errors.unknownColumns", (m) => ({ columns: m[1] })],
  [/^The file is not a readable CSV: (.*)$/s, "accounts.errors.notCsv", (m) => ({ detail: m[1] })],
  [/^The file is larger than (\d+) MB\./, "accounts.errors.fileTooLarge", (m) => ({ mb: m[1] })],
];

function known(t: TFunction, text: string): string | null {
  const key = EXACT[text];
  if (key) return t(key);
  for (const [pattern, patternKey, values] of PATTERNS) {
    const m = text.match(pattern);
    if (m) return t(patternKey, values(m));
  }
  return null;
}

/**
 * A message in the page's language. An import row's "column: message" keeps the column's name
 * as the file spells it (a CSV heading is a machine format) and translates the message.
 */
export function accountMessage(t: TFunction, text: string, language: string): string {
  if (language === "en") return text;
  const whole = known(t, text);
  if (whole) return whole;
  const column = /^([a-z_]+): (.+)$/s.exec(text);
  if (column) {
    const rest = known(t, column[2]);
    if (rest) return `${column[1]}: ${rest}`;
  }
  return translateMessage(t, text, language);
}

/** Field errors in the page's language (the Field component shows them as they are). */
export function accountErrors(
  t: TFunction,
  errors: readonly string[] | null | undefined,
  language: string,
): string[] | undefined {
  return errors?.map((e) => accountMessage(t, e, language));
}

/** A page's translator for a field's errors, as `Field` takes them. */
export function useAccountMessages() {
  const { t, language } = useI18n();
  return (errors: readonly string[] | null | undefined) => accountErrors(t, errors, language);
}
