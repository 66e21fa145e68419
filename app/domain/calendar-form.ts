import { z } from "zod";
import { DEFAULT_TARGETS, type DeadlineTargetSpec } from "./deadlines";
import { hasControlChars, isRealDate as isRealDateIn } from "./input-rules";
import { isValidTimeZone } from "./report-form";
import { DEADLINE_KINDS, SEVERITIES, type DeadlineKind, type Severity } from "./vocabulary";

// The admin forms' rules (deadline policy, business calendar, holidays), shared by the browser
// and the server. People never type minutes: a duration is a whole number and a unit.

// ---------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------

// Calendar hours are for round-the-clock targets (a critical report's hour, decision 057).
export const DURATION_UNITS = [
  "BUSINESS_HOURS",
  "BUSINESS_DAYS",
  "CALENDAR_HOURS",
  "CALENDAR_DAYS",
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** A business day is one full working day of eight business hours (as in DEFAULT_TARGETS). */
export const BUSINESS_DAY_HOURS = 8;

export const UNIT_LABELS: Record<DurationUnit, string> = {
  BUSINESS_HOURS: "business hours",
  BUSINESS_DAYS: "business days",
  CALENDAR_HOURS: "hours, around the clock",
  CALENDAR_DAYS: "calendar days",
};

const UNIT_MINUTES: Record<DurationUnit, number> = {
  BUSINESS_HOURS: 60,
  BUSINESS_DAYS: BUSINESS_DAY_HOURS * 60,
  CALENDAR_HOURS: 60,
  CALENDAR_DAYS: 24 * 60,
};

/** Nothing longer than a year, whatever the unit. */
export const UNIT_MAXIMUM: Record<DurationUnit, number> = {
  BUSINESS_HOURS: 365 * BUSINESS_DAY_HOURS,
  BUSINESS_DAYS: 365,
  CALENDAR_HOURS: 365 * 24,
  CALENDAR_DAYS: 365,
};

export type Duration = { amount: number; unit: DurationUnit };

export function durationToTarget(d: Duration): { minutes: number; businessHours: boolean } {
  return {
    minutes: d.amount * UNIT_MINUTES[d.unit],
    businessHours: d.unit.startsWith("BUSINESS_"),
  };
}

/**
 * The unit a stored target is shown in: the largest one that divides it exactly. A stored value
 * no unit expresses exactly (written by something other than this form) is rounded up, and
 * `exact` says so, so the page can point it out before anyone saves over it.
 */
export function targetToDuration(t: { minutes: number; businessHours: boolean }): Duration & {
  exact: boolean;
} {
  const units: DurationUnit[] = t.businessHours
    ? ["BUSINESS_DAYS", "BUSINESS_HOURS"]
    : ["CALENDAR_DAYS", "CALENDAR_HOURS"];
  for (const unit of units) {
    if (t.minutes > 0 && t.minutes % UNIT_MINUTES[unit] === 0) {
      return { amount: t.minutes / UNIT_MINUTES[unit], unit, exact: true };
    }
  }
  const unit = units[units.length - 1];
  return {
    amount: Math.max(1, Math.ceil(t.minutes / UNIT_MINUTES[unit])),
    unit,
    exact: false,
  };
}

const WHOLE_NUMBER = /^\d+$/;

const durationSchema = z
  .object({
    amount: z
      .string({ required_error: "Please enter a number." })
      .trim()
      .min(1, "Please enter a number.")
      .regex(WHOLE_NUMBER, "Please enter a whole number, such as 4.")
      .transform(Number)
      .pipe(z.number().min(1, "Please enter 1 or more.")),
    unit: z.enum(DURATION_UNITS, { errorMap: () => ({ message: "Please choose a unit." }) }),
  })
  .superRefine((d, ctx) => {
    const max = UNIT_MAXIMUM[d.unit];
    if (d.amount > max) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: `Please enter at most ${max.toLocaleString("en-GB")} ${UNIT_LABELS[d.unit]} (a year).`,
      });
    }
  });

const severityRow = z.object({
  ACKNOWLEDGE: durationSchema,
  FIRST_PROTECTIVE_ACTION: durationSchema,
  REPORTER_UPDATE: durationSchema,
  RESOLVE: durationSchema,
} satisfies Record<DeadlineKind, typeof durationSchema>);

export const policyFormSchema = z.object({
  calendarId: z
    .string({ required_error: "Please choose a calendar." })
    .trim()
    .min(1, "Please choose a calendar.")
    .max(100),
  targets: z.object({
    CRITICAL: severityRow,
    HIGH: severityRow,
    MEDIUM: severityRow,
    LOW: severityRow,
  } satisfies Record<Severity, typeof severityRow>),
});

/** The calendar choice that means "create the built-in UK office calendar" (none exists yet). */
export const NEW_DEFAULT_CALENDAR = "new-default-calendar";

export type PolicyFormValue = z.infer<typeof policyFormSchema>;

/** The sixteen targets a valid policy form describes, in the order of DEFAULT_TARGETS' keys. */
export function policyFormTargets(v: PolicyFormValue): DeadlineTargetSpec[] {
  return SEVERITIES.flatMap((severity) =>
    DEADLINE_KINDS.map((kind) => ({
      severity,
      kind,
      ...durationToTarget(v.targets[severity][kind]),
    })),
  );
}

/**
 * The form's starting values (strings, as the form holds them) for a set of targets; a target
 * missing from the set shows its built-in default.
 */
