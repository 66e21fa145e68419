import type { TFunction } from "i18next";

/** "2 h 15 min left", "3 days left", "overdue by 40 min" (as describeTimeLeft), translated. */
export function timeLeftText(t: TFunction, minutes: number): string {
  const abs = Math.abs(minutes);
  const span =
    abs < 60
      ? t("time.minutes", { count: abs })
      : abs < 48 * 60
        ? abs % 60
          ? t("time.hoursMinutes", { hours: Math.floor(abs / 60), minutes: abs % 60 })
          : t("time.hours", { count: Math.floor(abs / 60) })
        : t("time.days", { count: Math.floor(abs / (24 * 60)) });
  return minutes >= 0 ? t("time.left", { span }) : t("time.overdueBy", { span });
}
