import { renderEmail } from "../../emails/render";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "~/domain/backoff";
import type { Db } from "~/utils/db.server";
import { isMailServerUnavailable, type MailSender } from "~/utils/email.server";

/** How long a claimed mail stays with one worker before another may take it over. */
const CLAIM_MS = 2 * 60_000;
/**
 * After the mail server answered "unavailable" (refused, timed out, 421, 451), delivery pauses
 * this long and then tries one mail: a probe. Short, so mail flows again within a minute of
 * the server's return (see docs/decisions/015-mail-at-least-once.md).
 */
export const PROBE_INTERVAL_MS = 15_000;

export type DeliveryReport = {
  sent: number;
  failed: number;
  dead: number;
  /** Set when delivery stopped (or did not start) because the mail server is unavailable. */
  serverUnavailable?: true;
};

/**
 * A circuit breaker for one mail transport: open while the server is known to be unavailable.
 * Attempts are counted per mail only for answers about that mail, never for an outage.
 */
export class MailCircuit {
  private openUntil = 0;

  isOpen(now: Date): boolean {
    const left = this.openUntil - now.getTime();
    // A clock set back (or a test's simulated time) must not keep the breaker open for ever.
    return left > 0 && left <= PROBE_INTERVAL_MS;
  }
  open(now: Date) {
    this.openUntil = now.getTime() + PROBE_INTERVAL_MS;
  }
  close() {
    this.openUntil = 0;
  }
}

// One breaker per sender (the worker keeps one sender, so one breaker, for its whole life).
const circuits = new WeakMap<MailSender, MailCircuit>();
function circuitFor(send: MailSender): MailCircuit {
  let c = circuits.get(send);
  if (!c) circuits.set(send, (c = new MailCircuit()));
  return c;
}

const DUE_SELECT = {
  id: true,
  status: true,
  attempts: true,
  template: true,
  data: true,
  toEmail: true,
  // Mails are written in the recipient's language, looked up when the mail is sent.
  recipient: { select: { language: true } },
} as const;
type Due = {
  id: string;
  status: string;
  attempts: number;
  template: string;
  data: string;
  toEmail: string;
  recipient: { language: string } | null;
};
const LINK_TEMPLATES = new Set(["INVITATION", "PASSWORD_RESET"]);
type Outcome = "sent" | "failed" | "dead" | "skipped" | "unavailable";

/** The Message-ID of a notification: the same for every attempt, so a duplicate is recognisable. */
export function notificationMessageId(id: string): string {
  return `<${id}@incident-portal>`;
}

async function deliverOne(
  db: Db,
  send: MailSender,
  n: Due,
  now: Date,
  appUrl: string,
  serverSeenUp: boolean,
): Promise<Outcome> {
  const claim = await db.notification.updateMany({
    where: { id: n.id, status: n.status, attempts: n.attempts },
    data: {
      status: "SENDING",
      claimedUntil: new Date(now.getTime() + CLAIM_MS),
      attempts: { increment: 1 },
    },
  });
  if (claim.count === 0) return "skipped"; // another worker has it
  const attempts = n.attempts + 1;
  try {
    const email = renderEmail(n.template, JSON.parse(n.data), appUrl, n.recipient?.language);
    await send({ messageId: notificationMessageId(n.id), to: n.toEmail, ...email });
  } catch (error) {
    const lastError = error instanceof Error ? error.message.slice(0, 500) : String(error);
    // The server is unavailable: the mail goes back as it was, its attempts untouched, and
    // waits for the next probe (not a backoff of up to an hour). When this very tick already
    // delivered, the server is up and the answer is about this mail: a failed attempt.
    if (isMailServerUnavailable(error) && !serverSeenUp) {
      await db.notification.update({
        where: { id: n.id },
        data: {
          status: "PENDING",
          attempts: n.attempts,
          claimedUntil: null,
          // Behind the others, so one mail the server keeps answering 4xx cannot be the only
          // probe for ever.
          nextAttemptAt: new Date(now.getTime() + PROBE_INTERVAL_MS),
          lastError,
        },
      });
      return "unavailable";
    }
    const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
    await db.notification.update({
      where: { id: n.id },
      data: {
        status: dead ? "DEAD" : "PENDING",
        claimedUntil: null,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        lastError,
      },
    });
    return dead ? "dead" : "failed";
  }
  // Sent. A crash before this update makes a second sending after the claim expires: the
  // only duplicate at-least-once allows, and it carries the same Message-ID.
  await db.notification.update({
    where: { id: n.id },
    data: {
      status: "SENT",
      sentAt: new Date(),
      claimedUntil: null,
      lastError: null,
      // A password link is a credential: once delivered, the outbox keeps no copy of it.
      ...(LINK_TEMPLATES.has(n.template) ? { data: "{}" } : {}),
    },
  });
  return "sent";
}

