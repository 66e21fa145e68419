import type { Tx } from "~/utils/db.server";
import type { TemplateName } from "../../emails/render";

export type { TemplateName };

export type NotificationInput = {
  idempotencyKey: string;
  recipient: { id: string; email: string };
  template: TemplateName;
  /** Only references and links: never report text (DESIGN.md §7). */
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
