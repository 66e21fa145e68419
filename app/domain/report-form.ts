import { z } from "zod";
import { zonedTimeToInstant } from "./business-calendar";
import { CONTROL_CHARS_MESSAGE, hasControlChars } from "./input-rules";
import { CATEGORIES, CHANNELS, SEVERITIES, SUPPORT_KINDS } from "./vocabulary";

// The report form's rules, shared by the browser (instant messages) and the server (the truth).

export const NARRATIVE_MAX = 20_000;
export const IMPACT_MAX = 10_000;

function freeText(label: string, max: number) {
  return z
    .string({ required_error: `Please describe ${label}.` })
    .trim()
    .min(1, `Please describe ${label}.`)
    .max(max, `Please keep this under ${max.toLocaleString("en-GB")} characters.`)
    .refine((s) => !hasControlChars(s), { message: CONTROL_CHARS_MESSAGE });
}

/** The value of the account and contact choices that means "a new one, named below". */
export const NEW_CHOICE = "__new__";
const NAME_MAX = 200;

function shortName(what: string) {
  return z
    .string()
    .trim()
    .max(NAME_MAX, `Please keep the ${what} under ${NAME_MAX} characters.`)
    .refine((s) => !hasControlChars(s), { message: CONTROL_CHARS_MESSAGE })
    .optional();
}

const idList = z.array(z.string().max(64)).max(50).default([]);

export const reportFormFields = z.object({
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
  newAccountName: shortName("account name"),
  contactId: z.string().max(64).optional(),
  newContactName: shortName("contact's name"),
  witnessIds: idList,
  namedUserIds: idList,
  support: z
    .array(z.enum(SUPPORT_KINDS, { errorMap: () => ({ message: "Unknown kind of support." }) }))
    .max(SUPPORT_KINDS.length)
    .default([])
    .transform((list) => [...new Set(list)]),
});

/** Rules across fields: a "new" account or contact needs its name. */
type CrossFields = {
  accountId: string;
  newAccountName?: string;
  contactId?: string;
  newContactName?: string;
};

export function withReportRules<T extends z.ZodType<CrossFields, z.ZodTypeDef, unknown>>(
  schema: T,
): z.ZodEffects<T, z.output<T>, z.input<T>> {
  return schema.superRefine((v: CrossFields, ctx) => {
    if (v.accountId === NEW_CHOICE && !v.newAccountName) {
      ctx.addIssue({
        code: "custom",
        path: ["newAccountName"],
        message: "Please give the new account's name.",
      });
    }
    if (v.contactId === NEW_CHOICE && !v.newContactName) {
      ctx.addIssue({
        code: "custom",
        path: ["newContactName"],
        message: "Please give the new contact's name.",
      });
    }
  });
}

export const reportFormSchema = withReportRules(reportFormFields);

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
