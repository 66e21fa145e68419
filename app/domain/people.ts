import { z } from "zod";
import { ROLES, type Role } from "./vocabulary";

// People and teams as admins edit them: the form rules, shared by the person form and the
// people import. Pure.

export const ROLE_LABELS: Record<Role, string> = {
  EMPLOYEE: "Employee",
  MANAGER: "Manager",
  HR: "HR",
  LEADERSHIP: "Leadership",
  ADMIN: "Admin",
};

/**
 * Languages the portal's people may prefer. Pages and mail are in English, Japanese and Spanish
 * (app/i18n/config.ts); anyone else gets their browser's language if it is one of those.
 */
export const LANGUAGES = {
  en: "English",
  ja: "Japanese",
  fr: "French",
  de: "German",
  es: "Spanish",
  it: "Italian",
  nl: "Dutch",
  pt: "Portuguese",
  pl: "Polish",
} as const;
export type Language = keyof typeof LANGUAGES;

export const DEFAULT_TIME_ZONE = "Europe/London";

/** IANA zones the runtime knows; UTC is always accepted. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    return false;
  }
}

/** "europe/paris" → "Europe/Paris", as the runtime spells it. */
export function canonicalTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const optionalText = (max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(max, message).optional(),
  );

export const EMPLOYEE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const personSchema = z.object({
  name: z
    .string({ required_error: "Please enter the person's name." })
    .trim()
    .min(1, "Please enter the person's name.")
    .max(200, "Please keep the name under 200 characters."),
  email: z
    .string({ required_error: "Please enter their work email." })
    .trim()
    .email("Please enter a valid email address.")
    .max(254)
    .transform(normaliseEmail),
  employeeId: optionalText(64, "Please keep the employee id under 64 characters.").refine(
    (v) => v === undefined || EMPLOYEE_ID.test(v),
    "Use letters, digits, dots, dashes or underscores only.",
  ),
  role: z.enum(ROLES, {
    errorMap: () => ({ message: "Please choose a role." }),
  }),
  teamId: optionalText(64, "Please choose a team from the list."),
  managerId: optionalText(64, "Please choose a manager from the list."),
  timeZone: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .default(DEFAULT_TIME_ZONE)
      .refine(isTimeZone, "Please choose a time zone from the list, such as Europe/Paris.")
      .transform(canonicalTimeZone),
  ),
  language: z.enum(Object.keys(LANGUAGES) as [Language, ...Language[]], {
    errorMap: () => ({ message: "Please choose a language from the list." }),
  }),
  active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type PersonInput = z.output<typeof personSchema>;

export const teamSchema = z.object({
  name: z
    .string({ required_error: "Please enter the team's name." })
    .trim()
    .min(1, "Please enter the team's name.")
    .max(120, "Please keep the name under 120 characters."),
  managerId: optionalText(64, "Please choose a manager from the list."),
  parentId: optionalText(64, "Please choose a parent team from the list."),
});
export type TeamInput = z.output<typeof teamSchema>;

/** Fields of a person kept in the settings history, in the order they are described. */
export const PERSON_AUDIT_FIELDS = [
  "name",
  "email",
  "employeeId",
  "role",
  "team",
  "managerId",
  "timeZone",
  "language",
  "active",
] as const;
export const TEAM_AUDIT_FIELDS = ["name", "managerId", "parent"] as const;

/**
 * Loops in a reporting line given as person → manager pairs: the people in each loop found
 * (empty when there is none). Used on a whole import before anything is written.
 */
export function findManagerCycles(managerOf: Map<string, string | null>): string[][] {
  const state = new Map<string, "walking" | "done">();
  const cycles: string[][] = [];
  for (const start of managerOf.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let id: string | null | undefined = start;
    while (id && !state.has(id)) {
      state.set(id, "walking");
      path.push(id);
      id = managerOf.get(id) ?? null;
    }
    if (id && state.get(id) === "walking") cycles.push(path.slice(path.indexOf(id)));
    for (const p of path) state.set(p, "done");
  }
  return cycles;
}

export type FormValues = Record<string, string>;

/** A submitted person form: the parsed person and manager reference, or errors per field. */
export function parsePersonForm(values: FormValues) {
  const parsed = personSchema.safeParse(values);
  const managerRef = (values.managerRef ?? "").trim().slice(0, 254);
  if (!parsed.success) {
    return {
      ok: false as const,
      errors: parsed.error.flatten().fieldErrors as Record<string, string[]>,
    };
  }
  return { ok: true as const, value: { ...parsed.data, managerRef } };
}

export function parseTeamForm(values: FormValues) {
  const parsed = teamSchema.safeParse(values);
  const managerRef = (values.managerRef ?? "").trim().slice(0, 254);
  if (!parsed.success) {
    return {
      ok: false as const,
      errors: parsed.error.flatten().fieldErrors as Record<string, string[]>,
    };
  }
  return { ok: true as const, value: { ...parsed.data, managerRef } };
}

/** Time zone names to suggest in the person form. */
export function timeZoneNames(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
}
