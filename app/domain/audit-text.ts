import { SEGMENT_LABELS } from "./account-scoring";
import type { AuditChanges, AuditValue, FieldChange } from "./audit-diff";
import { BUSINESS_DAY_HOURS, describeWorkingDays } from "./calendar-form";
import {
  DEADLINE_KINDS,
  DEADLINE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type DeadlineKind,
  type Segment,
  type Severity,
} from "./vocabulary";

// The settings history in calm plain words: one sentence per audit event, e.g.
// "Changed the deadline policy: acknowledge, critical: 1 h → 2 h". Pure; the page supplies
// the subject's current name and the names of users an event refers to.

export const AUDIT_ACTIONS = [
  "DEADLINE_POLICY_SAVED",
  "CALENDAR_CREATED",
  "CALENDAR_UPDATED",
  "CALENDAR_DELETED",
  "HOLIDAY_ADDED",
  "HOLIDAY_REMOVED",
  "ACCOUNT_UPDATED",
  "CONTACT_ADDED",
  "CONTACT_UPDATED",
  "ACCOUNTS_IMPORTED",
  "MAIL_RETRIED",
  // People and teams (org): admins' edits and HR imports.
  "PERSON_CREATED",
  "PERSON_UPDATED",
  "PERSON_INVITED",
  "TEAM_CREATED",
  "TEAM_UPDATED",
  "PEOPLE_IMPORTED",
  // Integrations: API tokens and what the REST API wrote.
  "API_TOKEN_CREATED",
  "API_TOKEN_REVOKED",
  "API_ACCOUNTS_UPSERTED",
  "API_CONTACTS_UPSERTED",
  // Critical-report guidance (handling).
  "GUIDANCE_UPDATED",
  // Retention, legal hold and people's data rights (compliance).
  "LEGAL_HOLD_PLACED",
  "LEGAL_HOLD_RELEASED",
  "RETENTION_POLICY_SAVED",
  "RETENTION_PURGED",
  "RETENTION_PURGE_REFUSED",
  "PERSON_DATA_EXPORTED",
  "PERSON_ERASED",
  "PERSON_ERASURE_REFUSED",
  // Webhooks (integrations).
  "WEBHOOK_CREATED",
  "WEBHOOK_UPDATED",
  "WEBHOOK_SECRET_ROTATED",
  "WEBHOOK_DELETED",
  "WEBHOOK_TEST_SENT",
  "WEBHOOK_DELIVERY_RETRIED",
  // Jurisdiction templates and regulator records (compliance2).
  "JURISDICTION_TEMPLATE_APPLIED",
  "JURISDICTION_CATEGORIES_SAVED",
  "RECORDS_EXPORTED",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECTS = [
  "DEADLINE_POLICY",
  "CALENDAR",
  "ACCOUNT",
  "CONTACT",
  "ACCOUNT_IMPORT",
  "NOTIFICATION",
  // People and teams (org).
  "PERSON",
  "TEAM",
  "PEOPLE_IMPORT",
  // Integrations.
  "API_TOKEN",
  "SETTING",
  // Compliance.
  "LEGAL_HOLD",
  "RETENTION_POLICY",
  "INCIDENT",
  // Webhooks.
  "WEBHOOK",
  "COMPLIANCE_POLICY",
  "RECORDS",
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECTS)[number];

export type AuditContext = {
  /** The subject as it is called now (an account's, calendar's or contact's name). */
  subjectLabel?: string | null;
  /** For a contact: the account it belongs to. */
  accountName?: string | null;
  /**
   * The currency of the money in the event. Only the event itself can say (a later edit or
   * import may have changed the account's), so pages leave it unset and amounts then show
   * without one, unless the currency changed in the same event.
   */
  currency?: string | null;
  /** Names of users the data refers to by id (an account owner). */
  names?: Map<string, string>;
};

const ARROW = " → ";

function text(v: AuditValue | undefined): string {
  return v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
}

function words(v: AuditValue | undefined): string {
  return text(v).toLowerCase().replace(/_/g, " ");
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A deadline target: "2 h", "1 business day", "30 calendar days". */
export function describeTarget(v: AuditValue | undefined): string {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return "not set";
  const minutes = Number(v.minutes);
  if (!Number.isFinite(minutes)) return "not set";
  const hoursAndMinutes = (m: number) => `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`;
  if (v.businessHours === false) {
    return minutes % (24 * 60) === 0
      ? plural(minutes / (24 * 60), "calendar day")
      : `${hoursAndMinutes(minutes)} round the clock`;
  }
  const day = BUSINESS_DAY_HOURS * 60;
  return minutes % day === 0 ? plural(minutes / day, "business day") : hoursAndMinutes(minutes);
}

/** Money in minor units (a string, as stored) as "1,200,000.00", with the currency if known. */
export function describeMoney(v: AuditValue | undefined, currency?: string | null): string {
  const s = text(v);
  if (!/^-?\d+$/.test(s)) return "not set";
  const negative = s.startsWith("-");
  const digits = (negative ? s.slice(1) : s).padStart(3, "0");
  const major = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const amount = `${negative ? "-" : ""}${major}.${digits.slice(-2)}`;
  return currency ? `${currency} ${amount}` : amount;
}

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2027-03-31" or an ISO instant at midnight UTC → "31 Mar 2027". */
export function describeDay(v: AuditValue | undefined): string {
  const s = text(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return "not set";
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? s : dayFormat.format(d);
}

type FieldWords = { label: string; value: (v: AuditValue, ctx: AuditContext) => string };

const plain: FieldWords["value"] = (v) => (v === null || v === "" ? "none" : text(v));
const lower: FieldWords["value"] = (v) => (v === null ? "none" : words(v));
const day: FieldWords["value"] = (v) => describeDay(v);
const money: FieldWords["value"] = (v, ctx) => describeMoney(v, ctx.currency);

const ACCOUNT_FIELDS: Record<string, FieldWords> = {
  name: { label: "name", value: plain },
  segment: {
    label: "segment",
    value: (v) => SEGMENT_LABELS[text(v) as Segment]?.toLowerCase() ?? words(v),
  },
  ownerId: {
    label: "owner",
    value: (v, ctx) => (v === null ? "nobody" : (ctx.names?.get(text(v)) ?? "a former user")),
  },
  arrMinor: { label: "ARR", value: money },
  contractValueMinor: { label: "contract value", value: money },
  currency: { label: "currency", value: plain },
  contractStart: { label: "contract start", value: day },
  contractEnd: { label: "contract end", value: day },
  renewalDate: { label: "renewal date", value: day },
  noticeDate: { label: "notice date", value: day },
  paymentStatus: { label: "payment status", value: lower },
  daysOverdue: { label: "days overdue", value: plain },
  conductStatus: { label: "conduct status", value: lower },
  needsConfirmation: {
    label: "confirmation",
    value: (v) => (v === true ? "awaiting confirmation" : "confirmed"),
  },
};

const CONTACT_FIELDS: Record<string, FieldWords> = {
  name: { label: "name", value: plain },
  jobTitle: { label: "job title", value: plain },
  email: { label: "email", value: plain },
  needsConfirmation: ACCOUNT_FIELDS.needsConfirmation,
};

const CALENDAR_FIELDS: Record<string, FieldWords> = {
  name: { label: "name", value: plain },
  timeZone: { label: "time zone", value: plain },
  workingDays: {
    label: "working days",
    value: (v) => describeWorkingDays(text(v).split(",").filter(Boolean).map(Number)),
  },
  dayStart: { label: "day starts", value: plain },
  dayEnd: { label: "day ends", value: plain },
};

const userName: FieldWords["value"] = (v, ctx) =>
  v === null ? "nobody" : (ctx.names?.get(text(v)) ?? "a former user");

const PERSON_FIELDS: Record<string, FieldWords> = {
  name: { label: "name", value: plain },
  email: { label: "email", value: plain },
  employeeId: { label: "employee id", value: plain },
  role: { label: "role", value: lower },
  team: { label: "team", value: plain },
  managerId: { label: "manager", value: userName },
  timeZone: { label: "time zone", value: plain },
  language: { label: "language", value: plain },
  active: { label: "status", value: (v) => (v === false ? "deactivated" : "active") },
};

const WEBHOOK_FIELDS: Record<string, FieldWords> = {
  url: { label: "address", value: plain },
  description: { label: "description", value: plain },
  events: { label: "events", value: (v) => (text(v) ? text(v).split(" ").join(", ") : "none") },
  active: { label: "status", value: (v) => (v === false ? "disabled" : "active") },
};

const TEAM_FIELDS: Record<string, FieldWords> = {
  name: { label: "name", value: plain },
  managerId: { label: "manager", value: userName },
  parent: { label: "parent team", value: plain },
};

function describeChanges(
  changes: AuditChanges,
  fields: Record<string, FieldWords>,
  ctx: AuditContext,
): string[] {
  // Money before a change of currency was in the old currency.
  const currency = changes.currency;
  const fromCtx = currency ? { ...ctx, currency: text(currency.from) || null } : ctx;
  const toCtx = currency ? { ...ctx, currency: text(currency.to) || null } : ctx;
  return Object.entries(changes).map(([field, c]) => {
    const f = fields[field] ?? { label: field, value: plain };
    return `${f.label}: ${f.value(c.from, fromCtx)}${ARROW}${f.value(c.to, toCtx)}`;
  });
}

/** Policy changes, most serious severity first, then in the clocks' order. */
function describePolicyChanges(changes: AuditChanges): string[] {
  const parts: string[] = [];
  for (const severity of [...SEVERITIES].reverse()) {
    for (const kind of DEADLINE_KINDS) {
      const c = changes[`${severity}.${kind}`];
      if (!c) continue;
      const label = `${DEADLINE_LABELS[kind as DeadlineKind].toLowerCase()}, ${SEVERITY_LABELS[severity as Severity].toLowerCase()}`;
      parts.push(`${label}: ${describeTarget(c.from)}${ARROW}${describeTarget(c.to)}`);
    }
  }
  const calendar = changes.calendar;
  if (calendar) {
    parts.push(
      calendar.from === null
        ? `calendar: ${text(calendar.to)}`
        : `calendar: ${text(calendar.from)}${ARROW}${text(calendar.to)}`,
    );
  }
  return parts;
}

function isChange(v: unknown): v is FieldChange {
  return typeof v === "object" && v !== null && "from" in v && "to" in v;
}

/** Only the entries shaped {from, to}: anything else in the data is not a change. */
function changesIn(data: Record<string, unknown>): AuditChanges {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => isChange(v))) as AuditChanges;
}

const withParts = (lead: string, parts: string[]) =>
  parts.length ? `${lead}: ${parts.join("; ")}` : `${lead} (nothing changed)`;

const quoted = (s: string | null | undefined, fallback: string) => (s ? `“${s}”` : fallback);

export function describeAudit(
  event: { action: string; data: Record<string, unknown> },
  ctx: AuditContext = {},
): string {
  const { data } = event;
  const subject = ctx.subjectLabel ?? null;
  const changes = changesIn(data);
  const str = (k: string) => (typeof data[k] === "string" ? (data[k] as string) : null);
  const num = (k: string) => (typeof data[k] === "number" ? (data[k] as number) : 0);

  switch (event.action) {
    case "DEADLINE_POLICY_SAVED":
      return withParts("Changed the deadline policy", describePolicyChanges(changes));
    case "CALENDAR_CREATED":
      return `Created the calendar ${quoted(str("name") ?? subject, "(unnamed)")}`;
    case "CALENDAR_UPDATED":
      return withParts(
        `Changed the calendar ${quoted(subject, "(since removed)")}`,
        describeChanges(changes, CALENDAR_FIELDS, ctx),
      );
    case "CALENDAR_DELETED":
      return `Deleted the calendar ${quoted(str("name") ?? subject, "(unnamed)")}`;
    case "HOLIDAY_ADDED":
    case "HOLIDAY_REMOVED": {
      const added = event.action === "HOLIDAY_ADDED";
      const holiday = `${quoted(str("name"), "a holiday")} on ${describeDay(str("date"))}`;
      const calendar = quoted(subject, "a calendar");
      return added
        ? `Added the holiday ${holiday} to ${calendar}`
        : `Removed the holiday ${holiday} from ${calendar}`;
    }
    case "ACCOUNT_UPDATED":
      return withParts(
        `Changed the account ${quoted(subject, "(unknown account)")}`,
        describeChanges(changes, ACCOUNT_FIELDS, ctx),
      );
    case "CONTACT_ADDED": {
      const at = ctx.accountName ? ` to ${quoted(ctx.accountName, "")}` : "";
      return `Added the contact ${quoted(str("name") ?? subject, "(unnamed)")}${at}`;
    }
    case "CONTACT_UPDATED": {
      const at = ctx.accountName ? ` at ${quoted(ctx.accountName, "")}` : "";
      const who = `${quoted(subject, "a contact")}${at}`;
      const keys = Object.keys(changes);
      const confirmedOnly =
        keys.length === 1 &&
        changes.needsConfirmation?.from === true &&
        changes.needsConfirmation.to === false;
      if (confirmedOnly) return `Confirmed the contact ${who}`;
      return withParts(`Changed the contact ${who}`, describeChanges(changes, CONTACT_FIELDS, ctx));
    }
    case "ACCOUNTS_IMPORTED":
      return `Imported accounts from the CRM: ${num("created")} created, ${num("updated")} updated, ${plural(num("rejected"), "row")} rejected`;
    case "PERSON_CREATED":
      return `Added the person ${quoted(str("name") ?? subject, "(unnamed)")} (${words(data.role as AuditValue)})`;
    case "PERSON_UPDATED":
      return withParts(
        `Changed the person ${quoted(subject, "(unknown person)")}`,
        describeChanges(changes, PERSON_FIELDS, ctx),
      );
    case "PERSON_INVITED":
      return `Sent a new invitation to ${quoted(subject, "a person")}`;
    case "TEAM_CREATED":
      return `Created the team ${quoted(str("name") ?? subject, "(unnamed)")}`;
    case "TEAM_UPDATED":
      return withParts(
        `Changed the team ${quoted(subject, "(unknown team)")}`,
        describeChanges(changes, TEAM_FIELDS, ctx),
      );
    case "PEOPLE_IMPORTED":
      return `Imported people from the HR system: ${num("created")} added, ${num("updated")} changed, ${num("deactivated")} deactivated`;
    case "API_TOKEN_CREATED":
      return `Created the API token ${quoted(str("name") ?? subject, "(unnamed)")}`;
    case "API_TOKEN_REVOKED":
      return `Revoked the API token ${quoted(subject, "(unnamed)")}`;
    case "API_ACCOUNTS_UPSERTED":
    case "API_CONTACTS_UPSERTED": {
      const what = event.action === "API_ACCOUNTS_UPSERTED" ? "accounts" : "contacts";
      const crmIds = Array.isArray(data.crmIds) ? (data.crmIds as unknown[]).map(String) : [];
      const ids = crmIds.length
        ? ` (CRM ids ${crmIds.join(", ")}${num("created") + num("updated") > crmIds.length ? ", …" : ""})`
        : "";
      return `The API token ${quoted(subject, "(unnamed)")} saved ${what}: ${num("created")} created, ${num("updated")} updated${ids}`;
    }
    case "GUIDANCE_UPDATED":
      return "Changed the guidance shown after a critical report";
    case "MAIL_RETRIED": {
      const count = num("count") || 1;
      return count === 1 ? "Sent a set-aside mail again" : `Sent ${count} set-aside mails again`;
    }
    case "LEGAL_HOLD_PLACED":
      return `Placed a legal hold for the matter ${quoted(str("matter"), "(unnamed)")} on ${str("target") ?? "a record"} (${plural(num("cases"), "case")})`;
    case "LEGAL_HOLD_RELEASED":
      return `Released the legal hold for the matter ${quoted(str("matter"), "(unnamed)")}: ${str("reason") ?? ""}`;
    case "RETENTION_POLICY_SAVED":
      return withParts(
        "Changed the retention rules",
        Object.entries(changes).map(([k, c]) => `${k}: ${text(c.from)} → ${text(c.to)}`),
      );
    case "RETENTION_PURGED":
      return `Retention removed the content of ${str("reference") ?? "a case"} (${str("rule") ?? ""})`;
    case "RETENTION_PURGE_REFUSED":
      return `Retention did not purge ${str("reference") ?? "a case"}: ${str("reason") ?? ""}`;
    case "PERSON_DATA_EXPORTED":
      return `Exported everything held about ${quoted(subject, "a person")}`;
    case "PERSON_ERASED":
      return `Erased the personal data of a person (${plural(num("cases"), "case")} touched)`;
    case "PERSON_ERASURE_REFUSED":
      return `Refused to erase ${quoted(subject, "a person")}: ${str("reason") ?? ""}`;
    case "WEBHOOK_CREATED": {
      const events = Array.isArray(data.events) ? (data.events as unknown[]).map(String) : [];
      return `Registered the webhook ${quoted(str("url") ?? subject, "(no address)")} for ${events.join(", ") || "no events"}`;
    }
    case "WEBHOOK_UPDATED":
      return withParts(
        `Changed the webhook ${quoted(str("address") ?? subject, "(since deleted)")}`,
        describeChanges(changes, WEBHOOK_FIELDS, ctx),
      );
    case "WEBHOOK_SECRET_ROTATED":
      return `Made a new signing secret for the webhook ${quoted(str("address") ?? subject, "(since deleted)")}`;
    case "WEBHOOK_DELETED":
      return `Deleted the webhook ${quoted(str("url") ?? subject, "(no address)")}`;
    case "WEBHOOK_TEST_SENT":
      return `Sent a test event to the webhook ${quoted(str("address") ?? subject, "(since deleted)")}`;
    case "WEBHOOK_DELIVERY_RETRIED": {
      const what = [str("type"), str("reference")].filter(Boolean).join(" for ");
      return `Sent a set-aside webhook event again${what ? ` (${what})` : ""} to ${quoted(subject, "a deleted webhook")}`;
    }
    case "JURISDICTION_TEMPLATE_APPLIED": {
      const parts = ["clocks", "retention", "categories"].flatMap((k) =>
        Array.isArray(data[k])
          ? (data[k] as { what?: unknown; from?: unknown; to?: unknown }[]).map(
              (c) => `${String(c.what)}: ${String(c.from)} → ${String(c.to)}`,
            )
          : [],
      );
      return parts.length
        ? withParts(`Applied the template ${str("template") ?? ""}`, parts)
        : `Applied the template ${str("template") ?? ""} (nothing needed to change)`;
    }
    case "JURISDICTION_CATEGORIES_SAVED":
      return withParts(
        "Changed the jurisdiction categories",
        Object.entries(changes).map(([k, c]) => `${k}: ${text(c.from)} → ${text(c.to)}`),
      );
    case "RECORDS_EXPORTED":
      return `Exported ${str("what") ?? "a regulator record"} (${str("format") ?? ""}, ${plural(num("cases"), "case")}${str("range") ? `, ${str("range")}` : ""})`;
    default:
      return event.action.charAt(0) + event.action.slice(1).toLowerCase().replace(/_/g, " ");
  }
}

/** User ids an event's data refers to (account owners), to look their names up at once. */
export function auditUserIds(events: { data: Record<string, unknown> }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    for (const field of ["ownerId", "managerId"]) {
      const change = e.data[field];
      if (isChange(change)) {
        for (const v of [change.from, change.to]) if (typeof v === "string") ids.add(v);
      }
    }
  }
  return [...ids];
}
