import { z } from "zod";
import { BUSINESS_YEARS, isRealDate, wholeNumberText } from "./input-rules";
import { CONDUCT_STATUSES, SEGMENTS } from "./vocabulary";

/** Days overdue fit an int column on both databases; a century of arrears is plenty. */
export const DAYS_OVERDUE_MAX = 36_500;

// The CRM import's column set and row rules (docs/crm-import.md). Pure: the server parses the
// CSV with csv-parse, checks each row here, then looks up owners and writes.

export const IMPORT_COLUMNS = [
  "crm_id",
  "name",
  "segment",
  "owner_email",
  "arr",
  "contract_value",
  "currency",
  "contract_start",
  "contract_end",
  "renewal_date",
  "notice_date",
  "payment_status",
  "days_overdue",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["crm_id", "name", "segment", "arr"];

export const PAYMENT_STATUSES = ["CURRENT", "LATE", "IN_DISPUTE"] as const;

export const TEMPLATE_EXAMPLE: Record<ImportColumn, string> = {
  crm_id: "0015g00000ABCDE",
  name: "Example Manufacturing Ltd",
  segment: "ENTERPRISE",
  owner_email: "charlotte.davies@demo.example",
  arr: "450000.00",
  contract_value: "1350000.00",
  currency: "GBP",
  contract_start: "2025-04-01",
  contract_end: "2028-03-31",
  renewal_date: "2028-03-31",
  notice_date: "2027-12-31",
  payment_status: "CURRENT",
  days_overdue: "0",
};

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** Money in major units with at most two decimals ("1850000", "1850000.50"): minor units. */
const moneyString = (missing: string) =>
  z
    .string({ required_error: missing })
    .regex(/^-?\d+(\.\d{1,2})?$/, "Use a plain number with at most two decimals, like 125000.00")
    .transform((s) => {
      const [whole, frac = ""] = s.replace(/^-/, "").split(".");
      const minor = BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2));
      return s.startsWith("-") ? -minor : minor;
    })
    .refine((v) => v >= 0n, "Must not be negative")
    .refine((v) => v < 10n ** 15n, "Too large");

const isoDate = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the date format YYYY-MM-DD, like 2027-03-31")
    .refine((s) => isRealDate(s, BUSINESS_YEARS), "Not a real date")
    .transform((s) => new Date(`${s}T00:00:00Z`))
    .optional(),
);

export const importRowSchema = z
  .object({
    crm_id: z.preprocess(
      trimmed,
      z.string({ required_error: "CRM id is missing" }).min(1, "CRM id is missing").max(64),
    ),
    name: z.preprocess(
      trimmed,
      z.string({ required_error: "Name is missing" }).min(1, "Name is missing").max(200),
    ),
    segment: z.preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .trim()
              .toUpperCase()
              .replace(/[\s-]+/g, "_")
          : v,
      z.enum(SEGMENTS, {
        errorMap: () => ({ message: `Unknown segment; use one of ${SEGMENTS.join(", ")}` }),
      }),
    ),
    owner_email: z.preprocess(
      (v) => blank(trimmed(v)),
      z.string().email("Not an email address").toLowerCase().optional(),
    ),
    arr: z.preprocess((v) => blank(trimmed(v)), moneyString("ARR is missing")),
    contract_value: z.preprocess((v) => blank(trimmed(v)), moneyString("").optional()),
    currency: z.preprocess(
      (v) => blank(trimmed(v)) ?? "USD",
      z
        .string()
        .transform((s) => s.toUpperCase())
        .pipe(z.string().regex(/^[A-Z]{3}$/, "Use a three-letter currency code, like GBP")),
    ),
    contract_start: isoDate,
    contract_end: isoDate,
    renewal_date: isoDate,
    notice_date: isoDate,
    payment_status: z.preprocess(
      (v) =>
        (blank(trimmed(v)) as string | undefined)?.toUpperCase().replace(/[\s-]+/g, "_") ??
        "CURRENT",
      z.enum(PAYMENT_STATUSES, {
        errorMap: () => ({ message: `Use one of ${PAYMENT_STATUSES.join(", ")}` }),
      }),
    ),
    days_overdue: z.preprocess(
      (v) => blank(trimmed(v)) ?? "0",
      wholeNumberText("Use a whole number of days, 0 or more", DAYS_OVERDUE_MAX),
    ),
  })
  .superRefine((r, ctx) => {
    if (r.contract_start && r.contract_end && r.contract_end < r.contract_start) {
      ctx.addIssue({
        code: "custom",
        path: ["contract_end"],
        message: "Contract end is before contract start",
      });
    }
  });

