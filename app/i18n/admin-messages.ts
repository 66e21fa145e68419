import type { TFunction } from "i18next";
import { useI18n } from "./react";
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
  // Deadlines and calendars (app/domain/calendar-form.ts).
  "Please enter a number.": "admin.errors.enterNumber",
  "Please enter a whole number, such as 4.": "admin.errors.wholeNumber",
  "Please enter 1 or more.": "admin.errors.oneOrMore",
  "Please choose a unit.": "admin.errors.unit",
  "Please choose a calendar.": "admin.errors.calendar",
  "Please choose a calendar from the list.": "admin.errors.calendarFromList",
  "Please give the calendar a name.": "admin.errors.calendarName",
  "Please give the holiday a name.": "admin.errors.holidayName",
  "Please keep the name under 100 characters.": "admin.errors.name100",
  "Please use only ordinary letters and punctuation.": "admin.errors.plainName",
  "Please give the start time.": "admin.errors.startTime",
  "Please give the end time.": "admin.errors.endTime",
  "Please give a time as HH:MM, such as 09:00.": "admin.errors.timeFormat",
  "That is not a time zone we know. Please pick one from the list.": "admin.errors.unknownZone",
  "Please give a time zone, such as Europe/London.": "admin.errors.giveZone",
  "Unknown day.": "admin.errors.unknownDay",
  "Please tick at least one working day.": "admin.errors.workingDay",
  "Please give the date.": "admin.errors.giveDate",
  "Please give a real date, such as 2026-12-25.": "admin.errors.realDate",
  "There is already a calendar with this name.": "admin.errors.calendarTaken",
  "Please choose a holiday to remove.": "admin.errors.holidayToRemove",
  "A deadline policy uses this calendar. Choose another one for the policy first.":
    "admin.errors.calendarInUse",
  "Please write the guidance (it may not be empty).": "admin.errors.guidance",
  // Jurisdiction templates (app/routes/admin.jurisdiction.tsx, app/domain/jurisdictions.ts).
  "Choose a template from the list.": "admin.jurisdiction.errors.template",
  "Choose at least one category that brings HR onto a case.":
    "admin.jurisdiction.errors.hrCategory",
  // API tokens (app/routes/admin.integrations.tsx, app/domain/api.ts).
  "The token is revoked; it no longer works.": "admin.integrations.revoked",
  "That token was revoked already.": "admin.integrations.revokedAlready",
  "Please name the integration this token is for.": "admin.integrations.errors.name",
  "Please choose at least one permission.": "admin.integrations.errors.scopes",
  "Please choose how long the token works.": "admin.integrations.errors.lifetime",
  // Webhooks (app/routes/admin.webhooks.*, app/domain/webhooks.ts webhookUrlProblem).
  "Please enter a full address starting with https://.": "admin.webhooks.errors.fullAddress",
  "Please leave the user name and password out of it.": "admin.webhooks.errors.credentials",
  "Please enter an address starting with https://.": "admin.webhooks.errors.httpsAddress",
  "The address must start with https://.": "admin.webhooks.errors.mustHttps",
  "The address must be reachable on the internet, not a private or local one.":
    "admin.webhooks.errors.private",
  "Please enter the address that receives the events.": "admin.webhooks.errors.url",
  "Please keep the address under 500 characters.": "admin.webhooks.errors.url500",
  "Please choose at least one event.": "admin.webhooks.errors.events",
  "The event is back in the queue; it goes out on the next delivery run.":
    "admin.webhooks.requeuedRun",
  "That delivery is no longer set aside.": "admin.webhooks.notSetAside",
  "The webhook is saved.": "admin.webhooks.saved",
  "That request was not understood. Please reload the page.": "admin.webhooks.notUnderstood",
  "A test event is queued; it appears in the log below once sent.": "admin.webhooks.testQueued",
  "The webhook is active again; waiting events go out on the next delivery run.":
    "admin.webhooks.enabled",
  "The webhook is disabled: no new events are queued for it, and waiting ones wait.":
    "admin.webhooks.disabled",
  "The event is back in the queue.": "admin.webhooks.requeued",
};

/** The units as the duration rule names them, to word its "at most" message. */
const UNIT_WORDS: Record<string, string> = {
  "business hours": "admin.units.BUSINESS_HOURS",
  "business days": "admin.units.BUSINESS_DAYS",
  "hours, around the clock": "admin.units.CALENDAR_HOURS",
  "calendar days": "admin.units.CALENDAR_DAYS",
};

