import { auditDiff, hasChanges } from "~/domain/audit-diff";
import type { CalendarFormValue, HolidayFormValue } from "~/domain/calendar-form";
import { NEW_DEFAULT_CALENDAR } from "~/domain/calendar-form";
import { DEFAULT_TARGETS, type DeadlineTargetSpec } from "~/domain/deadlines";
import type { DeadlineKind, Severity } from "~/domain/vocabulary";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { FALLBACK_CALENDAR } from "./deadline-policy.server";

// Admin reads and writes of the default deadline policy and of business calendars.
// Clocks already running keep their due times: only clocks started later use what is saved.
// Every write records who made it in the settings history, in the same transaction.

export const DEFAULT_POLICY_NAME = "Standard";
export const DEFAULT_CALENDAR_NAME = "UK office";

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002"
  );
}

export type CalendarChoice = {
  id: string;
  name: string;
  timeZone: string;
  workingDays: number[];
  dayStart: string;
  dayEnd: string;
  holidayCount: number;
};

export async function listCalendars(db: Db | Tx): Promise<CalendarChoice[]> {
  const rows = await db.businessCalendar.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      timeZone: true,
      workingDays: true,
      dayStart: true,
      dayEnd: true,
      _count: { select: { holidays: true } },
    },
  });
  return rows.map(({ _count, workingDays, ...c }) => ({
    ...c,
    workingDays: parseWorkingDays(workingDays),
    holidayCount: _count.holidays,
  }));
}

function parseWorkingDays(value: string): number[] {
  return value
    .split(",")
    .map(Number)
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
}

export type PolicyEditor = {
  /** Null until an admin first saves: the built-in defaults are in force. */
  policy: { id: string; name: string; calendarId: string } | null;
  targets: DeadlineTargetSpec[];
  calendars: CalendarChoice[];
};

export async function getPolicyEditor(db: Db): Promise<PolicyEditor> {
  const policy = await db.deadlinePolicy.findFirst({
    where: { isDefault: true },
    select: { id: true, name: true, calendarId: true, targets: true },
  });
  const stored = (policy?.targets ?? []).map((t) => ({
    severity: t.severity as Severity,
    kind: t.kind as DeadlineKind,
    minutes: t.minutes,
    businessHours: t.businessHours,
  }));
  return {
    policy: policy && { id: policy.id, name: policy.name, calendarId: policy.calendarId },
    // A target missing from the stored policy is in force at its built-in default.
    targets: DEFAULT_TARGETS.map(
      (d) => stored.find((t) => t.severity === d.severity && t.kind === d.kind) ?? d,
    ),
    calendars: await listCalendars(db),
  };
}

/** The built-in "UK office" calendar, created on first use. */
async function ensureDefaultCalendar(tx: Tx) {
  return tx.businessCalendar.upsert({
    where: { name: DEFAULT_CALENDAR_NAME },
    create: {
      name: DEFAULT_CALENDAR_NAME,
      timeZone: FALLBACK_CALENDAR.timeZone,
      workingDays: FALLBACK_CALENDAR.workingDays.join(","),
      dayStart: FALLBACK_CALENDAR.dayStart,
      dayEnd: FALLBACK_CALENDAR.dayEnd,
    },
    update: {},
    select: { id: true, name: true },
  });
}

type TargetValue = { minutes: number; businessHours: boolean };

/** The policy as the audit log compares it: "SEVERITY.KIND" → target, plus the calendar name. */
function policySnapshot(
  targets: { severity: string; kind: string; minutes: number; businessHours: boolean }[],
  calendar: string | null,
): Record<string, TargetValue | string | null> {
  const out: Record<string, TargetValue | string | null> = { calendar };
  for (const t of targets) {
    out[`${t.severity}.${t.kind}`] = { minutes: t.minutes, businessHours: t.businessHours };
  }
  return out;
}

export type SavePolicyResult = { ok: true; policyId: string } | { ok: false; reason: "calendar" };

/**
 * Writes the default policy's sixteen targets and its calendar in one transaction, creating
 * the policy (and the built-in calendar, when asked for) the first time.
 */
export async function saveDefaultPolicy(
  db: Db,
  input: { calendarId: string; targets: DeadlineTargetSpec[] },
  actorId: string,
): Promise<SavePolicyResult> {
  return db.$transaction((tx) => saveDefaultPolicyIn(tx, input, actorId));
}