export type ImportRow = z.output<typeof importRowSchema>;

export type RowCheck =
  | { line: number; ok: true; row: ImportRow; raw: Record<string, string> }
  | { line: number; ok: false; errors: string[]; raw: Record<string, string> };

/** Checks the header: every required column present, no unknown ones. */
export function checkHeader(header: readonly string[]): string[] {
  const errors: string[] = [];
  const cols = header.map((h) => h.trim().toLowerCase());
  for (const c of REQUIRED_COLUMNS) {
    if (!cols.includes(c)) errors.push(`The column "${c}" is missing.`);
  }
  const unknown = cols.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) errors.push(`Unknown column(s): ${unknown.join(", ")}.`);
  return errors;
}

/**
 * Checks every row; `line` is the line in the file (the header is line 1). A CRM id seen on an
 * earlier row makes the later row an error, so a file never updates one account twice.
 */
export function checkRows(records: readonly Record<string, string>[]): RowCheck[] {
  const seen = new Map<string, number>();
  return records.map((raw, i) => {
    const line = i + 2;
    const parsed = importRowSchema.safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((iss) => {
        const col = String(iss.path[0] ?? "");
        return col ? `${col}: ${iss.message}` : iss.message;
      });
      return { line, ok: false, errors, raw };
    }
    const first = seen.get(parsed.data.crm_id);
    if (first !== undefined) {
      return {
        line,
        ok: false,
        errors: [`crm_id: Duplicate of line ${first}; each CRM id may appear once`],
        raw,
      };
    }
    seen.set(parsed.data.crm_id, line);
    return { line, ok: true, row: parsed.data, raw };
  });
}

/** The account edit form (HR and admins): the CRM fields plus conduct status and confirmation. */
export const accountEditSchema = z.object({
  name: z.preprocess(
    trimmed,
    z.string({ required_error: "Enter a name" }).min(1, "Enter a name").max(200),
  ),
  segment: z.enum(SEGMENTS, { errorMap: () => ({ message: "Choose a segment" }) }),
  ownerId: z.preprocess((v) => blank(v) ?? null, z.string().nullable()),
  arr: z.preprocess((v) => blank(trimmed(v)), moneyString("Enter the ARR (0 if none)")),
  contractValue: z.preprocess((v) => blank(trimmed(v)) ?? "0", moneyString("")),
  currency: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.string().regex(/^[A-Z]{3}$/, "Use a three-letter currency code, like GBP"),
  ),
  contractStart: isoDate,
  contractEnd: isoDate,
  renewalDate: isoDate,
  noticeDate: isoDate,
  paymentStatus: z.enum(PAYMENT_STATUSES, {
    errorMap: () => ({ message: "Choose a payment status" }),
  }),
  daysOverdue: z.preprocess(
    (v) => blank(trimmed(v)) ?? "0",
    wholeNumberText("Use a whole number of days, 0 or more", DAYS_OVERDUE_MAX),
  ),
  conductStatus: z.enum(CONDUCT_STATUSES, {
    errorMap: () => ({ message: "Choose a conduct status" }),
  }),
  confirmed: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});
export type AccountEdit = z.output<typeof accountEditSchema>;

/** Minor units to the "125000.00" a money input shows. */
export function minorToInput(minor: number): string {
  return (minor / 100).toFixed(2);
}