/** Delivery lanes per worker: each claims, sends and marks one mail at a time, in parallel. */
export const DELIVERY_LANES = 8;
/** Due rows read per query; lanes take them one by one and claim each before sending. */
const PAGE = 200;

/**
 * Sends what is due over `lanes` parallel lanes (as many as the SMTP pool has connections).
 * Each lane claims a mail with a conditional update, sends it and marks it before claiming the
 * next, so any number of workers can run this at once, each mail is handed to SMTP by one of
 * them, and a crash leaves at most one mail sent but not marked per lane. The first mail of a
 * tick goes alone: it is the probe that tells whether the server is up (decision 015), and
 * only once it went through do the other lanes start.
 */
export async function deliverDueNotifications(
  db: Db,
  send: MailSender,
  opts: {
    appUrl: string;
    now?: Date;
    batchSize?: number;
    circuit?: MailCircuit;
    lanes?: number;
  },
): Promise<DeliveryReport> {
  const now = opts.now ?? new Date();
  const circuit = opts.circuit ?? circuitFor(send);
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0 };
  if (circuit.isOpen(now)) return { ...report, serverUnavailable: true };
  const limit = opts.batchSize ?? 100;
  const lanes = Math.max(1, opts.lanes ?? DELIVERY_LANES);
  let tried = 0;
  let stopped = false;
  let exhausted = false;
  let queue: Due[] = [];
  const handed = new Set<string>();
  let reading: Promise<void> | null = null;

  // The due rows, a page at a time, shared by the lanes; a row another worker (or lane) claims
  // first is skipped by the claim.
  const readPage = async () => {
    const rows = await db.notification.findMany({
      where: {
        OR: [
          { status: "PENDING", nextAttemptAt: { lte: now } },
          { status: "SENDING", claimedUntil: { lt: now } }, // a worker died mid-send
        ],
      },
      orderBy: { nextAttemptAt: "asc" },
      take: Math.min(PAGE, limit),
      select: DUE_SELECT,
    });
    if (rows.length === 0) exhausted = true;
    queue = rows;
  };
  // One read at a time, shared by the lanes that found the queue empty.
  const refill = () => (reading ??= readPage().finally(() => (reading = null)));
  const nextDue = async (): Promise<Due | null> => {
    while (!stopped && !exhausted) {
      const n = queue.shift();
      // A page read while another lane was between taking a row and claiming it lists that row
      // again: each row is handed to one lane per tick.
      if (n && handed.has(n.id)) continue;
      if (n) {
        handed.add(n.id);
        return n;
      }
      await refill();
    }
    return null;
  };

  const lane = async (max: number) => {
    for (let own = 0; own < max && tried < limit && !stopped; own++) {
      const n = await nextDue();
      if (!n) return;
      tried++;
      const outcome = await deliverOne(db, send, n, now, opts.appUrl, report.sent > 0);
      if (outcome === "skipped") continue;
      if (outcome === "unavailable") {
        circuit.open(now);
        report.serverUnavailable = true;
        stopped = true;
        return;
      }
      if (outcome === "sent") circuit.close();
      report[outcome]++;
    }
  };

  // The probe: lane one alone until a mail went through (or the server said no).
  while (!stopped && !exhausted && tried < limit && report.sent === 0) await lane(1);
  if (!stopped && report.sent > 0) {
    await Promise.all(Array.from({ length: lanes }, () => lane(Number.POSITIVE_INFINITY)));
  }
  return report;
}
