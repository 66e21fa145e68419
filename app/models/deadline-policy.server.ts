import type { BusinessCalendarSpec } from "~/domain/business-calendar";
import { DEFAULT_TARGETS, type DeadlineTargetSpec } from "~/domain/deadlines";
import type { DeadlineKind, Severity } from "~/domain/vocabulary";
import type { Db, Tx } from "~/utils/db.server";

export const FALLBACK_CALENDAR: BusinessCalendarSpec = {
  timeZone: "Europe/London",
  workingDays: [1, 2, 3, 4, 5],
  dayStart: "09:00",
  dayEnd: "17:00", // eight working hours: a "day" target is one full working day
  holidays: new Set(),
};

export type ActivePolicy = { targets: DeadlineTargetSpec[]; calendar: BusinessCalendarSpec };

/** The default deadline policy and its calendar; built-in defaults when none is configured. */
export async function getDefaultPolicy(db: Db | Tx): Promise<ActivePolicy> {
  const policy = await db.deadlinePolicy.findFirst({
    where: { isDefault: true },
    include: { targets: true, calendar: { include: { holidays: true } } },
  });
  if (!policy) return { targets: DEFAULT_TARGETS, calendar: FALLBACK_CALENDAR };
  const targets = policy.targets.map((t) => ({
    severity: t.severity as Severity,
    kind: t.kind as DeadlineKind,
    minutes: t.minutes,
    businessHours: t.businessHours,
  }));
  return {
    // A policy missing a target falls back to the built-in default for that one.
    targets: DEFAULT_TARGETS.map(
      (d) => targets.find((t) => t.severity === d.severity && t.kind === d.kind) ?? d,
    ),
    calendar: {
      timeZone: policy.calendar.timeZone,
      workingDays: policy.calendar.workingDays.split(",").map(Number),
      dayStart: policy.calendar.dayStart,
      dayEnd: policy.calendar.dayEnd,
      holidays: new Set(policy.calendar.holidays.map((h) => h.date)),
    },
  };
}

export function findTarget(policy: ActivePolicy, severity: Severity, kind: DeadlineKind) {
  const t = policy.targets.find((x) => x.severity === severity && x.kind === kind);
  if (!t) throw new Error(`No deadline target for ${severity}/${kind}`);
  return t;
}