export function policyFormDefaults(
  targets: { severity: Severity; kind: DeadlineKind; minutes: number; businessHours: boolean }[],
): Record<Severity, Record<DeadlineKind, { amount: string; unit: DurationUnit; exact: boolean }>> {
  const out = {} as Record<
    Severity,
    Record<DeadlineKind, { amount: string; unit: DurationUnit; exact: boolean }>
  >;
  for (const severity of SEVERITIES) {
    out[severity] = {} as Record<
      DeadlineKind,
      { amount: string; unit: DurationUnit; exact: boolean }
    >;
    for (const kind of DEADLINE_KINDS) {
      const match = (x: { severity: string; kind: string }) =>
        x.severity === severity && x.kind === kind;
      const t = targets.find(match) ?? DEFAULT_TARGETS.find(match);
      const d = targetToDuration(t ?? { minutes: 60, businessHours: true });
      out[severity][kind] = { amount: String(d.amount), unit: d.unit, exact: d.exact };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------

// A name is one line: the shared control-character rule, and no tabs or line breaks.
const notPlainName = (s: string) => hasControlChars(s) || /[\t\n\r]/.test(s);

function shortName(what: string, max: number) {
  return z
    .string({ required_error: `Please give the ${what} a name.` })
    .trim()
    .min(1, `Please give the ${what} a name.`)
    .max(max, `Please keep the name under ${max} characters.`)
    .pipe(
      z
        .string()
        .refine((s) => !notPlainName(s), "Please use only ordinary letters and punctuation."),
    );
}

export const WEEKDAYS = [
  { value: "1", label: "Monday", short: "Mon" },
  { value: "2", label: "Tuesday", short: "Tue" },
  { value: "3", label: "Wednesday", short: "Wed" },
  { value: "4", label: "Thursday", short: "Thu" },
  { value: "5", label: "Friday", short: "Fri" },
  { value: "6", label: "Saturday", short: "Sat" },
  { value: "7", label: "Sunday", short: "Sun" },
] as const;

const WEEKDAY_VALUES = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** Zones offered in the time-zone list; any other IANA zone can be typed. */
export const COMMON_TIME_ZONES = [
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Amsterdam",
  "Europe/Warsaw",
  "Europe/Helsinki",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Toronto",
  "America/Sao_Paulo",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "UTC",
] as const;

/** The zone's canonical spelling ("europe/london" → "Europe/London"). */
export function canonicalTimeZone(tz: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: tz }).resolvedOptions().timeZone;
}

const HOUR_MINUTE = /^(\d{1,2}):(\d{2})$/;

/** "9:00" → "09:00"; null when it is not a time of day. */
export function normaliseTime(value: string): string | null {
  const m = HOUR_MINUTE.exec(value.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${m[2]}`;
}

function timeOfDay(label: string) {
  return z
    .string({ required_error: `Please give the ${label} time.` })
    .trim()
    .min(1, `Please give the ${label} time.`)
    .transform((value, ctx) => {
      const hm = normaliseTime(value);
      if (!hm) {
        ctx.addIssue({ code: "custom", message: "Please give a time as HH:MM, such as 09:00." });
        return z.NEVER;
      }
      return hm;
    });
}

const UNKNOWN_ZONE = "That is not a time zone we know. Please pick one from the list.";

export const calendarFormSchema = z.object({
  name: shortName("calendar", 100),
  timeZone: z
    .string({ required_error: "Please give a time zone, such as Europe/London." })
    .trim()
    .min(1, "Please give a time zone, such as Europe/London.")
    .max(64, UNKNOWN_ZONE)
    // A pipe, so an empty or over-long value gets one message, not two.
    .pipe(z.string().refine(isValidTimeZone, UNKNOWN_ZONE).transform(canonicalTimeZone)),
  workingDays: z
    .array(z.enum(WEEKDAY_VALUES, { errorMap: () => ({ message: "Unknown day." }) }), {
      required_error: "Please tick at least one working day.",
    })
    .min(1, "Please tick at least one working day.")
    .max(7)
    .transform((days) => [...new Set(days)].map(Number).sort((a, b) => a - b)),
  dayStart: timeOfDay("start"),
  dayEnd: timeOfDay("end"),
});

export type CalendarFormValue = z.infer<typeof calendarFormSchema>;

/** Adding a calendar asks only for its name; the rest starts as the built-in working week. */
export const newCalendarSchema = z.object({ name: shortName("calendar", 100) });

/** A real calendar date "YYYY-MM-DD" between 2000 and 2100. */
export function isRealDate(value: string): boolean {
  return isRealDateIn(value, { min: 2000, max: 2100 });
}

export const holidayFormSchema = z.object({
  date: z
    .string({ required_error: "Please give the date." })
    .trim()
    .min(1, "Please give the date.")
    .pipe(z.string().refine(isRealDate, "Please give a real date, such as 2026-12-25.")),
  name: shortName("holiday", 100),
});

export type HolidayFormValue = z.infer<typeof holidayFormSchema>;

/** Minutes of working time in one working day of a calendar with this window. */
export function workingMinutesPerDay(dayStart: string, dayEnd: string): number {
  const [sh, sm] = dayStart.split(":").map(Number);
  const [eh, em] = dayEnd.split(":").map(Number);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  return end > start ? end - start : end + 24 * 60 - start;
}

/** "09:00 to 17:00 (8 h)", "22:00 to 06:00 the next day (8 h)". */
export function describeWorkingWindow(dayStart: string, dayEnd: string): string {
  const minutes = workingMinutesPerDay(dayStart, dayEnd);
  const length = `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  const overnight = dayEnd <= dayStart;
  return `${dayStart} to ${dayEnd}${overnight ? " the next day" : ""} (${length})`;
}

/** "Mon–Fri" for a run of days, else "Mon, Wed, Fri". */
export function describeWorkingDays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 0) return "no days";
  const short = (d: number) => WEEKDAYS[d - 1]?.short ?? String(d);
  const isRun = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (isRun) return `${short(sorted[0])}–${short(sorted[sorted.length - 1])}`;
  return sorted.map(short).join(", ");
}
