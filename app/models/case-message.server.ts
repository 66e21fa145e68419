import { CONTROL_CHARS_MESSAGE, hasControlChars } from "~/domain/input-rules";
import type { Db } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { enqueueNotification } from "./notification.server";

// The two-way thread between a reporter and whoever handles their case. The caller has
// already checked that the author may see the incident.

export const MESSAGE_MAX = 5_000;

export class CaseMessageError extends Error {}

/**
 * Writes a message, a MESSAGE timeline entry (without the text) and a MESSAGE_RECEIVED mail
 * (without the text) to the other side, in one transaction: to the reporter when a handler
 * writes; to the assignee (or, with nobody assigned, the HR people on the case) when the
 * reporter writes.
 */
export async function postCaseMessage(
  db: Db,
  p: { incidentId: string; authorId: string; body: string; now?: Date },
) {
  const body = p.body.trim();
  if (!body) throw new CaseMessageError("Please write a message.");
  if (body.length > MESSAGE_MAX) {
    throw new CaseMessageError(
      `Please keep a message under ${MESSAGE_MAX.toLocaleString("en-GB")} characters.`,
    );
  }
  if (hasControlChars(body)) throw new CaseMessageError(CONTROL_CHARS_MESSAGE);
  const now = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: p.incidentId },
      select: {
        reference: true,
        reporter: { select: { id: true, email: true } },
        assignee: { select: { id: true, email: true } },
        participants: {
          where: { role: "HR" },
          select: { user: { select: { id: true, email: true } } },
        },
      },
    });
    const fromReporter = p.authorId === incident.reporter.id;
    const message = await tx.caseMessage.create({
      data: { incidentId: p.incidentId, authorId: p.authorId, body, createdAt: now },
      select: { id: true },
    });
    await appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "MESSAGE",
      actorId: p.authorId,
      at: now,
      visibleToReporter: true,
      data: { messageId: message.id, from: fromReporter ? "reporter" : "handler" },
    });
    const recipients = fromReporter
      ? incident.assignee
        ? [incident.assignee]
        : incident.participants.map((x) => x.user)
      : [incident.reporter];
    for (const r of recipients) {
      if (r.id === p.authorId) continue;
      await enqueueNotification(tx, {
        idempotencyKey: `incident:${p.incidentId}:message:${message.id}:${r.id}`,
        recipient: r,
        template: "MESSAGE_RECEIVED",
        data: { reference: incident.reference, forReporter: !fromReporter },
        incidentId: p.incidentId,
      });
    }
    return { id: message.id };
  });
}

/** The thread, oldest first, with each author's name (reporter and handlers only). */
export async function listCaseMessages(db: Db, incidentId: string) {
  const rows = await db.caseMessage.findMany({
    where: { incidentId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      body: true,
      createdAt: true,
      authorId: true,
      author: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    createdAt: r.createdAt,
    authorId: r.authorId,
    authorName: r.author.name,
  }));
}
