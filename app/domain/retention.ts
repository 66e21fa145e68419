import { createHash } from "node:crypto";
import { OUTCOMES, OUTCOME_LABELS, type Outcome } from "./vocabulary";

// Retention and legal hold, as pure rules: how long a resolved case is kept, whether it is due
// for purging, and the checks on what admins and HR type. No I/O; the models apply them.

export const HOLD_SCOPES = ["CASE", "ACCOUNT", "EMPLOYEE"] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];
export const HOLD_SCOPE_LABELS: Record<HoldScope, string> = {
  CASE: "One case",
  ACCOUNT: "Every case of a customer account",
  EMPLOYEE: "Every case an employee reported",
};

export type RetentionRules = {
  defaultYears: number;
  substantiatedYears: number;
  partlySubstantiatedYears: number;
  notSubstantiatedYears: number;
  informalYears: number;
  withdrawnYears: number;
  withdrawnEvidenceDays: number;
  viewLogDays: number;
  draftDays: number;
};

/** Used until an admin saves a policy: long enough for the usual limitation periods. */
export const RETENTION_DEFAULTS: RetentionRules = {
  defaultYears: 5,
  substantiatedYears: 7,
  partlySubstantiatedYears: 7,
  notSubstantiatedYears: 5,
  informalYears: 5,
  withdrawnYears: 2,
  withdrawnEvidenceDays: 90,
  viewLogDays: 365,
  draftDays: 30,
};

export const RETENTION_FIELDS: {
  name: keyof RetentionRules;
  label: string;
  unit: "years" | "days";
}[] = [
  { name: "substantiatedYears", label: "Substantiated cases", unit: "years" },
  { name: "partlySubstantiatedYears", label: "Partly substantiated cases", unit: "years" },
  { name: "notSubstantiatedYears", label: "Cases not substantiated", unit: "years" },
  { name: "informalYears", label: "Cases resolved informally", unit: "years" },
  { name: "withdrawnYears", label: "Withdrawn reports", unit: "years" },
  { name: "defaultYears", label: "Resolved cases with no outcome recorded", unit: "years" },
  { name: "withdrawnEvidenceDays", label: "Evidence of withdrawn reports", unit: "days" },
  { name: "viewLogDays", label: "Records of who viewed a case", unit: "days" },
  { name: "draftDays", label: "Unsent drafts", unit: "days" },
];

const LIMITS = { years: [1, 50], days: [1, 36_500] } as const;

export type RetentionParse =
  | { ok: true; value: RetentionRules }
  | { ok: false; errors: Partial<Record<keyof RetentionRules, string[]>> };

export function parseRetentionForm(values: Record<string, string>): RetentionParse {
  const errors: Partial<Record<keyof RetentionRules, string[]>> = {};
  const value = { ...RETENTION_DEFAULTS };
  for (const f of RETENTION_FIELDS) {
    const raw = (values[f.name] ?? "").trim();
    const [min, max] = LIMITS[f.unit];
    const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      errors[f.name] = [`Enter a whole number of ${f.unit} from ${min} to ${max}.`];
    } else value[f.name] = n;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

const YEARS_BY_OUTCOME: Record<Outcome, keyof RetentionRules> = {
  SUBSTANTIATED: "substantiatedYears",
  PARTLY_SUBSTANTIATED: "partlySubstantiatedYears",
  NOT_SUBSTANTIATED: "notSubstantiatedYears",
  RESOLVED_INFORMALLY: "informalYears",
  WITHDRAWN: "withdrawnYears",
};

export type RetentionRule = { outcome: Outcome | null; years: number; text: string };

/** The rule that applies to a resolved case with this outcome, named as a purge records it. */
export function ruleFor(rules: RetentionRules, outcome: string | null): RetentionRule {
  const known = (OUTCOMES as readonly string[]).includes(outcome ?? "")
    ? (outcome as Outcome)
    : null;
  const years = known ? rules[YEARS_BY_OUTCOME[known]] : rules.defaultYears;
  const what = known ? OUTCOME_LABELS[known].toLowerCase() : "no outcome recorded";
  return { outcome: known, years, text: `${what}: kept ${years} years after resolution` };
}

/** The end of the keeping period: `years` calendar years after resolution (UTC). */
export function keepUntil(resolvedAt: Date, years: number): Date {
  const d = new Date(resolvedAt);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** Cases resolved before this instant are due, for a rule of `years`. */
export function resolvedBefore(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

export function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export type ActiveHold = {
  id: string;
  scope: string;
  incidentId: string | null;
  accountId: string | null;
  userId: string | null;
  matter: string;
};

/** The holds that cover a case: on the case, on its account, or on the employee who reported it. */
export function holdsCovering(
  holds: ActiveHold[],
  c: { id: string; accountId: string; reporterId: string },
): ActiveHold[] {
  return holds.filter(
    (h) =>
      (h.scope === "CASE" && h.incidentId === c.id) ||
      (h.scope === "ACCOUNT" && h.accountId === c.accountId) ||
      (h.scope === "EMPLOYEE" && h.userId === c.reporterId),
  );
}

export type HoldInput = { scope: HoldScope; target: string; matter: string; reason: string };
export type HoldParse =
  | { ok: true; value: HoldInput }
  | { ok: false; errors: Partial<Record<keyof HoldInput, string[]>> };

export function parseHoldForm(values: Record<string, string>): HoldParse {
  const errors: Partial<Record<keyof HoldInput, string[]>> = {};
  const scope = values.scope as HoldScope;
  if (!HOLD_SCOPES.includes(scope)) errors.scope = ["Choose what the hold covers."];
  const target = (values.target ?? "").trim();
  if (!target)
    errors.target = ["Enter a case reference, an account's CRM id or name, or a work email."];
  const matter = (values.matter ?? "").trim();
  if (matter.length < 2 || matter.length > 200)
    errors.matter = ["Name the matter (2 to 200 characters)."];
  const reason = (values.reason ?? "").trim();
  if (reason.length < 5 || reason.length > 2000)
    errors.reason = ["Give the reason for the hold (5 to 2,000 characters)."];
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, value: { scope, target: target.slice(0, 320), matter, reason } };
}
