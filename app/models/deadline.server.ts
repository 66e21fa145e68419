import { computeDeadline } from "~/domain/deadlines";
import type { DeadlineKind, Severity } from "~/domain/vocabulary";
import type { Tx } from "~/utils/db.server";
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
  return tx.deadline.create({
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
}

/** Stops the open clock(s) of a kind; answers how many were running. */
export async function stopClock(tx: Tx, incidentId: string, kind: DeadlineKind, now: Date) {
  const { count } = await tx.deadline.updateMany({
    where: { incidentId, kind, metAt: null },
    data: { metAt: now },
  });
  return count;
}

export async function stopAllClocks(tx: Tx, incidentId: string, now: Date) {
  await tx.deadline.updateMany({ where: { incidentId, metAt: null }, data: { metAt: now } });
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
