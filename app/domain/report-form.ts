import { z } from "zod";
import { zonedTimeToInstant } from "./business-calendar";
import { CATEGORIES, CHANNELS, SEVERITIES } from "./vocabulary";

// The report form's rules, shared by the browser (instant messages) and the server (the truth).

export const NARRATIVE_MAX = 20_000;
export const IMPACT_MAX = 10_000;

// Control characters other than tab, newline and carriage return never belong in a report,
// nor do C1 controls or bidirectional overrides (they can make a record read differently
// from what it stores).
const CONTROL_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function freeText(label: string, max: number) {
  return z
    .string({ required_error: `Please describe ${label}.` })
    .trim()
    .min(1, `Please describe ${label}.`)
    .max(max, `Please keep this under ${max.toLocaleString("en-GB")} characters.`)
    .refine((s) => !CONTROL_CHARS.test(s), {
      message:
        "This contains invisible control characters; please retype or paste it as plain text.",
    });
}

export const reportFormSchema = z.object({
  submissionKey: z.string().uuid().optional(),
  accountId: z.string({ required_error: "Please choose the customer account." }).min(1),
  occurredAt: z
    .string({ required_error: "Please say when it happened." })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Please give a date and time."),
  timeZone: z.string().max(64).optional(),
  channel: z.enum(CHANNELS, {
    errorMap: () => ({ message: "Please choose how it happened." }),
  }),
  severity: z.enum(SEVERITIES, {
    errorMap: () => ({ message: "Please choose how serious it was." }),
  }),
  categories: z
    .array(z.enum(CATEGORIES, { errorMap: () => ({ message: "Unknown category." }) }))
    .max(CATEGORIES.length)
    .default([])
    .transform((list) => [...new Set(list)]),
  narrative: freeText("what happened", NARRATIVE_MAX),
  impact: freeText("how it affected you", IMPACT_MAX).optional(),
});

export type ReportFormInput = z.infer<typeof reportFormSchema>;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_TIME_ZONE = "Europe/London";

/** The instant a "YYYY-MM-DDTHH:MM" from a datetime-local field means in the reporter's zone. */
export function occurredAtInstant(local: string, timeZone: string | undefined): Date {
  const tz = timeZone && isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const [date, time] = local.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  // Date.UTC rolls 30 February over into March; a date that does not survive the round trip
  // does not exist.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) {
    return new Date(Number.NaN);
  }
  return zonedTimeToInstant({ year, month, day, hour, minute }, tz);
}