/** saveDefaultPolicy inside a caller's transaction (jurisdiction templates write it with more). */
export async function saveDefaultPolicyIn(
  tx: Tx,
  input: { calendarId: string; targets: DeadlineTargetSpec[] },
  actorId: string,
): Promise<SavePolicyResult> {
  let calendarId = input.calendarId;
  let calendarName: string;
  if (calendarId === NEW_DEFAULT_CALENDAR) {
    ({ id: calendarId, name: calendarName } = await ensureDefaultCalendar(tx));
  } else {
    const calendar = await tx.businessCalendar.findUnique({
      where: { id: calendarId },
      select: { id: true, name: true },
    });
    if (!calendar) return { ok: false, reason: "calendar" };
    calendarName = calendar.name;
  }
  const existing = await tx.deadlinePolicy.findFirst({
    where: { isDefault: true },
    select: { id: true, targets: true, calendar: { select: { name: true } } },
  });
  // Before the first save the built-in targets were in force, as the editor shows them.
  const stored = existing?.targets ?? [];
  const before = policySnapshot(
    DEFAULT_TARGETS.map(
      (d) => stored.find((t) => t.severity === d.severity && t.kind === d.kind) ?? d,
    ),
    existing?.calendar.name ?? null,
  );
  const policy = existing
    ? await tx.deadlinePolicy.update({
        where: { id: existing.id },
        data: { calendarId },
        select: { id: true },
      })
    : await tx.deadlinePolicy.upsert({
        where: { name: DEFAULT_POLICY_NAME },
        create: { name: DEFAULT_POLICY_NAME, isDefault: true, calendarId },
        update: { isDefault: true, calendarId },
        select: { id: true },
      });
  for (const t of input.targets) {
    await tx.deadlineTarget.upsert({
      where: {
        policyId_severity_kind: { policyId: policy.id, severity: t.severity, kind: t.kind },
      },
      create: {
        policyId: policy.id,
        severity: t.severity,
        kind: t.kind,
        minutes: t.minutes,
        businessHours: t.businessHours,
      },
      update: { minutes: t.minutes, businessHours: t.businessHours },
    });
  }
  const after = policySnapshot(input.targets, calendarName);
  const changes = auditDiff(before, after, Object.keys(after));
  if (hasChanges(changes)) {
    await recordAudit(tx, {
      actorId,
      action: "DEADLINE_POLICY_SAVED",
      subjectType: "DEADLINE_POLICY",
      subjectId: policy.id,
      data: changes,
    });
  }
  return { ok: true, policyId: policy.id };
}

export type CreateCalendarResult = { ok: true; id: string } | { ok: false; reason: "name-taken" };

/** A new calendar with the built-in working week (Mon–Fri 09:00–17:00, Europe/London). */
export async function createCalendar(
  db: Db,
  name: string,
  actorId: string,
): Promise<CreateCalendarResult> {
  const data = {
    name,
    timeZone: FALLBACK_CALENDAR.timeZone,
    workingDays: FALLBACK_CALENDAR.workingDays.join(","),
    dayStart: FALLBACK_CALENDAR.dayStart,
    dayEnd: FALLBACK_CALENDAR.dayEnd,
  };
  try {
    const created = await db.$transaction(async (tx) => {
      const calendar = await tx.businessCalendar.create({ data, select: { id: true } });
      await recordAudit(tx, {
        actorId,
        action: "CALENDAR_CREATED",
        subjectType: "CALENDAR",
        subjectId: calendar.id,
        data,
      });
      return calendar;
    });
    return { ok: true, id: created.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name-taken" };
    throw error;
  }
}

export type CalendarEditor = {
  id: string;
  name: string;
  timeZone: string;
  workingDays: number[];
  dayStart: string;
  dayEnd: string;
  holidays: { id: string; date: string; name: string }[];
  /** Names of the policies that use this calendar. */
  usedBy: string[];
};

export async function getCalendarEditor(db: Db, id: string): Promise<CalendarEditor | null> {
  const calendar = await db.businessCalendar.findUnique({
    where: { id },
    include: {
      holidays: { orderBy: { date: "asc" }, select: { id: true, date: true, name: true } },
      policies: { orderBy: { name: "asc" }, select: { name: true } },
    },
  });
  if (!calendar) return null;
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    workingDays: parseWorkingDays(calendar.workingDays),
    dayStart: calendar.dayStart,
    dayEnd: calendar.dayEnd,
    holidays: calendar.holidays,
    usedBy: calendar.policies.map((p) => p.name),
  };
}

export type UpdateCalendarResult = { ok: true } | { ok: false; reason: "name-taken" | "not-found" };

const CALENDAR_FIELDS = ["name", "timeZone", "workingDays", "dayStart", "dayEnd"] as const;

