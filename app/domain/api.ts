import { z } from "zod";
import { importRowSchema } from "./account-import";
import { plainText } from "./input-rules";
import { SEVERITIES } from "./vocabulary";

// The REST API's vocabulary and request shapes (pure). The same zod schemas validate requests
// and generate the OpenAPI document (app/domain/openapi.ts), so the two cannot drift apart.

export const API_SCOPES = [
  "accounts:read",
  "accounts:write",
  "contacts:write",
  "aggregates:read",
  "scim",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiScope, string> = {
  "accounts:read": "Read accounts",
  "accounts:write": "Create and update accounts",
  "contacts:write": "Create and update contacts",
  "aggregates:read": "Read incident figures per account",
  scim: "Manage people and teams (SCIM, for an identity provider)",
};

export const TOKEN_LIFETIMES = { "30": 30, "90": 90, "365": 365, never: null } as const;
export type TokenLifetime = keyof typeof TOKEN_LIFETIMES;

export const tokenFormSchema = z.object({
  name: plainText("Please name the integration this token is for.", 100),
  scopes: z
    .array(z.enum(API_SCOPES), {
      required_error: "Please choose at least one permission.",
      invalid_type_error: "Please choose at least one permission.",
    })
    .min(1, "Please choose at least one permission."),
  lifetime: z.enum(Object.keys(TOKEN_LIFETIMES) as [TokenLifetime, ...TokenLifetime[]], {
    errorMap: () => ({ message: "Please choose how long the token works." }),
  }),
});

export function parseScopes(stored: string): ApiScope[] {
  return stored
    .split(" ")
    .filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
}

/** Secrets look like "ipt_" + 43 base64url characters; the prefix tells tokens apart. */
export const TOKEN_PREFIX = "ipt_";
export const TOKEN_PREFIX_SHOWN = 12;

// ---- Requests ------------------------------------------------------------------------------

export const MAX_BATCH = 1000;

/** Numbers sent where the import reads text (arr: 125000) are read as that text. */
function numbersAsText(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, typeof x === "number" ? String(x) : x]),
  );
}

/** One account as the CRM sends it: the CSV import's columns and rules (money as "125000.00"). */
export const accountSchema = z.preprocess(numbersAsText, importRowSchema);
export type AccountRow = z.output<typeof accountSchema>;
/** The single upsert takes the CRM id from the path; a crm_id in the body must match it. */
export const accountBatchSchema = z.object({
  accounts: z.array(accountSchema).min(1, "Send at least one account.").max(MAX_BATCH),
});

const crmId = z.string().trim().min(1, "CRM id is missing").max(64);

export const contactSchema = z.object({
  crm_id: crmId,
  account_crm_id: crmId,
  name: plainText("Name is missing", 200),
  job_title: z.string().trim().max(200).optional(),
  email: z.string().trim().email("Not an email address").max(254).optional(),
});
export type ContactRow = z.output<typeof contactSchema>;
export const contactBatchSchema = z.object({
  contacts: z.array(contactSchema).min(1, "Send at least one contact.").max(MAX_BATCH),
});

export const accountListQuery = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// ---- Responses (documented; built by the models) ---------------------------------------------

export const accountOut = z.object({
  crm_id: z.string(),
  name: z.string(),
  segment: z.string(),
  arr: z.string(),
  contract_value: z.string(),
  currency: z.string(),
  contract_start: z.string().nullable(),
  contract_end: z.string().nullable(),
  renewal_date: z.string().nullable(),
  notice_date: z.string().nullable(),
  payment_status: z.string(),
  days_overdue: z.number().int(),
  conduct_status: z.string(),
  needs_review: z.boolean(),
  updated_at: z.string(),
});
export const accountPage = z.object({
  accounts: z.array(accountOut),
  next_cursor: z.string().nullable(),
});
export const upsertResult = z.object({ created: z.number().int(), updated: z.number().int() });
export const aggregatesOut = z.object({
  crm_id: z.string(),
  incidents: z.number().int(),
  open: z.number().int(),
  last_90_days: z.number().int(),
  by_severity: z.object(
    Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<
      (typeof SEVERITIES)[number],
      z.ZodNumber
    >,
  ),
});
export const problemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z
    .array(z.object({ pointer: z.string(), detail: z.string() }))
    .optional()
    .describe("Each invalid field as a JSON pointer into the request body"),
});

/** zod issues as problem+json errors: "/accounts/3/arr" names row 3's field. */
export function issuesToErrors(issues: z.ZodIssue[]): { pointer: string; detail: string }[] {
  return issues.map((i) => ({
    pointer: "/" + i.path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/"),
    detail: i.message,
  }));
}
