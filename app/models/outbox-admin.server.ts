import { retryDelayMs } from "~/domain/backoff";
import { REFERENCE_PATTERN } from "~/domain/reference";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";

// The admin's view of the outbox: mails set aside after repeated failures (status DEAD), and
// a way to send them again. Nothing of a mail's data is shown except the case reference.

/** How many set-aside mails the page lists at once (newest first). */
export const SET_ASIDE_LIST_LIMIT = 100;

export type OutboxCounts = { pending: number; sending: number; sent: number; dead: number };

export async function outboxCounts(db: Db): Promise<OutboxCounts> {
  const groups = await db.notification.groupBy({ by: ["status"], _count: { _all: true } });
  const of = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { pending: of("PENDING"), sending: of("SENDING"), sent: of("SENT"), dead: of("DEAD") };
}

export function countSetAsideMails(db: Db): Promise<number> {
  return db.notification.count({ where: { status: "DEAD" } });
}

export type SetAsideMail = {
  id: string;
  toEmail: string;
  template: string;
  reference: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  /** When the last attempt failed. */
  lastAttemptAt: Date;
};

/** The reference a mail is about, and nothing else from its data. */
function referenceOf(n: { incident: { reference: string } | null; data: string }): string | null {
  if (n.incident) return n.incident.reference;
  try {
    const parsed: unknown = JSON.parse(n.data);
    const reference = (parsed as { reference?: unknown } | null)?.reference;
    return typeof reference === "string" && REFERENCE_PATTERN.test(reference) ? reference : null;
  } catch {
    return null;
  }
}

export async function listSetAsideMails(db: Db): Promise<SetAsideMail[]> {
  const rows = await db.notification.findMany({
    where: { status: "DEAD" },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: SET_ASIDE_LIST_LIMIT,
    select: {
      id: true,
      toEmail: true,
      template: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      nextAttemptAt: true,
      data: true,
      incident: { select: { reference: true } },
    },
  });
  return rows.map((n) => ({
    id: n.id,
    toEmail: n.toEmail,
    template: n.template,
    reference: referenceOf(n),
    attempts: n.attempts,
    lastError: n.lastError,
    createdAt: n.createdAt,
    // The outbox sets nextAttemptAt to the failed attempt's time plus retryDelayMs(attempts),
    // set-aside mails included; no other column records when the last attempt was.
    lastAttemptAt: new Date(n.nextAttemptAt.getTime() - retryDelayMs(n.attempts)),
  }));
}

const RETRY = (now: Date) => ({
  status: "PENDING",
  attempts: 0,
  nextAttemptAt: now,
  claimedUntil: null,
});

/**
 * Puts one set-aside mail back in the queue with a fresh set of attempts. Conditional on it
 * still being set aside, so a double click or two admins retry it once (and record it once).
 * True when it changed.
 */
export async function retrySetAsideMail(
  db: Db,
  id: string,
  actorId: string,
  now = new Date(),
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const result = await tx.notification.updateMany({
      where: { id, status: "DEAD" },
      data: RETRY(now),
    });
    if (result.count !== 1) return false;
    await recordAudit(tx, {
      actorId,
      action: "MAIL_RETRIED",
      subjectType: "NOTIFICATION",
      subjectId: id,
      data: { count: 1 },
      at: now,
    });
    return true;
  });
}

/** Puts every set-aside mail back in the queue (after an outage, say). How many moved. */
export async function retryAllSetAsideMails(
  db: Db,
  actorId: string,
  now = new Date(),
): Promise<number> {
  return db.$transaction(async (tx) => {
    const result = await tx.notification.updateMany({
      where: { status: "DEAD" },
      data: RETRY(now),
    });
    // Nothing moved, nothing to record.
    if (result.count > 0) {
      await recordAudit(tx, {
        actorId,
        action: "MAIL_RETRIED",
        subjectType: "NOTIFICATION",
        subjectId: null,
        data: { count: result.count },
        at: now,
      });
    }
    return result.count;
  });
}

/** The recipient of a mail, for the message after a retry. */
export async function mailRecipient(db: Db, id: string): Promise<string | null> {
  const row = await db.notification.findUnique({ where: { id }, select: { toEmail: true } });
  return row?.toEmail ?? null;
}
