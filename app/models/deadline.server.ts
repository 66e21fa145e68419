import { computeDeadline } from "~/domain/deadlines";
import type { DeadlineKind, Severity } from "~/domain/vocabulary";
import type { Tx } from "~/utils/db.server";
import { sql } from "~/utils/sql.server";
import { findTarget, type ActivePolicy } from "./deadline-policy.server";

// The clocks on one incident. Each starts from a policy target and stops (metAt) when its
// condition is met; the sweep in app/jobs/deadline-sweep.server.ts reminds and escalates.

export const CLOCKS_STARTED_ON_FILING: DeadlineKind[] = [
  "ACKNOWLEDGE",
  "FIRST_PROTECTIVE_ACTION",
  "REPORTER_UPDATE",
  "RESOLVE",
];

export async function startClock(
  tx: Tx,
  p: {
    incidentId: string;
    kind: DeadlineKind;
    severity: Severity;
    policy: ActivePolicy;
    now: Date;
    sequence?: number;
  },
) {
  const target = findTarget(p.policy, p.severity, p.kind);
  const d = computeDeadline(target, p.now, p.policy.calendar);
  const clock = await tx.deadline.create({
    data: {
      incidentId: p.incidentId,
      kind: p.kind,
      sequence: p.sequence ?? 0,
      businessHours: d.businessHours,
      windowMinutes: target.minutes,
      startedAt: d.startedAt,
      dueAt: d.dueAt,
      remindAt: d.remindAt,
    },
    select: { id: true, kind: true, dueAt: true },
  });
  await refreshNextDue(tx, p.incidentId);
  return clock;
}

/**
 * Starts several first clocks (sequence 0) of one incident in two statements: one insert of
 * all of them and one refresh of nextDueAt. Filing uses it for its four clocks.
 */
export async function startClocks(
  tx: Tx,
  p: {
    incidentId: string;
    kinds: DeadlineKind[];
    severity: Severity;
    policy: ActivePolicy;
    now: Date;
  },
) {
  const clocks = p.kinds.map((kind) => {
    const target = findTarget(p.policy, p.severity, kind);
    const d = computeDeadline(target, p.now, p.policy.calendar);
    return {
      incidentId: p.incidentId,
      kind,
      sequence: 0,
      businessHours: d.businessHours,
      windowMinutes: target.minutes,
      startedAt: d.startedAt,
      dueAt: d.dueAt,
      remindAt: d.remindAt,
    };
  });
  await tx.deadline.createMany({ data: clocks });
  await refreshNextDue(tx, p.incidentId);
  return clocks.map((c) => ({ kind: c.kind, dueAt: c.dueAt }));
}

/** Stops the open clock(s) of a kind; answers how many were running. */
export async function stopClock(tx: Tx, incidentId: string, kind: DeadlineKind, now: Date) {
  const { count } = await tx.deadline.updateMany({
    where: { incidentId, kind, metAt: null },
    data: { metAt: now },
  });
  if (count > 0) await refreshNextDue(tx, incidentId);
  return count;
}

export async function stopAllClocks(tx: Tx, incidentId: string, now: Date) {
  await tx.deadline.updateMany({ where: { incidentId, metAt: null }, data: { metAt: now } });
  await refreshNextDue(tx, incidentId);
}

/**
 * Keeps Incident.nextDueAt equal to the earliest running clock's due time, in the transaction
 * that started or stopped a clock: one statement, through the clocks' (incidentId, ...) index.
 */
export async function refreshNextDue(tx: Tx, incidentId: string) {
  await tx.$executeRaw(sql`
    UPDATE "Incident" SET "nextDueAt" = (
      SELECT MIN(d."dueAt") FROM "Deadline" d WHERE d."incidentId" = ${incidentId} AND d."metAt" IS NULL
    ) WHERE "id" = ${incidentId}`);
}

/** The same for every case at once: after clocks were written in bulk (the demo seed). */
export async function refreshAllNextDue(tx: Tx) {
  await tx.$executeRaw(sql`
    UPDATE "Incident" SET "nextDueAt" = (
      SELECT MIN(d."dueAt") FROM "Deadline" d WHERE d."incidentId" = "Incident"."id" AND d."metAt" IS NULL
    )`);
}

/** Stops any open clock of this kind and starts the next one (the next sequence number). */
export async function restartClock(
  tx: Tx,
  p: {
    incidentId: string;
    kind: DeadlineKind;
    severity: Severity;
    policy: ActivePolicy;
    now: Date;
  },
) {
  await stopClock(tx, p.incidentId, p.kind, p.now);
  const last = await tx.deadline.findFirst({
    where: { incidentId: p.incidentId, kind: p.kind },
    orderBy: { sequence: "desc" },
    select: { sequence: true },
  });
  return startClock(tx, { ...p, sequence: (last?.sequence ?? -1) + 1 });
}

/** An update reached the reporter: this REPORTER_UPDATE clock is met and the next one starts. */
export function restartReporterUpdateClock(
  tx: Tx,
  p: { incidentId: string; severity: Severity; policy: ActivePolicy; now: Date },
) {
  return restartClock(tx, { ...p, kind: "REPORTER_UPDATE" });
}