type Pattern = [RegExp, string];

const PATTERNS: Pattern[] = [
  [/^There is already a holiday on this date \((?<name>.+)\)\.$/, "admin.errors.holidayTaken"],
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
  const atMost = text.match(/^Please enter at most ([\d,]+) (.+) \(a year\)\.$/);
  if (atMost && UNIT_WORDS[atMost[2]]) {
    return t("admin.errors.atMost", { max: atMost[1], unit: t(UNIT_WORDS[atMost[2]]) });
  }
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

/** A page's translator for lists of messages (a field's errors), as `Field` takes them. */
export function useAdminMessages() {
  const { t, language } = useI18n();
  return (errors: string[] | undefined) => errors?.map((text) => adminMessage(t, text, language));
}

// The people import's messages (app/routes/admin.people.import.tsx, app/domain/people-import.ts
// and app/models/people-import.server.ts). A row's problem reads "column: message"; the column
// is the file's own header, so it stays as written.
const IMPORT_EXACT: Record<string, string> = {
  "The upload could not be read. Please choose the file again.":
    "admin.peopleImport.errors.unreadable",
  "Nothing to import. Please upload the file again.": "admin.peopleImport.errors.nothing",
  "Choose the CSV file exported from your HR system.": "admin.peopleImport.errors.chooseFile",
  "The file has no rows under its header.": "admin.peopleImport.errors.noRows",
  "The employee id is empty.": "admin.peopleImport.errors.idEmpty",
  "Use letters, digits, dots, dashes or underscores (at most 64).":
    "admin.peopleImport.errors.idChars",
  "The email is empty.": "admin.peopleImport.errors.emailEmpty",
  "Not a valid email address.": "admin.peopleImport.errors.emailInvalid",
  "The name is empty.": "admin.peopleImport.errors.nameEmpty",
  "Longer than 200 characters.": "admin.peopleImport.errors.name200",
  "Not a time zone name such as Europe/Paris.": "admin.peopleImport.errors.timeZone",
  "A person cannot be their own manager.": "admin.peopleImport.errors.ownManager",
};

const IMPORT_PATTERNS: Pattern[] = [
  [
    /^The file is larger than (?<size>[\d.]+) MB\. Please split it by department\.$/,
    "admin.peopleImport.errors.tooBig",
  ],
  [/^The column "(?<column>.+)" is missing\.$/, "admin.peopleImport.errors.missingColumn"],
  [/^Unknown column\(s\): (?<columns>.+)\.$/, "admin.peopleImport.errors.unknownColumns"],
  [/^The file is not a readable CSV: (?<detail>.*)$/s, "admin.peopleImport.errors.notCsv"],
  [/^Use one of (?<roles>.+)\.$/, "admin.peopleImport.errors.roleOneOf"],
  [/^Also on line (?<line>\d+)\.$/, "admin.peopleImport.errors.alsoOnLine"],
  [
    /^(?<email>\S+) belongs to another person \((?<name>.+)\)\.$/,
    "admin.peopleImport.errors.emailOfAnother",
  ],
  [
    /^(?<email>\S+) belongs to employee (?<id>.+), not (?<row>.+)\.$/,
    "admin.peopleImport.errors.emailOfEmployee",
  ],
  [
    /^Nobody in the file or the portal is “(?<ref>.+)”\.$/,
    "admin.peopleImport.errors.unknownManager",
  ],
  [
    /^(?<name>.+) is not in the file and would be deactivated\.$/,
    "admin.peopleImport.errors.managerDeactivated",
  ],
  [/^Lines (?<lines>.+) manage each other in a loop\.$/, "admin.peopleImport.errors.loop"],
];

function importText(t: TFunction, text: string, language: string): string {
  const key = IMPORT_EXACT[text];
  if (key) return t(key);
  for (const [pattern, patternKey] of IMPORT_PATTERNS) {
    const m = text.match(pattern);
    if (m?.groups) return t(patternKey, { ...m.groups });
  }
  return translateMessage(t, text, language);
}

/** A people-import message (a whole-file problem, or a row's "column: message"). */
export function peopleImportMessage(t: TFunction, text: string, language: string): string {
  if (language === "en") return text;
  const row = text.match(/^(?<column>[a-z_]+): (?<rest>.+)$/s);
  if (row?.groups) return `${row.groups.column}: ${importText(t, row.groups.rest, language)}`;
  return importText(t, text, language);
}
