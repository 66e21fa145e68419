import { z } from "zod";

// Rules every form shares: what text may hold, what a date is, how big a number may be.
// One definition each, so the report form, case notes, messages and the admin forms agree.

/**
 * Control characters other than tab, newline and carriage return never belong in what people
 * type, nor do C1 controls or bidirectional overrides (they can make a record read
 * differently from what it stores). NUL is among them.
 */
export const CONTROL_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
export const CONTROL_CHARS_MESSAGE =
  "This contains invisible control characters; please retype or paste it as plain text.";

export function hasControlChars(text: string): boolean {
  return CONTROL_CHARS.test(text);
}

/** Required free text: trimmed, within limits, no control characters. */
export function plainText(required: string, max: number, min = 1) {
  return z
    .string({ required_error: required, invalid_type_error: required })
    .trim()
    .min(min, required)
    .max(max, `Please keep this under ${max.toLocaleString("en-GB")} characters.`)
    .refine((s) => !hasControlChars(s), CONTROL_CHARS_MESSAGE);
}

/** Optional free text: as plainText, but may be left empty. */
export function optionalPlainText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Please keep this under ${max.toLocaleString("en-GB")} characters.`)
    .refine((s) => !hasControlChars(s), CONTROL_CHARS_MESSAGE)
    .optional();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real calendar date "YYYY-MM-DD" within the years given: 2026-02-30 is not one (JavaScript
 * would quietly read it as 2 March).
 */
export function isRealDate(value: string, years: { min: number; max: number }): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= years.min &&
    year <= years.max &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

/** Years a business date (due, contract, renewal) may fall in. */
export const BUSINESS_YEARS = { min: 1900, max: 2200 } as const;

/** A whole number 0…max written in digits (the form's text), as a number. */
export function wholeNumberText(message: string, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n <= max, `Please give a number up to ${max}.`);
}
