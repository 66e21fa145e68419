import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { optionalPlainText } from "./input-rules";

// Webhooks (pure): the event vocabulary, the payload each event carries, the signature, and
// the rules for an endpoint's address. See docs/decisions/070-webhooks.md.
//
// A payload holds references and codes only: a case reference, severity, clock, outcome and
// decision codes, an account's CRM id. Never report text, a name, an email or any free text —
// the builders below copy named fields from typed inputs, so nothing else can slip in.

export const WEBHOOK_EVENTS = [
  "incident.filed",
  "deadline.breached",
  "case.resolved",
  "decision.approved",
  "account.flagged",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by "Send a test event" on the admin page, to the one endpoint. */
export const TEST_EVENT = "portal.test";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "incident.filed": "A report is filed",
  "deadline.breached": "A deadline is missed and escalated",
  "case.resolved": "A case is resolved",
  "decision.approved": "A decision on an account is approved",
  "account.flagged": "An account is flagged for leadership review (repeat contact)",
};

export type WebhookData = Record<string, string | number | boolean | null | string[]>;

/** What each event says, by type: codes and references only. */
export type WebhookEventInput =
  | {
      type: "incident.filed";
      reference: string;
      severity: string;
      channel: string;
      categories: string[];
      accountCrmId: string | null;
    }
  | {
      type: "deadline.breached";
      reference: string;
      clock: string;
      level: number;
      dueAt: Date;
    }
  | { type: "case.resolved"; reference: string; outcome: string; accountCrmId: string | null }
  | {
      type: "decision.approved";
      decisionId: string;
      decision: string;
      conductStatus: string | null;
      reference: string | null;
      accountCrmId: string | null;
    }
  | { type: "account.flagged"; reference: string; accountCrmId: string | null; reason: string }
  | { type: typeof TEST_EVENT; endpointId: string };

/** A placeholder CRM id (an account a reporter added, awaiting confirmation) is not sent. */
function crmId(v: string | null): string | null {
  return v && !v.startsWith("PENDING-") ? v : null;
}

/** The payload's data: each event's fields, copied one by one (snake_case, like the API). */
export function webhookData(e: WebhookEventInput): WebhookData {
  switch (e.type) {
    case "incident.filed":
      return {
        reference: e.reference,
        severity: e.severity,
        channel: e.channel,
        categories: [...e.categories].sort(),
        account_crm_id: crmId(e.accountCrmId),
      };
    case "deadline.breached":
      return {
        reference: e.reference,
        clock: e.clock,
        level: e.level,
        due_at: e.dueAt.toISOString(),
      };
    case "case.resolved":
      return { reference: e.reference, outcome: e.outcome, account_crm_id: crmId(e.accountCrmId) };
    case "decision.approved":
      return {
        decision_id: e.decisionId,
        decision: e.decision,
        conduct_status: e.conductStatus,
        reference: e.reference,
        account_crm_id: crmId(e.accountCrmId),
      };
    case "account.flagged":
      return { reference: e.reference, reason: e.reason, account_crm_id: crmId(e.accountCrmId) };
    case TEST_EVENT:
      return { endpoint_id: e.endpointId };
  }
}

/** The case reference an event is about, for the delivery log. */
export function webhookReference(e: WebhookEventInput): string | null {
  return "reference" in e ? e.reference : null;
}

/** The JSON body: the same bytes on every attempt (it is stored with the delivery). */
export function webhookBody(p: {
  id: string;
  type: string;
  created: Date;
  data: WebhookData;
}): string {
  return JSON.stringify({
    id: p.id,
    type: p.type,
    created: Math.floor(p.created.getTime() / 1000),
    data: p.data,
  });
}

export const SIGNATURE_HEADER = "Portal-Signature";
export const EVENT_ID_HEADER = "Portal-Event-Id";
export const EVENT_TYPE_HEADER = "Portal-Event-Type";
/** How old a signature a receiver should accept (our README suggests this too). */
export const SIGNATURE_TOLERANCE_S = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs. */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * What a receiver does (and the tests do): recompute the HMAC over the raw body and the header's
 * timestamp, compare in constant time, and refuse an old timestamp (a replay).
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSeconds: number,
  toleranceS = SIGNATURE_TOLERANCE_S,
): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const i = item.indexOf("=");
    if (i <= 0) continue;
    const k = item.slice(0, i).trim();
    parts.set(k, [...(parts.get(k) ?? []), item.slice(i + 1).trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceS) return false;
  const expected = Buffer.from(hmacHex(secret, t, body), "hex");
  return (parts.get("v1") ?? []).some((v) => {
    const given = Buffer.from(v, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Secrets look like "whsec_" + 43 base64url characters; the first 12 tell them apart. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";
export const WEBHOOK_SECRET_SHOWN = 12;

// ---- Endpoint addresses -------------------------------------------------------------------

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Literal addresses inside a private network: never a webhook's target (SSRF). */
function isPrivateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "0.0.0.0" || h === "::" || h.endsWith(".localhost")) return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(h);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  // IPv6 unique-local, link-local and IPv4-mapped addresses.
  return /^(fc|fd|fe8|fe9|fea|feb)[0-9a-f]*:/.test(h) || h.startsWith("::ffff:");
}

/**
 * Whether a resolved IP address may not receive a webhook: a name that passes the address rule
 * can still resolve to an internal machine, so the connection itself checks each address it is
 * given (app/jobs/webhook-post.server.ts).
 */
export function isForbiddenTarget(ip: string, opts: { allowLoopback: boolean }): boolean {
  if (isLoopbackHost(ip)) return !opts.allowLoopback;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return isForbiddenTarget(mapped[1], opts);
  return isPrivateAddress(ip);
}

/**
 * Why an address cannot be a webhook endpoint, or null when it can: https only, no credentials
 * in it, no private or loopback address — except plain http (or https) to this machine's
 * loopback when WEBHOOK_ALLOW_HTTP_LOOPBACK is on (tests and the demo).
 */
export function webhookUrlProblem(raw: string, opts: { allowLoopback: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Please enter a full address starting with https://.";
  }
  if (url.username || url.password) return "Please leave the user name and password out of it.";
  if (opts.allowLoopback && isLoopbackHost(url.hostname)) {
    return url.protocol === "http:" || url.protocol === "https:"
      ? null
      : "Please enter an address starting with https://.";
  }
  if (url.protocol !== "https:") return "The address must start with https://.";
  if (isLoopbackHost(url.hostname) || isPrivateAddress(url.hostname)) {
    return "The address must be reachable on the internet, not a private or local one.";
  }
  return null;
}

export function parseEvents(stored: string): WebhookEventType[] {
  return stored
    .split(" ")
    .filter((s): s is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(s));
}

export function webhookFormSchema(opts: { allowLoopback: boolean }) {
  return z.object({
    url: z
      .string({ required_error: "Please enter the address that receives the events." })
      .trim()
      .min(1, "Please enter the address that receives the events.")
      .max(500, "Please keep the address under 500 characters.")
      .superRefine((v, ctx) => {
        const problem = webhookUrlProblem(v, opts);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
    description: optionalPlainText(100),
    events: z
      .array(z.enum(WEBHOOK_EVENTS), {
        required_error: "Please choose at least one event.",
        invalid_type_error: "Please choose at least one event.",
      })
      .min(1, "Please choose at least one event."),
  });
}
