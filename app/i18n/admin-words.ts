import type { TFunction } from "i18next";
import { workingMinutesPerDay, type DurationUnit } from "~/domain/calendar-form";
import { INTL_LOCALES, asLanguage } from "./config";
import { dateTimeFormat } from "~/utils/intl-formats";

// Words the admin pages build from settings (units, weekdays, working hours), in the page's
// language. app/domain/calendar-form.ts keeps the English ones for the settings history.

export function unitLabel(t: TFunction, unit: DurationUnit): string {
  switch (unit) {
    case "BUSINESS_HOURS":
      return t("admin.units.BUSINESS_HOURS");
    case "BUSINESS_DAYS":
      return t("admin.units.BUSINESS_DAYS");
    case "CALENDAR_HOURS":
      return t("admin.units.CALENDAR_HOURS");
    case "CALENDAR_DAYS":
      return t("admin.units.CALENDAR_DAYS");
  }
}

// 2024-01-01 was a Monday: day d (1 = Monday … 7 = Sunday) is 2024-01-0d.
function weekday(day: number, language: string, width: "long" | "short"): string {
  const locale = INTL_LOCALES[asLanguage(language)];
  return dateTimeFormat(locale, { weekday: width, timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, day)),
  );
}

/** "Monday", "月曜日", "lunes". */
export function weekdayName(day: number, language: string): string {
  return weekday(day, language, "long");
}

/** "Mon–Fri" for a run of days, else "Mon, Wed, Fri" (as describeWorkingDays, translated). */
export function workingDaysText(t: TFunction, days: number[], language: string): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 0) return t("admin.calendar.noDays");
  const short = (d: number) => (d >= 1 && d <= 7 ? weekday(d, language, "short") : String(d));
  const isRun = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (isRun) return `${short(sorted[0])}–${short(sorted[sorted.length - 1])}`;
  return sorted.map(short).join(t("common.listSeparator"));
}

/** "09:00 to 17:00 (8 h)" (as describeWorkingWindow, translated). */
export function workingWindowText(t: TFunction, dayStart: string, dayEnd: string): string {
  const minutes = workingMinutesPerDay(dayStart, dayEnd);
  const hours = Math.floor(minutes / 60);
  const length =
    minutes % 60
      ? t("admin.calendar.hoursMinutes", { hours, minutes: minutes % 60 })
      : t("admin.calendar.hours", { hours });
  return dayEnd <= dayStart
    ? t("admin.calendar.windowOvernight", { start: dayStart, end: dayEnd, length })
    : t("admin.calendar.window", { start: dayStart, end: dayEnd, length });
}

/** "Fri 25 Dec 2026" for "2026-12-25", in the page's language (the same on server and browser). */
export function holidayDate(date: string, language: string): string {
  return dateTimeFormat(INTL_LOCALES[asLanguage(language)], {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00Z`));
}
