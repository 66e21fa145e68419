import { createHash } from "node:crypto";
import { SANCTION_LABELS, type Sanction } from "./sanctions";
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
  PROTECTIVE_MEASURE_LABELS,
  ROLES,
  SEVERITY_LABELS,
  STATUS_LABELS,
  type Category,
  type Channel,
  type IncidentStatus,
  type Outcome,
  type Role,
  type Severity,
} from "./vocabulary";

// Regulator and counsel records, as pure rules: the California SB 553 violent incident log built
// from codes only (never a name, an email or text someone typed), the OSHA 300/301 fields HR
// enters, and the date ranges and caps every export is bounded by.

// ---- Date ranges and caps --------------------------------------------------------------------

/** Entries in one log download; the page says so and asks for a shorter range past it. */
export const LOG_CAP = { CSV: 5000, PDF: 1000 } as const;
/** Incidents in one evidence pack. */
export const PACK_CAP = 200;
export const MAX_RANGE_YEARS = 5;

export type DateRange = { from: Date; to: Date; fromText: string; toText: string };
export type RangeParse =
  { ok: true; value: DateRange } | { ok: false; errors: { from?: string[]; to?: string[] } };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(text: string): Date | null {
  if (!DATE.test(text)) return null;
  const d = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? null : d;
}

/** From the first day to the end of the last day (UTC), at most MAX_RANGE_YEARS long. */
export function parseDateRange(values: Record<string, string>): RangeParse {
  const fromText = (values.from ?? "").trim();
  const toText = (values.to ?? "").trim();
  const errors: { from?: string[]; to?: string[] } = {};
  const from = parseDay(fromText);
  const to = parseDay(toText);
  if (!from) errors.from = ["Enter the first day as YYYY-MM-DD."];
  if (!to) errors.to = ["Enter the last day as YYYY-MM-DD."];
  if (from && to) {
    const limit = new Date(from);
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_RANGE_YEARS);
    if (to < from) errors.to = ["The last day must not be before the first."];
    else if (to >= limit) errors.to = [`Choose at most ${MAX_RANGE_YEARS} years at a time.`];
  }
  if (errors.from || errors.to || !from || !to) return { ok: false, errors };
  return {
    ok: true,
    value: { from, to: new Date(to.getTime() + 24 * 3600_000 - 1), fromText, toText },
  };
}

