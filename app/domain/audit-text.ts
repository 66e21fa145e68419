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
  /**
   * The page's wording in another language: a translation key and its values give the
   * sentence, or null for the English one written here (app/routes/admin.audit.tsx passes it).
   */
  say?: AuditWords;
};

export type AuditWords = (key: string, values?: Record<string, string | number>) => string | null;

/** The sentence in the page's language when it has one, else the English. */
function say(
  ctx: AuditContext,
  key: string,
  english: string,
  values?: Record<string, string | number>,
): string {
  return ctx.say?.(key, values) ?? english;
}

const ARROW = " → ";

function text(v: AuditValue | undefined): string {
  return v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
}

function words(v: AuditValue | undefined): string {
  return text(v).toLowerCase().replace(/_/g, " ");
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A deadline target: "2 h", "1 business day", "30 calendar days". */
export function describeTarget(v: AuditValue | undefined, ctx: AuditContext = {}): string {
  const notSet = say(ctx, "admin.audit.notSet", "not set");
  if (v === null || typeof v !== "object" || Array.isArray(v)) return notSet;
  const minutes = Number(v.minutes);
  if (!Number.isFinite(minutes)) return notSet;
  const hoursAndMinutes = (m: number) => {
    const [hours, rest] = [Math.floor(m / 60), m % 60];
    const english = `${hours} h${rest ? ` ${rest} min` : ""}`;
    return rest
      ? say(ctx, "admin.calendar.hoursMinutes", english, { hours, minutes: rest })
      : say(ctx, "admin.calendar.hours", english, { hours });
  };
  if (v.businessHours === false) {
    const days = minutes / (24 * 60);
    return minutes % (24 * 60) === 0
      ? say(ctx, "admin.audit.calendarDays", plural(days, "calendar day"), { count: days })
      : say(ctx, "admin.audit.roundTheClock", `${hoursAndMinutes(minutes)} round the clock`, {
          time: hoursAndMinutes(minutes),
        });
  }
  const day = BUSINESS_DAY_HOURS * 60;
  return minutes % day === 0
    ? say(ctx, "admin.audit.businessDays", plural(minutes / day, "business day"), {
        count: minutes / day,
      })
    : hoursAndMinutes(minutes);
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

const none = (ctx: AuditContext) => say(ctx, "admin.audit.noneValue", "none");
const plain: FieldWords["value"] = (v, ctx) => (v === null || v === "" ? none(ctx) : text(v));
const lower: FieldWords["value"] = (v, ctx) => (v === null ? none(ctx) : words(v));
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
    value: (v, ctx) =>
      v === null
        ? say(ctx, "admin.audit.nobody", "nobody")
        : (ctx.names?.get(text(v)) ?? say(ctx, "admin.audit.formerUser", "a former user")),
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
    value: (v, ctx) =>
      v === true
        ? say(ctx, "admin.audit.awaitingConfirmation", "awaiting confirmation")
        : say(ctx, "admin.audit.confirmed", "confirmed"),
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
  v === null
    ? say(ctx, "admin.audit.nobody", "nobody")
    : (ctx.names?.get(text(v)) ?? say(ctx, "admin.audit.formerUser", "a former user"));

const PERSON_FIELDS: Record<string, FieldWords> = {
  name: { label: "name", value: plain },
  email: { label: "email", value: plain },
  employeeId: { label: "employee id", value: plain },
  role: { label: "role", value: lower },
  team: { label: "team", value: plain },
  managerId: { label: "manager", value: userName },
  timeZone: { label: "time zone", value: plain },
  language: { label: "language", value: plain },
  active: {
    label: "status",
    value: (v, ctx) =>
      v === false
        ? say(ctx, "admin.audit.deactivated", "deactivated")
        : say(ctx, "admin.audit.active", "active"),
  },
};

const WEBHOOK_FIELDS: Record<string, FieldWords> = {
  url: { label: "address", value: plain },
  description: { label: "description", value: plain },
  events: {
    label: "events",
    value: (v, ctx) => (text(v) ? text(v).split(" ").join(", ") : none(ctx)),
  },
  active: {
    label: "status",
    value: (v, ctx) =>
      v === false
        ? say(ctx, "admin.audit.disabled", "disabled")
        : say(ctx, "admin.audit.active", "active"),
  },
};

const TEAM_FIELDS: Record<string, FieldWords> = {
  name: { label: "name", value: plain },
  managerId: { label: "manager", value: userName },
  parent: { label: "parent team", value: plain },
};

/** The fields' names in the page's language (each key written out, for the language files). */
const FIELD_KEYS: Record<string, string> = {
  name: "admin.audit.fields.name",
  segment: "admin.audit.fields.segment",
  owner: "admin.audit.fields.owner",
  ARR: "admin.audit.fields.arr",
  "contract value": "admin.audit.fields.contractValue",
  currency: "admin.audit.fields.currency",
  "contract start": "admin.audit.fields.contractStart",
  "contract end": "admin.audit.fields.contractEnd",
  "renewal date": "admin.audit.fields.renewalDate",
  "notice date": "admin.audit.fields.noticeDate",
  "payment status": "admin.audit.fields.paymentStatus",
  "days overdue": "admin.audit.fields.daysOverdue",
  "conduct status": "admin.audit.fields.conductStatus",
  confirmation: "admin.audit.fields.confirmation",
  "job title": "admin.audit.fields.jobTitle",
  email: "admin.audit.fields.email",
  "time zone": "admin.audit.fields.timeZone",
  "working days": "admin.audit.fields.workingDays",
  "day starts": "admin.audit.fields.dayStarts",
  "day ends": "admin.audit.fields.dayEnds",
  "employee id": "admin.audit.fields.employeeId",
  role: "admin.audit.fields.role",
  team: "admin.audit.fields.team",
  manager: "admin.audit.fields.manager",
  language: "admin.audit.fields.language",
  status: "admin.audit.fields.status",
  address: "admin.audit.fields.address",
  description: "admin.audit.fields.description",
  events: "admin.audit.fields.events",
  "parent team": "admin.audit.fields.parentTeam",
  calendar: "admin.audit.fields.calendar",
};

function fieldLabel(ctx: AuditContext, label: string): string {
  const key = FIELD_KEYS[label];
  return key ? say(ctx, key, label) : label;
}

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
    return `${fieldLabel(ctx, f.label)}: ${f.value(c.from, fromCtx)}${ARROW}${f.value(c.to, toCtx)}`;
  });
}

