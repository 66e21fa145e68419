import type { TFunction } from "i18next";
import { CONTROL_CHARS_MESSAGE } from "~/domain/input-rules";
import { TOTAL_TOO_LARGE_MESSAGE } from "~/domain/evidence";

// Validation and server messages are written in English where the rule lives (app/domain,
// the models), and the API answers with them as they are. Pages in another language show them
// through this table: the English text (or its pattern) names the translation. A message not
// in the table is shown as it came, so an untranslated page stays readable.

const EXACT: Record<string, string> = {
  "Please describe what happened.": "errors.describeWhatHappened",
  "Please describe how it affected you.": "errors.describeImpact",
  [CONTROL_CHARS_MESSAGE]: "errors.controlChars",
  "Please choose the customer account.": "errors.chooseAccount",
  "Please say when it happened.": "errors.sayWhen",
  "Please give a date and time.": "errors.giveDateTime",
  "Please choose how it happened.": "errors.chooseChannel",
  "Please choose how serious it was.": "errors.chooseSeverity",
  "Unknown category.": "errors.unknownCategory",
  "Unknown kind of support.": "errors.unknownSupport",
  "Please give the new account's name.": "errors.newAccountName",
  "Please give the new contact's name.": "errors.newContactName",
  "Please choose an account from the list.": "errors.accountFromList",
  "Please give a real date and time.": "errors.realDate",
  "That time is in the future.": "errors.future",
  "This is too long to send.": "errors.tooLongToSend",
  "Please choose a contact from the list.": "errors.contactFromList",
  "This form is out of date. Please reload the page and send it again.": "errors.formOutOfDate",
  "Files cannot be kept after a failed send: please choose them again.": "errors.filesNotKept",
  "This form could not be filed as it was. Please send it again.": "errors.notFiled",
  "This report is too large to send. Files can be at most 25 MB each and 100 MB together.":
    "errors.reportTooLarge",
  "We could not read this form. Please try again.": "errors.unreadableForm",
  // Short reasons a refused request answers with, shown on the error page.
  "Please sign in again.": "errors.signInAgain",
  "This request did not come from this site and was refused.": "errors.crossSite",
  "This form is out of date. Please reload the page.": "errors.formOutOfDateReload",
  "Unknown action": "errors.unknownAction",
  [TOTAL_TOO_LARGE_MESSAGE]: "errors.filesTooLargeTogether",
  "Please enter your work email.": "errors.enterEmail",
  "Please enter a valid email address.": "errors.validEmail",
  "Please enter your password.": "errors.enterPassword",
  "That email and password don't match. Please try again.": "errors.wrongCredentials",
  "This message is too long to send.": "errors.messageTooLong",
  "Please choose a file to add.": "errors.chooseFile",
  "Please write a message.": "errors.writeMessage",
  "Please choose a language from the list.": "errors.chooseLanguage",
};

export type Pattern = [RegExp, string, (m: RegExpMatchArray) => Record<string, string>];

const PATTERNS: Pattern[] = [
  [/^Please keep this under ([\d,]+) characters\.$/, "errors.tooLong", (m) => ({ max: m[1] })],
  [
    /^Please keep a message under ([\d,]+) characters\.$/,
    "errors.messageTooLongMax",
    (m) => ({ max: m[1] }),
  ],
  [
    /^Please keep the account name under (\d+) characters\.$/,
    "errors.accountNameTooLong",
    (m) => ({ max: m[1] }),
  ],
  [
    /^Please keep the contact's name under (\d+) characters\.$/,
    "errors.contactNameTooLong",
    (m) => ({ max: m[1] }),
  ],
  [/^(".*"|.+) is empty\.$/, "errors.fileEmpty", (m) => ({ name: m[1] })],
  [
    /^(".*") is larger than 25 MB\. Please send a smaller file\.$/,
    "errors.fileTooLarge",
    (m) => ({ name: m[1] }),
  ],
  [
    /^(.+) does not contain what its name says \(it should be .+\)\.$/,
    "errors.fileMismatch",
    (m) => ({ name: m[1] }),
  ],
  [/^(.+) is not a type we accept \(/, "errors.fileType", (m) => ({ name: m[1] })],
  [/^(.+) is a HEIC photo, /, "errors.fileHeic", (m) => ({ name: m[1] })],
  [/^(".*") could not be read as a photo, /, "errors.filePhoto", (m) => ({ name: m[1] })],
  [
    /^A report can hold (\d+) files; this one has room for (\d+) more\./,
    "errors.tooManyFilesLeft",
    (m) => ({ max: m[1], left: m[2] }),
  ],
  [/^A report can hold (\d+) files\. /, "errors.tooManyFiles", (m) => ({ max: m[1] })],
  [
    /^This form already filed report ([A-Z0-9-]+), and what you send now differs from it/,
    "errors.alreadyFiled",
    (m) => ({ reference: m[1] }),
  ],
  [
    /^Too many attempts to sign in\. For your safety, please wait (\d+) (second|minute)s? /,
    "errors.throttled",
    (m) => ({ count: m[1], unit: m[2] }),
  ],
  [
    /^Password sign-in is turned off here\. Please use “Sign in with (.+)”\.$/,
    "errors.passwordOff",
    (m) => ({ label: m[1] }),
  ],
];

/**
 * The message in the page's language when it is one we know, else the message itself. In
 * English the message is shown exactly as the rule wrote it (en.json's "errors" mirror them
 * for translators).
 */
/**
 * Adds a page's own messages to the table. The case page's and the sign-in pages' tables
 * (case-messages.ts, auth-messages.ts) add themselves when the pages that show them import them,
 * so the report form's script does not carry their words (decision 080's 150 kB budget). The
 * server loads every page, so it has them all.
 */
export function addMessages(exact: Record<string, string>, patterns: Pattern[] = []) {
  Object.assign(EXACT, exact);
  for (const p of patterns) if (!PATTERNS.includes(p)) PATTERNS.push(p);
}

export function translateMessage(t: TFunction, text: string, language: string): string {
  if (language === "en") return text;
  const key = EXACT[text];
  if (key) return t(key);
  for (const [pattern, patternKey, params] of PATTERNS) {
    const m = text.match(pattern);
    if (!m) continue;
    const values = params(m);
    if (patternKey === "errors.throttled") {
      const count = Number(values.count);
      const wait =
        values.unit === "second" ? t("common.seconds", { count }) : t("common.minutes", { count });
      return t("errors.throttled", { wait });
    }
    return t(patternKey, values);
  }
  return text;
}

/** Every key this table can produce (the language-file test checks them like t("…") calls). */
export const MESSAGE_KEYS = [...Object.values(EXACT), ...PATTERNS.map(([, key]) => key)];