/** The default range: the last twelve months up to today (UTC). */
export function defaultRange(now: Date): { from: string; to: string } {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  return { from: from.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

// ---- SB 553 violent incident log --------------------------------------------------------------

/** A team as the log shows it: a short stable code, so a team named after someone names nobody. */
export function teamCode(teamId: string | null): string {
  if (!teamId) return "NO-TEAM";
  return `T-${createHash("sha256").update(teamId).digest("hex").slice(0, 6).toUpperCase()}`;
}

/** The log's incident types (6401.9(d)(2)(D)), from the report's categories. */
export const SB553_INCIDENT_TYPES = ["PHYSICAL_ATTACK", "THREAT", "SEXUAL", "OTHER"] as const;
export type Sb553IncidentType = (typeof SB553_INCIDENT_TYPES)[number];
const INCIDENT_TYPE_OF: Partial<Record<Category, Sb553IncidentType>> = {
  PHYSICAL_AGGRESSION: "PHYSICAL_ATTACK",
  THREATS: "THREAT",
  SEXUAL_HARASSMENT: "SEXUAL",
};

/**
 * Every report here is about a customer's conduct: workplace violence type 2 ("violence directed
 * at employees by customers, clients, patients, students, inmates, or visitors").
 */
export const VIOLENCE_TYPE = { code: "2", text: "Type 2: by a customer, client or visitor" };

const ROLE_LABELS: Record<Role, string> = {
  EMPLOYEE: "Employee",
  MANAGER: "Manager",
  HR: "HR",
  LEADERSHIP: "Leadership",
  ADMIN: "Administrator",
};
export function roleLabel(role: string | null | undefined): string {
  return role && (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : "-";
}

export type Sb553Source = {
  reference: string;
  occurredAt: Date;
  channel: string;
  teamId: string | null;
  segment: string;
  categories: string[];
  severity: string;
  status: string;
  outcome: string | null;
  protective: string[];
  sanctions: string[];
  handlerRole: string | null;
};

export const SB553_HEADER = [
  "entry",
  "date",
  "time_utc",
  "location_channel",
  "location_team_code",
  "violence_type",
  "incident_types",
  "perpetrator",
  "circumstances",
  "severity",
  "status",
  "outcome",
  "protective_measures",
  "measures_with_customer",
  "law_enforcement_or_legal",
  "handled_by_role",
  "completed_by_role",
] as const;

const known = <T extends string>(labels: Record<T, string>, code: string) =>
  Object.prototype.hasOwnProperty.call(labels, code) ? code : "OTHER";

/**
 * One log entry, codes only. Free text (narratives, notes, outcomes typed by a handler, reasons)
 * and anything naming a person or a customer is never read into it; unknown codes become OTHER.
 */
export function sb553Row(s: Sb553Source, completedByRole: string): string[] {
  const categories = s.categories.map((c) => known(CATEGORY_LABELS, c));
  const types = [
    ...new Set(categories.map((c) => INCIDENT_TYPE_OF[c as Category] ?? "OTHER")),
  ].sort();
  return [
    s.reference,
    s.occurredAt.toISOString().slice(0, 10),
    s.occurredAt.toISOString().slice(11, 16),
    known(CHANNEL_LABELS, s.channel),
    teamCode(s.teamId),
    VIOLENCE_TYPE.code,
    types.join(" "),
    `CUSTOMER_${/^[A-Z_]{1,20}$/.test(s.segment) ? s.segment : "OTHER"}`,
    categories.join(" "),
    known(SEVERITY_LABELS, s.severity),
    known(STATUS_LABELS, s.status),
    s.outcome ? known(OUTCOME_LABELS, s.outcome) : "",
    [...new Set(s.protective.map((p) => known(PROTECTIVE_MEASURE_LABELS, p)))].join(" "),
    [...new Set(s.sanctions.map((p) => known(SANCTION_LABELS, p)))].join(" "),
    s.sanctions.includes("LEGAL_OR_POLICE") ? "YES" : "NO",
    roleLabel(s.handlerRole),
    roleLabel(completedByRole),
  ];
}

/** The same entry in words, for the PDF. */
export function sb553Lines(s: Sb553Source, completedByRole: string): string[] {
  const r = sb553Row(s, completedByRole);
  const words = <T extends string>(labels: Record<T, string>, codes: string) =>
    codes
      .split(" ")
      .filter(Boolean)
      .map((c) => labels[c as T] ?? "Other")
      .join(", ") || "none";
  return [
    `${r[0]}: ${r[1]} ${r[2]} UTC, ${CHANNEL_LABELS[r[3] as Channel] ?? "Other"}, team ${r[4]}`,
    `${VIOLENCE_TYPE.text}. Incident type: ${r[6].toLowerCase().replace(/_/g, " ")}. Perpetrator: customer (${r[7].slice(9).toLowerCase().replace(/_/g, " ")}).`,
    `Circumstances: ${words(CATEGORY_LABELS, r[8])}; severity ${SEVERITY_LABELS[r[9] as Severity] ?? "-"}.`,
    `Consequences: ${STATUS_LABELS[r[10] as IncidentStatus] ?? "-"}${r[11] ? `, ${OUTCOME_LABELS[r[11] as Outcome] ?? "Other"}` : ""}; protective measures: ${words(PROTECTIVE_MEASURE_LABELS, r[12])}; with the customer: ${words(SANCTION_LABELS as Record<Sanction, string>, r[13])}; law enforcement or legal: ${r[14] === "YES" ? "yes" : "no"}.`,
    `Handled by: ${r[15]}. Log completed by: ${r[16]}.`,
  ];
}

export const SB553_LEGEND = [
  "California Labor Code 6401.9(d) violent incident log. No personal identifying information: no names, emails, customer names or free text; locations are channels and team codes.",
  "Violence type 2: by a customer, client or visitor (every report here is about a customer).",
  "Incident types: PHYSICAL_ATTACK, THREAT, SEXUAL, OTHER. Times are UTC.",
];

// ---- OSHA 300 / 301 ---------------------------------------------------------------------------

export const OSHA_CLASSIFICATIONS = [
  "DEATH",
  "DAYS_AWAY",
  "JOB_TRANSFER",
  "OTHER_RECORDABLE",
] as const;
export type OshaClassification = (typeof OSHA_CLASSIFICATIONS)[number];
export const OSHA_CLASSIFICATION_LABELS: Record<OshaClassification, string> = {
  DEATH: "Death (G)",
  DAYS_AWAY: "Days away from work (H)",
  JOB_TRANSFER: "Job transfer or restriction (I)",
  OTHER_RECORDABLE: "Other recordable case (J)",
};

export const OSHA_INJURY_TYPES = [
  "INJURY",
  "SKIN",
  "RESPIRATORY",
  "POISONING",
  "HEARING",
  "OTHER_ILLNESS",
] as const;
export type OshaInjuryType = (typeof OSHA_INJURY_TYPES)[number];
export const OSHA_INJURY_LABELS: Record<OshaInjuryType, string> = {
  INJURY: "Injury (M1)",
  SKIN: "Skin disorder (M2)",
  RESPIRATORY: "Respiratory condition (M3)",
  POISONING: "Poisoning (M4)",
  HEARING: "Hearing loss (M5)",
  OTHER_ILLNESS: "All other illnesses (M6)",
};

export type OshaInput = {
  reference: string;
  jobTitle: string;
  location: string;
  injuryDescription: string;
  classification: OshaClassification;
  daysAway: number;
  daysRestricted: number;
  injuryType: OshaInjuryType;
  privacyCase: boolean;
  treatedInEr: boolean;
  hospitalized: boolean;
  whatHappened: string;
};
export type OshaParse =
  | { ok: true; value: OshaInput }
  | { ok: false; errors: Partial<Record<keyof OshaInput, string[]>> };

export function parseOshaForm(v: Record<string, string>): OshaParse {
  const errors: Partial<Record<keyof OshaInput, string[]>> = {};
  const text = (name: keyof OshaInput, label: string, min: number, max: number) => {
    const value = (v[name] ?? "").trim();
    if (value.length < min || value.length > max)
      errors[name] = [`${label} (${min} to ${max} characters).`];
    return value;
  };
  const days = (name: "daysAway" | "daysRestricted") => {
    const raw = (v[name] ?? "").trim() || "0";
    const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    // 1904.7(b)(3)(vii): the count may be capped at 180 days.
    if (!Number.isInteger(n) || n > 180)
      errors[name] = ["Enter a whole number of days from 0 to 180."];
    return Number.isInteger(n) ? n : 0;
  };
  const reference = (v.reference ?? "").trim().toUpperCase().slice(0, 40);
  if (!reference) errors.reference = ["Enter the case reference."];
  const classification = v.classification as OshaClassification;
  if (!OSHA_CLASSIFICATIONS.includes(classification))
    errors.classification = ["Choose how the case is classified."];
  const injuryType = v.injuryType as OshaInjuryType;
  if (!OSHA_INJURY_TYPES.includes(injuryType))
    errors.injuryType = ["Choose the type of injury or illness."];
  const value: OshaInput = {
    reference,
    jobTitle: text("jobTitle", "Enter the employee's job title", 2, 100),
    location: text("location", "Enter where the event occurred, such as a site or area", 2, 200),
    injuryDescription: text(
      "injuryDescription",
      "Describe the injury or illness and the part of the body affected",
      5,
      500,
    ),
    classification,
    daysAway: days("daysAway"),
    daysRestricted: days("daysRestricted"),
    injuryType,
    privacyCase: v.privacyCase === "on",
    treatedInEr: v.treatedInEr === "on",
    hospitalized: v.hospitalized === "on",
    whatHappened: text(
      "whatHappened",
      "Say what happened and what directly harmed the employee",
      5,
      2000,
    ),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

export function parseYear(raw: string | null | undefined, now: Date): number {
  const n = Number(raw);
  const current = now.getUTCFullYear();
  return Number.isInteger(n) && n >= 2000 && n <= current ? n : current;
}

export const PRIVACY_CASE = "Privacy case";
