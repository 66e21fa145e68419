import type { TFunction } from "i18next";
import { translateMessage } from "./messages";

// The admin pages' validation and server messages are written in English where the rule lives
// (app/domain/people.ts, app/models/people.server.ts). In another language the page shows them
// through this table, as app/i18n/messages.ts does for the employee's pages; a message the table
// does not know is passed on to that one, and shown as it came if neither knows it.

const EXACT: Record<string, string> = {
  "Please enter the person's name.": "admin.errors.personName",
  "Please keep the name under 200 characters.": "admin.errors.name200",
  "Please enter their work email.": "admin.errors.workEmail",
  "Please keep the employee id under 64 characters.": "admin.errors.employeeIdLength",
  "Use letters, digits, dots, dashes or underscores only.": "admin.errors.employeeIdChars",
  "Please choose a role.": "admin.errors.role",
  "Please choose a team from the list.": "admin.errors.teamFromList",
  "Please choose a manager from the list.": "admin.errors.managerFromList",
  "Please choose a time zone from the list, such as Europe/Paris.": "admin.errors.timeZone",
  "Please enter the team's name.": "admin.errors.teamName",
  "Please keep the name under 120 characters.": "admin.errors.name120",
  "Please choose a parent team from the list.": "admin.errors.parentFromList",
  "This person no longer exists.": "admin.errors.personGone",
  "Someone else already has this work email.": "admin.errors.emailTaken",
  "Someone else has this employee id.": "admin.errors.employeeIdTaken",
  "Nobody has this work email or employee id.": "admin.errors.nobodyWithRef",
  "A person cannot be their own manager.": "admin.errors.ownManager",
  "This team no longer exists.": "admin.errors.teamGone",
  "Another team already has this name.": "admin.errors.teamNameTaken",
  "A deactivated person cannot be invited.": "admin.errors.inviteDeactivated",
  "You cannot deactivate yourself; ask another admin.": "admin.errors.deactivateSelf",
};

type Pattern = [RegExp, string];

const PATTERNS: Pattern[] = [
  [
    /^Enter a whole number of years from (?<min>\d+) to (?<max>[\d,]+)\.$/,
    "admin.errors.wholeYears",
  ],
  [/^Enter a whole number of days from (?<min>\d+) to (?<max>[\d,]+)\.$/, "admin.errors.wholeDays"],
  [
    /^(?<name>.+) reports, directly or not, to this person: that would make a loop\.$/,
    "admin.errors.personLoop",
  ],
  [
    /^(?<name>.+) is this team or sits under it: that would make a loop\.$/,
    "admin.errors.teamLoop",
  ],
];

/** The admin page's message in the page's language when it is one we know. */
export function adminMessage(t: TFunction, text: string, language: string): string {
  if (language === "en") return text;
  const key = EXACT[text];
  if (key) return t(key);
  for (const [pattern, patternKey] of PATTERNS) {
    const m = text.match(pattern);
    if (m?.groups) return t(patternKey, { ...m.groups });
  }
  return translateMessage(t, text, language);
}

/** Each field's messages in the page's language. */
export function adminErrors(
  t: TFunction,
  errors: Record<string, string[] | undefined>,
  language: string,
): Record<string, string[] | undefined> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, list]) => [
      field,
      list?.map((text) => adminMessage(t, text, language)),
    ]),
  );
}
