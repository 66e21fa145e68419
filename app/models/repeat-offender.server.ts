import type { Tx } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { enqueueNotification } from "./notification.server";

// A second incident involving the same customer contact within 12 months
// flags the account for leadership review, whatever its revenue. Only a recorded decision
// clears the flag (clearReviewFlag, called by the decision model).

const REPEAT_WINDOW_MS = 365 * 24 * 3_600_000;
export const REPEAT_OFFENDER_EVENT = "REPEAT_OFFENDER_FLAGGED";

export type RepeatOffenderResult = { flagged: { accountId: string; contactId: string }[] };

/**
 * Call inside the transaction that files (or edits the contacts of) an incident. For each
 * contact on the incident with another incident within 12 months either side: sets
 * needsReview (and WATCH when the account was GOOD), appends a private timeline entry and
 * queues a mail to every active leadership and HR user not named in the incident. Safe to
 * call twice: the entry and the mails are written once per (account, contact) and review.
 */
export async function flagRepeatOffenders(
  tx: Tx,
  incidentId: string,
  now: Date,
): Promise<RepeatOffenderResult> {
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      reference: true,
      accountId: true,
      occurredAt: true,
      contacts: { select: { contactId: true } },
      namedUsers: { select: { userId: true } },
    },
  });
  if (!incident || incident.contacts.length === 0) return { flagged: [] };
  const from = new Date(incident.occurredAt.getTime() - REPEAT_WINDOW_MS);
  const to = new Date(incident.occurredAt.getTime() + REPEAT_WINDOW_MS);
  const flagged: RepeatOffenderResult["flagged"] = [];

  for (const { contactId } of incident.contacts) {
    const other = await tx.incident.findFirst({
      where: {
        id: { not: incident.id },
        occurredAt: { gte: from, lte: to },
        contacts: { some: { contactId } },
      },
      select: { id: true },
    });
    if (!other) continue;
    const contact = await tx.customerContact.findUnique({
      where: { id: contactId },
      select: { accountId: true },
    });
    const accountId = contact?.accountId ?? incident.accountId;
    const account = await tx.customerAccount.findUniqueOrThrow({
      where: { id: accountId },
      select: { conductStatus: true, _count: { select: { decisions: true } } },
    });
    await tx.customerAccount.update({
      where: { id: accountId },
      data: {
        needsReview: true,
        ...(account.conductStatus === "GOOD" ? { conductStatus: "WATCH" } : {}),
      },
    });
    flagged.push({ accountId, contactId });

    const events = await tx.caseEvent.findMany({
      where: { incidentId: incident.id, type: REPEAT_OFFENDER_EVENT },
      select: { data: true },
    });
    const already = events.some(
      (e) => (JSON.parse(e.data) as { contactId?: string }).contactId === contactId,
    );
    if (!already) {
      await appendCaseEvent(tx, {
        incidentId: incident.id,
        type: REPEAT_OFFENDER_EVENT,
        actorId: null,
        at: now,
        visibleToReporter: false,
        data: { accountId, contactId, otherIncidentId: other.id },
      });
    }

    const named = incident.namedUsers.map((n) => n.userId);
    const recipients = await tx.user.findMany({
      where: { active: true, role: { in: ["LEADERSHIP", "HR"] }, id: { notIn: named } },
      select: { id: true, email: true },
    });
    // One mail per person per (account, contact) while the account awaits a decision: a
    // decision starts a new review, and a later repeat then mails again.
    const review = account._count.decisions;
    for (const r of recipients) {
      await enqueueNotification(tx, {
        idempotencyKey: `repeat-offender:${accountId}:${contactId}:review-${review}:${r.id}`,
        recipient: r,
        template: "REPEAT_OFFENDER",
        data: { reference: incident.reference, accountId },
        incidentId: incident.id,
      });
    }
  }
  return { flagged };
}

/** A recorded decision on the account clears its review flag (the decision model calls this). */
export async function clearReviewFlag(tx: Tx, accountId: string) {
  await tx.customerAccount.update({ where: { id: accountId }, data: { needsReview: false } });
}
