import type { Tx } from "~/utils/db.server";
import type { TemplateName } from "../../emails/render";

export type { TemplateName };

export type NotificationInput = {
  idempotencyKey: string;
  recipient: { id: string; email: string };
  template: TemplateName;
  /** Only references and links: never report text. */
  /** reference is the case reference for case mail; account mail (invitations) has none. */
  data: { reference?: string; [key: string]: string | number | boolean | null | undefined };
  incidentId?: string;
};

/** Queues a mail in the caller's transaction; the same key twice queues it once. */
export async function enqueueNotification(tx: Tx, n: NotificationInput) {
  const existing = await tx.notification.findUnique({
    where: { idempotencyKey: n.idempotencyKey },
    select: { id: true },
  });
  if (existing) return existing;
  return tx.notification.create({
    data: {
      idempotencyKey: n.idempotencyKey,
      recipientId: n.recipient.id,
      toEmail: n.recipient.email,
      template: n.template,
      data: JSON.stringify(n.data),
      incidentId: n.incidentId,
    },
    select: { id: true },
  });
}

/**
 * Queues several mails in the caller's transaction with two statements, whatever their number:
 * one look-up of the keys already queued and one insert of the rest (the same key twice, in
 * the list or already queued, queues it once).
 */
export async function enqueueNotifications(tx: Tx, list: NotificationInput[]) {
  if (list.length === 0) return;
  const keys = [...new Set(list.map((n) => n.idempotencyKey))];
  const existing = await tx.notification.findMany({
    where: { idempotencyKey: { in: keys } },
    select: { idempotencyKey: true },
  });
  const seen = new Set(existing.map((e) => e.idempotencyKey));
  const data = [];
  for (const n of list) {
    if (seen.has(n.idempotencyKey)) continue;
    seen.add(n.idempotencyKey);
    data.push({
      idempotencyKey: n.idempotencyKey,
      recipientId: n.recipient.id,
      toEmail: n.recipient.email,
      template: n.template,
      data: JSON.stringify(n.data),
      incidentId: n.incidentId,
    });
  }
  if (data.length > 0) await tx.notification.createMany({ data });
}
