import type { Tx } from "~/utils/db.server";
import { join, sql } from "~/utils/sql.server";
import { appendCaseEvents } from "./case-event.server";
import { enqueueNotifications } from "./notification.server";
import {
  crmIdsOf,
  enqueueWebhookEvents,
  wants,
  webhookSubscribers,
  type Subscriber,
} from "./webhook.server";

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
  /** The webhook subscribers the caller read already (read here when not given). */
  hooks?: Subscriber[],
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
  const contactIds = incident.contacts.map((c) => c.contactId);

  // One statement for every contact, driven by the contact's index: a contact has a handful of
  // incidents, while the window holds a year of everyone's. CROSS JOIN keeps SQLite from
  // starting at the occurredAt index instead (PostgreSQL reorders it as it sees fit).
  const others = await tx.$queryRaw<{ contactId: string; otherId: string }[]>(sql`
    SELECT c."contactId" AS "contactId", MIN(c."incidentId") AS "otherId"
    FROM "IncidentContact" c CROSS JOIN "Incident" o
    WHERE c."contactId" IN (${join(contactIds)}) AND c."incidentId" <> ${incident.id}
      AND o."id" = c."incidentId" AND o."occurredAt" >= ${from} AND o."occurredAt" <= ${to}
    GROUP BY c."contactId"`);
  if (others.length === 0) return { flagged: [] };
  const otherOf = new Map(others.map((o) => [o.contactId, o.otherId]));
  const repeated = contactIds.filter((id) => otherOf.has(id));

  const contacts = await tx.customerContact.findMany({
    where: { id: { in: repeated } },
    select: { id: true, accountId: true },
  });
  const accountOf = new Map(contacts.map((c) => [c.id, c.accountId]));
  const flagged = repeated.map((contactId) => ({
    contactId,
    accountId: accountOf.get(contactId) ?? incident.accountId,
  }));
  const accountIds = [...new Set(flagged.map((f) => f.accountId))];
  const accounts = await tx.customerAccount.findMany({
    where: { id: { in: accountIds } },
    select: { id: true, _count: { select: { decisions: true } } },
  });
  if (accounts.length !== accountIds.length) throw new Error("A flagged account is missing");
  const reviewOf = new Map(accounts.map((a) => [a.id, a._count.decisions]));
  await tx.customerAccount.updateMany({
    where: { id: { in: accountIds }, conductStatus: "GOOD" },
    data: { conductStatus: "WATCH" },
  });
  await tx.customerAccount.updateMany({
    where: { id: { in: accountIds } },
    data: { needsReview: true },
  });

  const events = await tx.caseEvent.findMany({
    where: { incidentId: incident.id, type: REPEAT_OFFENDER_EVENT },
    select: { data: true },
  });
  const already = new Set(
    events.map((e) => (JSON.parse(e.data) as { contactId?: string }).contactId),
  );
  const fresh = flagged.filter((f) => !already.has(f.contactId));
  await appendCaseEvents(
    tx,
    incident.id,
    fresh.map(({ accountId, contactId }) => ({
      incidentId: incident.id,
      type: REPEAT_OFFENDER_EVENT,
      actorId: null,
      at: now,
      visibleToReporter: false,
      data: { accountId, contactId, otherIncidentId: otherOf.get(contactId) },
    })),
  );

  // account.flagged: once per account and incident, for what this call flagged anew.
  const subscribers = hooks ?? (await webhookSubscribers(tx));
  const newlyFlagged = [...new Set(fresh.map((f) => f.accountId))];
  if (newlyFlagged.length > 0 && wants(subscribers, "account.flagged")) {
    const crm = await crmIdsOf(tx, newlyFlagged);
    await enqueueWebhookEvents(
      tx,
      subscribers,
      newlyFlagged.map((accountId) => ({
        type: "account.flagged" as const,
        reference: incident.reference,
        reason: "REPEAT_CONTACT",
        accountCrmId: crm.get(accountId) ?? null,
      })),
      now,
    );
  }

  const named = incident.namedUsers.map((n) => n.userId);
  const recipients = await tx.user.findMany({
    where: { active: true, role: { in: ["LEADERSHIP", "HR"] }, id: { notIn: named } },
    select: { id: true, email: true },
  });
  // One mail per person per (account, contact) while the account awaits a decision: a
  // decision starts a new review, and a later repeat then mails again.
  await enqueueNotifications(
    tx,
    flagged.flatMap(({ accountId, contactId }) =>
      recipients.map((r) => ({
        idempotencyKey: `repeat-offender:${accountId}:${contactId}:review-${reviewOf.get(accountId)}:${r.id}`,
        recipient: r,
        template: "REPEAT_OFFENDER" as const,
        data: { reference: incident.reference, accountId },
        incidentId: incident.id,
      })),
    ),
  );
  return { flagged };
}

/** A recorded decision on the account clears its review flag (the decision model calls this). */
export async function clearReviewFlag(tx: Tx, accountId: string) {
  await tx.customerAccount.update({ where: { id: accountId }, data: { needsReview: false } });
}