/** Policy changes, most serious severity first, then in the clocks' order. */
function describePolicyChanges(changes: AuditChanges, ctx: AuditContext): string[] {
  const parts: string[] = [];
  for (const severity of [...SEVERITIES].reverse()) {
    for (const kind of DEADLINE_KINDS) {
      const c = changes[`${severity}.${kind}`];
      if (!c) continue;
      const label =
        ctx.say?.("admin.audit.policyCell", {
          kind: ctx.say(`vocab.deadline.${kind}`) ?? kind,
          severity: ctx.say(`vocab.severity.${severity}`) ?? severity,
        }) ??
        `${DEADLINE_LABELS[kind as DeadlineKind].toLowerCase()}, ${SEVERITY_LABELS[severity as Severity].toLowerCase()}`;
      parts.push(`${label}: ${describeTarget(c.from, ctx)}${ARROW}${describeTarget(c.to, ctx)}`);
    }
  }
  const calendar = changes.calendar;
  if (calendar) {
    parts.push(
      calendar.from === null
        ? `${fieldLabel(ctx, "calendar")}: ${text(calendar.to)}`
        : `${fieldLabel(ctx, "calendar")}: ${text(calendar.from)}${ARROW}${text(calendar.to)}`,
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

const withParts = (lead: string, parts: string[], ctx: AuditContext = {}) =>
  parts.length
    ? `${lead}: ${parts.join("; ")}`
    : say(ctx, "admin.audit.nothingChanged", `${lead} (nothing changed)`, { lead });

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
  // A quoted name, or what stands for it when there is none.
  const unnamed = say(ctx, "admin.audit.unnamed", "(unnamed)");
  const sinceRemoved = say(ctx, "admin.audit.sinceRemoved", "(since removed)");
  const sinceDeleted = say(ctx, "admin.audit.sinceDeleted", "(since deleted)");
  const noAddress = say(ctx, "admin.audit.noAddress", "(no address)");
  const aPerson = say(ctx, "admin.audit.aPerson", "a person");
  const aCase = say(ctx, "admin.audit.aCase", "a case");

  switch (event.action) {
    case "DEADLINE_POLICY_SAVED":
      return withParts(
        say(ctx, "admin.audit.policySaved", "Changed the deadline policy"),
        describePolicyChanges(changes, ctx),
        ctx,
      );
    case "CALENDAR_CREATED": {
      const name = quoted(str("name") ?? subject, unnamed);
      return say(ctx, "admin.audit.calendarCreated", `Created the calendar ${name}`, { name });
    }
    case "CALENDAR_UPDATED": {
      const name = quoted(subject, sinceRemoved);
      return withParts(
        say(ctx, "admin.audit.calendarUpdated", `Changed the calendar ${name}`, { name }),
        describeChanges(changes, CALENDAR_FIELDS, ctx),
        ctx,
      );
    }
    case "CALENDAR_DELETED": {
      const name = quoted(str("name") ?? subject, unnamed);
      return say(ctx, "admin.audit.calendarDeleted", `Deleted the calendar ${name}`, { name });
    }
    case "HOLIDAY_ADDED":
    case "HOLIDAY_REMOVED": {
      const added = event.action === "HOLIDAY_ADDED";
      const name = quoted(str("name"), say(ctx, "admin.audit.aHoliday", "a holiday"));
      const date = describeDay(str("date"));
      const calendar = quoted(subject, say(ctx, "admin.audit.aCalendar", "a calendar"));
      const values = { name, date, calendar };
      return added
        ? say(
            ctx,
            "admin.audit.holidayAdded",
            `Added the holiday ${name} on ${date} to ${calendar}`,
            values,
          )
        : say(
            ctx,
            "admin.audit.holidayRemoved",
            `Removed the holiday ${name} on ${date} from ${calendar}`,
            values,
          );
    }
    case "ACCOUNT_UPDATED": {
      const name = quoted(subject, say(ctx, "admin.audit.unknownAccount", "(unknown account)"));
      return withParts(
        say(ctx, "admin.audit.accountUpdated", `Changed the account ${name}`, { name }),
        describeChanges(changes, ACCOUNT_FIELDS, ctx),
        ctx,
      );
    }
    case "CONTACT_ADDED": {
      const name = quoted(str("name") ?? subject, unnamed);
      if (!ctx.accountName) {
        return say(ctx, "admin.audit.contactAdded", `Added the contact ${name}`, { name });
      }
      const account = quoted(ctx.accountName, "");
      return say(ctx, "admin.audit.contactAddedTo", `Added the contact ${name} to ${account}`, {
        name,
        account,
      });
    }
    case "CONTACT_UPDATED": {
      const contact = quoted(subject, say(ctx, "admin.audit.aContact", "a contact"));
      const who = ctx.accountName
        ? say(ctx, "admin.audit.contactAt", `${contact} at ${quoted(ctx.accountName, "")}`, {
            contact,
            account: quoted(ctx.accountName, ""),
          })
        : contact;
      const keys = Object.keys(changes);
      const confirmedOnly =
        keys.length === 1 &&
        changes.needsConfirmation?.from === true &&
        changes.needsConfirmation.to === false;
      if (confirmedOnly) {
        return say(ctx, "admin.audit.contactConfirmed", `Confirmed the contact ${who}`, { who });
      }
      return withParts(
        say(ctx, "admin.audit.contactUpdated", `Changed the contact ${who}`, { who }),
        describeChanges(changes, CONTACT_FIELDS, ctx),
        ctx,
      );
    }
    case "ACCOUNTS_IMPORTED": {
      const [created, updated, rejected] = [num("created"), num("updated"), num("rejected")];
      return say(
        ctx,
        "admin.audit.accountsImported",
        `Imported accounts from the CRM: ${created} created, ${updated} updated, ${plural(rejected, "row")} rejected`,
        { created, updated, count: rejected },
      );
    }
    case "PERSON_CREATED": {
      const name = quoted(str("name") ?? subject, unnamed);
      const role = str("role");
      const roleWord = (role && ctx.say?.(`vocab.role.${role}`)) ?? words(data.role as AuditValue);
      return say(ctx, "admin.audit.personCreated", `Added the person ${name} (${roleWord})`, {
        name,
        role: roleWord,
      });
    }
    case "PERSON_UPDATED": {
      const name = quoted(subject, say(ctx, "admin.audit.unknownPerson", "(unknown person)"));
      return withParts(
        say(ctx, "admin.audit.personUpdated", `Changed the person ${name}`, { name }),
        describeChanges(changes, PERSON_FIELDS, ctx),
        ctx,
      );
    }
    case "PERSON_INVITED": {
      const name = quoted(subject, aPerson);
      return say(ctx, "admin.audit.personInvited", `Sent a new invitation to ${name}`, { name });
    }
    case "TEAM_CREATED": {
      const name = quoted(str("name") ?? subject, unnamed);
      return say(ctx, "admin.audit.teamCreated", `Created the team ${name}`, { name });
    }
    case "TEAM_UPDATED": {
      const name = quoted(subject, say(ctx, "admin.audit.unknownTeam", "(unknown team)"));
      return withParts(
        say(ctx, "admin.audit.teamUpdated", `Changed the team ${name}`, { name }),
        describeChanges(changes, TEAM_FIELDS, ctx),
        ctx,
      );
    }
    case "PEOPLE_IMPORTED": {
      const [created, updated, deactivated] = [num("created"), num("updated"), num("deactivated")];
      return say(
        ctx,
        "admin.audit.peopleImported",
        `Imported people from the HR system: ${created} added, ${updated} changed, ${deactivated} deactivated`,
        { created, updated, deactivated },
      );
    }
    case "API_TOKEN_CREATED": {
      const name = quoted(str("name") ?? subject, unnamed);
      return say(ctx, "admin.audit.tokenCreated", `Created the API token ${name}`, { name });
    }
    case "API_TOKEN_REVOKED": {
      const name = quoted(subject, unnamed);
      return say(ctx, "admin.audit.tokenRevoked", `Revoked the API token ${name}`, { name });
    }
    case "API_ACCOUNTS_UPSERTED":
    case "API_CONTACTS_UPSERTED": {
      const accounts = event.action === "API_ACCOUNTS_UPSERTED";
      const crmIds = Array.isArray(data.crmIds) ? (data.crmIds as unknown[]).map(String) : [];
      const more = num("created") + num("updated") > crmIds.length ? ", …" : "";
      const ids = crmIds.length
        ? say(ctx, "admin.audit.crmIds", ` (CRM ids ${crmIds.join(", ")}${more})`, {
            ids: `${crmIds.join(", ")}${more}`,
          })
        : "";
      const name = quoted(subject, unnamed);
      const values = { name, created: num("created"), updated: num("updated"), ids };
      return accounts
        ? say(
            ctx,
            "admin.audit.apiAccounts",
            `The API token ${name} saved accounts: ${num("created")} created, ${num("updated")} updated${ids}`,
            values,
          )
        : say(
            ctx,
            "admin.audit.apiContacts",
            `The API token ${name} saved contacts: ${num("created")} created, ${num("updated")} updated${ids}`,
            values,
          );
    }
    case "GUIDANCE_UPDATED":
      return say(
        ctx,
        "admin.audit.guidanceUpdated",
        "Changed the guidance shown after a critical report",
      );
    case "MAIL_RETRIED": {
      const count = num("count") || 1;
      return say(
        ctx,
        "admin.audit.mailRetried",
        count === 1 ? "Sent a set-aside mail again" : `Sent ${count} set-aside mails again`,
        { count },
      );
    }
    case "LEGAL_HOLD_PLACED": {
      const matter = quoted(str("matter"), unnamed);
      const target = str("target") ?? say(ctx, "admin.audit.aRecord", "a record");
      const cases = num("cases");
      return say(
        ctx,
        "admin.audit.holdPlaced",
        `Placed a legal hold for the matter ${matter} on ${target} (${plural(cases, "case")})`,
        { matter, target, count: cases },
      );
    }
    case "LEGAL_HOLD_RELEASED": {
      const matter = quoted(str("matter"), unnamed);
      const reason = str("reason") ?? "";
      return say(
        ctx,
        "admin.audit.holdReleased",
        `Released the legal hold for the matter ${matter}: ${reason}`,
        { matter, reason },
      );
    }
    case "RETENTION_POLICY_SAVED":
      return withParts(
        say(ctx, "admin.audit.retentionSaved", "Changed the retention rules"),
        Object.entries(changes).map(([k, c]) => `${k}: ${text(c.from)} → ${text(c.to)}`),
        ctx,
      );
    case "RETENTION_PURGED": {
      const reference = str("reference") ?? aCase;
      const rule = str("rule") ?? "";
      return say(
        ctx,
        "admin.audit.retentionPurged",
        `Retention removed the content of ${reference} (${rule})`,
        { reference, rule },
      );
    }
    case "RETENTION_PURGE_REFUSED": {
      const reference = str("reference") ?? aCase;
      const reason = str("reason") ?? "";
      return say(
        ctx,
        "admin.audit.retentionRefused",
        `Retention did not purge ${reference}: ${reason}`,
        { reference, reason },
      );
    }
    case "PERSON_DATA_EXPORTED": {
      const name = quoted(subject, aPerson);
      return say(ctx, "admin.audit.personExported", `Exported everything held about ${name}`, {
        name,
      });
    }
    case "PERSON_ERASED": {
      const cases = num("cases");
      return say(
        ctx,
        "admin.audit.personErased",
        `Erased the personal data of a person (${plural(cases, "case")} touched)`,
        { count: cases },
      );
    }
    case "PERSON_ERASURE_REFUSED": {
      const name = quoted(subject, aPerson);
      const reason = str("reason") ?? "";
      return say(ctx, "admin.audit.erasureRefused", `Refused to erase ${name}: ${reason}`, {
        name,
        reason,
      });
    }
    case "WEBHOOK_CREATED": {
      const events = Array.isArray(data.events) ? (data.events as unknown[]).map(String) : [];
      const address = quoted(str("url") ?? subject, noAddress);
      const list = events.join(", ") || say(ctx, "admin.audit.noEvents", "no events");
      return say(
        ctx,
        "admin.audit.webhookCreated",
        `Registered the webhook ${address} for ${list}`,
        { address, events: list },
      );
    }
    case "WEBHOOK_UPDATED": {
      const address = quoted(str("address") ?? subject, sinceDeleted);
      return withParts(
        say(ctx, "admin.audit.webhookUpdated", `Changed the webhook ${address}`, { address }),
        describeChanges(changes, WEBHOOK_FIELDS, ctx),
        ctx,
      );
    }
    case "WEBHOOK_SECRET_ROTATED": {
      const address = quoted(str("address") ?? subject, sinceDeleted);
      return say(
        ctx,
        "admin.audit.webhookRotated",
        `Made a new signing secret for the webhook ${address}`,
        { address },
      );
    }
    case "WEBHOOK_DELETED": {
      const address = quoted(str("url") ?? subject, noAddress);
      return say(ctx, "admin.audit.webhookDeleted", `Deleted the webhook ${address}`, {
        address,
      });
    }
    case "WEBHOOK_TEST_SENT": {
      const address = quoted(str("address") ?? subject, sinceDeleted);
      return say(ctx, "admin.audit.webhookTest", `Sent a test event to the webhook ${address}`, {
        address,
      });
    }
    case "WEBHOOK_DELIVERY_RETRIED": {
      const what = [str("type"), str("reference")].filter(Boolean).join(" for ");
      const webhook = quoted(subject, say(ctx, "admin.audit.deletedWebhook", "a deleted webhook"));
      return what
        ? say(
            ctx,
            "admin.audit.webhookRetriedWhat",
            `Sent a set-aside webhook event again (${what}) to ${webhook}`,
            { what, webhook },
          )
        : say(
            ctx,
            "admin.audit.webhookRetried",
            `Sent a set-aside webhook event again to ${webhook}`,
            { webhook },
          );
    }
    case "JURISDICTION_TEMPLATE_APPLIED": {
      const parts = ["clocks", "retention", "categories"].flatMap((k) =>
        Array.isArray(data[k])
          ? (data[k] as { what?: unknown; from?: unknown; to?: unknown }[]).map(
              (c) => `${String(c.what)}: ${String(c.from)} → ${String(c.to)}`,
            )
          : [],
      );
      const template = str("template") ?? "";
      return parts.length
        ? withParts(
            say(ctx, "admin.audit.templateApplied", `Applied the template ${template}`, {
              template,
            }),
            parts,
            ctx,
          )
        : say(
            ctx,
            "admin.audit.templateAppliedNoChange",
            `Applied the template ${template} (nothing needed to change)`,
            { template },
          );
    }
    case "JURISDICTION_CATEGORIES_SAVED":
      return withParts(
        say(ctx, "admin.audit.categoriesSaved", "Changed the jurisdiction categories"),
        Object.entries(changes).map(([k, c]) => `${k}: ${text(c.from)} → ${text(c.to)}`),
        ctx,
      );
    case "RECORDS_EXPORTED": {
      const what = str("what") ?? say(ctx, "admin.audit.aRegulatorRecord", "a regulator record");
      const format = str("format") ?? "";
      const cases = num("cases");
      const range = str("range");
      const english = `Exported ${what} (${format}, ${plural(cases, "case")}${range ? `, ${range}` : ""})`;
      return range
        ? say(ctx, "admin.audit.recordsExportedRange", english, {
            what,
            format,
            count: cases,
            range,
          })
        : say(ctx, "admin.audit.recordsExported", english, { what, format, count: cases });
    }
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
