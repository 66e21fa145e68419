// Display helpers shared by server and browser. Dates are shown in the viewer's language's
// style (en → en-GB, ja → ja-JP, es → es-ES) but a fixed time zone on the server render, so
// hydration never disagrees. Untranslated pages call these without a language: British English.

import { INTL_LOCALES, asLanguage } from "~/i18n/config";
import { dateTimeFormat, numberFormat } from "~/utils/intl-formats";

const DEFAULT_ZONE = "Europe/London";

function intlLocale(language?: string): string {
  return INTL_LOCALES[asLanguage(language)];
}

function toDate(iso: string | Date): Date {
  return typeof iso === "string" ? new Date(iso) : iso;
}

export function formatDateTime(
  iso: string | Date,
  timeZone = DEFAULT_ZONE,
  language?: string,
): string {
  return dateTimeFormat(intlLocale(language), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(toDate(iso));
}

export function formatDate(iso: string | Date, timeZone = DEFAULT_ZONE, language?: string): string {
  return dateTimeFormat(intlLocale(language), { dateStyle: "medium", timeZone }).format(
    toDate(iso),
  );
}

/** A long, unambiguous date and time (mails), in the given zone. */
export function formatFullDateTime(iso: string | Date, timeZone: string, language?: string) {
  return dateTimeFormat(intlLocale(language), {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
  }).format(toDate(iso));
}

export function formatNumber(n: number, language?: string): string {
  return numberFormat(intlLocale(language)).format(n);
}

/** Money kept in minor units (cents), shown in its currency the language's way. */
export function formatMoney(minor: number | bigint, currency: string, language?: string): string {
  const major = typeof minor === "bigint" ? Number(minor) / 100 : minor / 100;
  try {
    return numberFormat(intlLocale(language), {
      style: "currency",
      currency,
      maximumFractionDigits: 0,
    }).format(major);
  } catch {
    return `${currency} ${formatNumber(Math.round(major), language)}`;
  }
}

/** File sizes in the language's number style. */
export function formatFileSize(bytes: number, language?: string): string {
  const unit = (value: number, u: "byte" | "kilobyte" | "megabyte", digits = 0) =>
    numberFormat(intlLocale(language), {
      style: "unit",
      unit: u,
      unitDisplay: u === "byte" ? "long" : "short",
      maximumFractionDigits: digits,
    }).format(value);
  if (bytes < 1024) return unit(bytes, "byte");
  if (bytes < 1024 * 1024) return unit(Math.round(bytes / 1024), "kilobyte");
  return unit(bytes / 1024 / 1024, "megabyte", 1);
}
