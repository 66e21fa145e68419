import type { Severity } from "~/domain/vocabulary";
import type { Db, Tx } from "~/utils/db.server";
import { enqueueNotification, type TemplateName } from "./notification.server";

// Mails that keep people informed as a case moves (decisions 057 and 058). Written in the
// transaction of the change they announce; a reference and a link only, never report text.

/** Tells the reporter something happened on their report (resolved, a measure for them). */
export async function tellReporter(
  tx: Tx,
  p: { incidentId: string; template: TemplateName; key: string },
) {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: p.incidentId },
    select: { reference: true, reporter: { select: { id: true, email: true, active: true } } },
  });
  if (!incident.reporter.active) return;
  await enqueueNotification(tx, {
    idempotencyKey: `incident:${p.incidentId}:${p.key}`,
    recipient: incident.reporter,
    template: p.template,
    data: { reference: incident.reference },
    incidentId: p.incidentId,
  });
}

/**
 * A Critical report: the handler and the next level up (the handler's manager) are mailed at
 * once, besides the usual new-report mail, so that someone who feels unsafe now is not left
 * waiting for one person to read their mail. Nobody named in the report, nor the reporter.
 */
export async function alertCritical(
  tx: Tx,
  p: {
    incidentId: string;
    reference: string;
    severity: Severity;
    assigneeId: string | null;
    hrIds: string[];
    excludeIds: string[];
  },
) {
  if (p.severity !== "CRITICAL") return;
  const assignee = p.assigneeId
    ? await tx.user.findUnique({ where: { id: p.assigneeId }, select: { managerId: true } })
    : null;
  const ids = [p.assigneeId, assignee?.managerId, ...p.hrIds].filter(
    (id): id is string => !!id && !p.excludeIds.includes(id),
  );
  const recipients = await tx.user.findMany({
    where: { id: { in: [...new Set(ids)] }, active: true },
    select: { id: true, email: true },
  });
  for (const r of recipients) {
    await enqueueNotification(tx, {
      idempotencyKey: `incident:${p.incidentId}:critical:${r.id}`,
      recipient: r,
      template: "CRITICAL_REPORT",
      data: { reference: p.reference },
      incidentId: p.incidentId,
    });
  }
}

// ---- The unread marker in My reports (decision 058) ----

/** The reporter opened their report: what they see now counts as read. */
export async function markReportSeen(db: Db, incidentId: string, userId: string, now = new Date()) {
  await db.reporterRead.upsert({
    where: { incidentId_userId: { incidentId, userId } },
    create: { incidentId, userId, seenAt: now },
    update: { seenAt: now },
  });
}

/**
 * Which of these reports (one page of the reporter's list) changed since the reporter last
 * opened them: an entry of their timeline written by someone else (an update, a message, a
 * measure, the resolution). Two grouped queries over the page's ids, whatever their history.
 */
export async function unreadReports(
  db: Db,
  reporterId: string,
  incidentIds: string[],
): Promise<Set<string>> {
  if (incidentIds.length === 0) return new Set();
  const [latest, reads] = await Promise.all([
    db.caseEvent.groupBy({
      by: ["incidentId"],
      where: {
        incidentId: { in: incidentIds },
        visibleToReporter: true,
        // The reporter's own steps, and routing right after filing, are nothing new to them.
        type: { notIn: ["SUBMITTED", "ASSIGNED", "VIEWED"] },
        OR: [{ actorId: null }, { actorId: { not: reporterId } }],
      },
      _max: { at: true },
    }),
    db.reporterRead.findMany({
      where: { userId: reporterId, incidentId: { in: incidentIds } },
      select: { incidentId: true, seenAt: true },
    }),
  ]);
  const seen = new Map(reads.map((r) => [r.incidentId, r.seenAt]));
  return new Set(
    latest
      .filter((l) => {
        const at = l._max.at;
        const last = seen.get(l.incidentId);
        return !!at && (!last || at > last);
      })
      .map((l) => l.incidentId),
  );
}
