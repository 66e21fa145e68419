import { renderEmail } from "../../emails/render";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "~/domain/backoff";
import type { Db } from "~/utils/db.server";
import { isMailServerUnreachable, type MailSender } from "~/utils/email.server";

/** How long a claimed mail stays with one worker before another may take it over. */
const CLAIM_MS = 2 * 60_000;
/** Mails handed to SMTP at once: each exchange is mostly waiting on the network. */
const SEND_CONCURRENCY = 5;

export type DeliveryReport = { sent: number; failed: number; dead: number };

type Due = {
  id: string;
  status: string;
  attempts: number;
  template: string;
  data: string;
  toEmail: string;
};
const LINK_TEMPLATES = new Set(["INVITATION", "PASSWORD_RESET"]);
type Outcome = "sent" | "failed" | "dead" | "skipped";

async function deliverOne(
  db: Db,
  send: MailSender,
  n: Due,
  now: Date,
  appUrl: string,
): Promise<{ outcome: Outcome; unreachable: boolean }> {
  const claim = await db.notification.updateMany({
    where: { id: n.id, status: n.status, attempts: n.attempts },
    data: {
      status: "SENDING",
      claimedUntil: new Date(now.getTime() + CLAIM_MS),
      attempts: { increment: 1 },
    },
  });
  if (claim.count === 0) return { outcome: "skipped", unreachable: false }; // another worker has it
  const attempts = n.attempts + 1;
  try {
    const email = renderEmail(n.template, JSON.parse(n.data), appUrl);
    await send({ messageId: `<${n.id}@incident-portal>`, to: n.toEmail, ...email });
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
    return { outcome: "sent", unreachable: false };
  } catch (error) {
    const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
    await db.notification.update({
      where: { id: n.id },
      data: {
        status: dead ? "DEAD" : "PENDING",
        claimedUntil: null,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
      },
    });
    return { outcome: dead ? "dead" : "failed", unreachable: isMailServerUnreachable(error) };
  }
}

/**
 * Sends what is due. Each mail is claimed with a conditional update first, so any number of
 * workers can run this at once and each mail is handed to SMTP by one of them.
 */
export async function deliverDueNotifications(
  db: Db,
  send: MailSender,
  opts: { appUrl: string; now?: Date; batchSize?: number },
): Promise<DeliveryReport> {
  const now = opts.now ?? new Date();
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0 };
  const due = await db.notification.findMany({
    where: {
      OR: [
        { status: "PENDING", nextAttemptAt: { lte: now } },
        { status: "SENDING", claimedUntil: { lt: now } }, // a worker died mid-send
      ],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.batchSize ?? 100,
    select: { id: true, status: true, attempts: true, template: true, data: true, toEmail: true },
  });

  for (let i = 0; i < due.length; i += SEND_CONCURRENCY) {
    const results = await Promise.all(
      due.slice(i, i + SEND_CONCURRENCY).map((n) => deliverOne(db, send, n, now, opts.appUrl)),
    );
    for (const r of results) if (r.outcome !== "skipped") report[r.outcome]++;
    // With the server down, trying the rest now would only use up their attempts.
    if (results.some((r) => r.unreachable)) break;
  }
  return report;
}
