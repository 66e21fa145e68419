import { renderEmail } from "../../emails/render";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "~/domain/backoff";
import type { Db } from "~/utils/db.server";
import type { MailSender } from "~/utils/email.server";

/** How long a claimed mail stays with one worker before another may take it over. */
const CLAIM_MS = 2 * 60_000;

export type DeliveryReport = { sent: number; failed: number; dead: number };

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
  });

  for (const n of due) {
    const claim = await db.notification.updateMany({
      where: { id: n.id, status: n.status, attempts: n.attempts },
      data: {
        status: "SENDING",
        claimedUntil: new Date(now.getTime() + CLAIM_MS),
        attempts: { increment: 1 },
      },
    });
    if (claim.count === 0) continue; // another worker has it
    const attempts = n.attempts + 1;
    try {
      const email = renderEmail(n.template, JSON.parse(n.data), opts.appUrl);
      await send({ messageId: `<${n.id}@incident-portal>`, to: n.toEmail, ...email });
      await db.notification.update({
        where: { id: n.id },
        data: { status: "SENT", sentAt: new Date(), claimedUntil: null, lastError: null },
      });
      report.sent++;
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
      if (dead) report.dead++;
      else report.failed++;
    }
  }
  return report;
}