export async function updateCalendar(
  db: Db,
  id: string,
  v: CalendarFormValue,
  actorId: string,
): Promise<UpdateCalendarResult> {
  const clash = await db.businessCalendar.findFirst({
    where: { name: v.name, NOT: { id } },
    select: { id: true },
  });
  if (clash) return { ok: false, reason: "name-taken" };
  const data = {
    name: v.name,
    timeZone: v.timeZone,
    workingDays: v.workingDays.join(","),
    dayStart: v.dayStart,
    dayEnd: v.dayEnd,
  };
  try {
    return await db.$transaction(async (tx): Promise<UpdateCalendarResult> => {
      const before = await tx.businessCalendar.findUnique({
        where: { id },
        select: { name: true, timeZone: true, workingDays: true, dayStart: true, dayEnd: true },
      });
      if (!before) return { ok: false, reason: "not-found" };
      const updated = await tx.businessCalendar.updateMany({ where: { id }, data });
      if (updated.count !== 1) return { ok: false, reason: "not-found" };
      const changes = auditDiff(before, data, CALENDAR_FIELDS);
      if (hasChanges(changes)) {
        await recordAudit(tx, {
          actorId,
          action: "CALENDAR_UPDATED",
          subjectType: "CALENDAR",
          subjectId: id,
          data: changes,
        });
      }
      return { ok: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name-taken" };
    throw error;
  }
}

export type AddHolidayResult =
  | { ok: true }
  | { ok: false; reason: "duplicate"; existingName: string }
  | { ok: false; reason: "not-found" };

/** One holiday per date per calendar; a second one on the same date is refused. */
export async function addHoliday(
  db: Db,
  calendarId: string,
  h: HolidayFormValue,
  actorId: string,
): Promise<AddHolidayResult> {
  const existing = () =>
    db.holiday.findUnique({
      where: { calendarId_date: { calendarId, date: h.date } },
      select: { name: true },
    });
  const before = await existing();
  if (before) return { ok: false, reason: "duplicate", existingName: before.name };
  const calendar = await db.businessCalendar.findUnique({
    where: { id: calendarId },
    select: { id: true },
  });
  if (!calendar) return { ok: false, reason: "not-found" };
  try {
    await db.$transaction(async (tx) => {
      await tx.holiday.create({ data: { calendarId, date: h.date, name: h.name } });
      await recordAudit(tx, {
        actorId,
        action: "HOLIDAY_ADDED",
        subjectType: "CALENDAR",
        subjectId: calendarId,
        data: { date: h.date, name: h.name },
      });
    });
    return { ok: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await existing();
    return { ok: false, reason: "duplicate", existingName: raced?.name ?? h.name };
  }
}

/** Removes a holiday of this calendar; the name it had, or null when it was already gone. */
export async function removeHoliday(
  db: Db,
  calendarId: string,
  holidayId: string,
  actorId: string,
): Promise<{ name: string; date: string } | null> {
  return db.$transaction(async (tx) => {
    const holiday = await tx.holiday.findFirst({
      where: { id: holidayId, calendarId },
      select: { name: true, date: true },
    });
    if (!holiday) return null;
    const removed = await tx.holiday.deleteMany({ where: { id: holidayId, calendarId } });
    // Two admins removing it at once: only the one whose delete took it records it.
    if (removed.count !== 1) return null;
    await recordAudit(tx, {
      actorId,
      action: "HOLIDAY_REMOVED",
      subjectType: "CALENDAR",
      subjectId: calendarId,
      data: holiday,
    });
    return holiday;
  });
}

export async function countPoliciesAndCalendars(db: Db) {
  const [policies, calendars] = await Promise.all([
    db.deadlinePolicy.count(),
    db.businessCalendar.count(),
  ]);
  return { policies, calendars };
}

export type DeleteCalendarResult =
  { ok: true; name: string } | { ok: false; reason: "in-use" | "not-found" };

/**
 * Deletes a calendar nobody uses, with its holidays. A calendar a deadline policy uses stays:
 * running clocks and escalations count their business hours in it.
 */
export async function deleteCalendar(
  db: Db,
  id: string,
  actorId: string,
): Promise<DeleteCalendarResult> {
  return db.$transaction(async (tx) => {
    const calendar = await tx.businessCalendar.findUnique({
      where: { id },
      select: { name: true, _count: { select: { policies: true } } },
    });
    if (!calendar) return { ok: false, reason: "not-found" };
    if (calendar._count.policies > 0) return { ok: false, reason: "in-use" };
    await tx.holiday.deleteMany({ where: { calendarId: id } });
    const removed = await tx.businessCalendar.deleteMany({ where: { id } });
    if (removed.count !== 1) return { ok: false, reason: "not-found" };
    await recordAudit(tx, {
      actorId,
      action: "CALENDAR_DELETED",
      subjectType: "CALENDAR",
      subjectId: id,
      data: { name: calendar.name },
    });
    return { ok: true, name: calendar.name };
  });
}
