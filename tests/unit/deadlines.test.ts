import { describe, expect, it } from "vitest";
import type { BusinessCalendarSpec } from "~/domain/business-calendar";
import {
  DEFAULT_TARGETS,
  REMINDER_FRACTION,
  computeDeadline,
  describeTimeLeft,
  minutesLeft,
  type DeadlineTargetSpec,
} from "~/domain/deadlines";
import { DEADLINE_KINDS, SEVERITIES } from "~/domain/vocabulary";

// London, Mon–Fri 09:00–17:00 (8 working hours a day). January 2026 is GMT, so Z = local.
// Mon 5 Jan … Fri 9 Jan, Sat 10, Sun 11, Mon 12 Jan.
const calendar: BusinessCalendarSpec = {
  timeZone: "Europe/London",
  workingDays: [1, 2, 3, 4, 5],
  dayStart: "09:00",
  dayEnd: "17:00",
  holidays: new Set(),
};

const at = (iso: string) => new Date(iso);

function target(severity: string, kind: string): DeadlineTargetSpec {
  const t = DEFAULT_TARGETS.find((x) => x.severity === severity && x.kind === kind);
  if (!t) throw new Error(`no default target for ${severity} ${kind}`);
  return t;
}

describe("DEFAULT_TARGETS match the targets per severity", () => {
  // minutes, written out: 1 business day = 8 h = 480 min; 30 calendar days = 43 200 min.
  const table: [string, string, number, boolean][] = [
    ["CRITICAL", "ACKNOWLEDGE", 60, false],
    ["CRITICAL", "FIRST_PROTECTIVE_ACTION", 240, false],
    ["CRITICAL", "REPORTER_UPDATE", 2400, true],
    ["CRITICAL", "RESOLVE", 43_200, false],
    ["HIGH", "ACKNOWLEDGE", 240, true],
    ["HIGH", "FIRST_PROTECTIVE_ACTION", 480, true],
    ["HIGH", "REPORTER_UPDATE", 2400, true],
    ["HIGH", "RESOLVE", 43_200, false],
    ["MEDIUM", "ACKNOWLEDGE", 480, true],
    ["MEDIUM", "FIRST_PROTECTIVE_ACTION", 1440, true],
    ["MEDIUM", "REPORTER_UPDATE", 2400, true],
    ["MEDIUM", "RESOLVE", 43_200, false],
    ["LOW", "ACKNOWLEDGE", 960, true],
    ["LOW", "FIRST_PROTECTIVE_ACTION", 2400, true],
    ["LOW", "REPORTER_UPDATE", 2400, true],
    ["LOW", "RESOLVE", 43_200, false],
  ];

  it.each(table)("%s %s: %i min, business hours %s", (severity, kind, minutes, businessHours) => {
    expect(target(severity, kind)).toEqual({ severity, kind, minutes, businessHours });
  });

  it("has exactly one target per severity and kind", () => {
    expect(DEFAULT_TARGETS).toHaveLength(SEVERITIES.length * DEADLINE_KINDS.length);
    const keys = new Set(DEFAULT_TARGETS.map((t) => `${t.severity}/${t.kind}`));
    expect(keys.size).toBe(16);
  });

  it("reminds at 75%", () => {
    expect(REMINDER_FRACTION).toBe(0.75);
  });
});

describe("computeDeadline", () => {
  it("critical acknowledge: due in 1 hour, reminder at 45 min", () => {
    const d = computeDeadline(
      target("CRITICAL", "ACKNOWLEDGE"),
      at("2026-01-05T10:00:00Z"),
      calendar,
    );
    expect(d).toEqual({
      kind: "ACKNOWLEDGE",
      businessHours: false,
      startedAt: at("2026-01-05T10:00:00Z"),
      dueAt: at("2026-01-05T11:00:00Z"),
      remindAt: at("2026-01-05T10:45:00Z"),
    });
  });

  it("high acknowledge from Friday 15:00 is due Monday 11:00, reminded Monday 10:00", () => {
    const d = computeDeadline(target("HIGH", "ACKNOWLEDGE"), at("2026-01-09T15:00:00Z"), calendar);
    expect(d.dueAt).toEqual(at("2026-01-12T11:00:00Z"));
    expect(d.remindAt).toEqual(at("2026-01-12T10:00:00Z"));
  });

  it("a clock started out of hours starts at the next opening", () => {
    const d = computeDeadline(target("HIGH", "ACKNOWLEDGE"), at("2026-01-10T03:00:00Z"), calendar);
    expect(d.startedAt).toEqual(at("2026-01-10T03:00:00Z"));
    expect(d.remindAt).toEqual(at("2026-01-12T12:00:00Z"));
    expect(d.dueAt).toEqual(at("2026-01-12T13:00:00Z"));
  });

  it("a critical report on Friday at 18:00 is due that evening, not on Monday", () => {
    const friday = at("2026-01-09T18:00:00Z");
    expect(computeDeadline(target("CRITICAL", "ACKNOWLEDGE"), friday, calendar).dueAt).toEqual(
      at("2026-01-09T19:00:00Z"),
    );
    expect(
      computeDeadline(target("CRITICAL", "FIRST_PROTECTIVE_ACTION"), friday, calendar).dueAt,
    ).toEqual(at("2026-01-09T22:00:00Z"));
  });

  it("medium protective action (3 days) from Wednesday noon", () => {
    // Wed 5 h + Thu 8 h + Fri 8 h = 21 h, then 3 h on Monday; reminder after 18 h = Fri 14:00.
    const d = computeDeadline(
      target("MEDIUM", "FIRST_PROTECTIVE_ACTION"),
      at("2026-01-07T12:00:00Z"),
      calendar,
    );
    expect(d.dueAt).toEqual(at("2026-01-12T12:00:00Z"));
    expect(d.remindAt).toEqual(at("2026-01-09T14:00:00Z"));
  });

  it("low acknowledge (2 days) from Friday morning", () => {
    const d = computeDeadline(target("LOW", "ACKNOWLEDGE"), at("2026-01-09T09:00:00Z"), calendar);
    expect(d.dueAt).toEqual(at("2026-01-12T17:00:00Z"));
    expect(d.remindAt).toEqual(at("2026-01-12T13:00:00Z"));
  });

  it("reporter update is 5 working days later, skipping a holiday", () => {
    const withHoliday = { ...calendar, holidays: new Set(["2026-01-07"]) };
    const d = computeDeadline(
      target("MEDIUM", "REPORTER_UPDATE"),
      at("2026-01-05T09:00:00Z"),
      withHoliday,
    );
    // Mon, Tue, (Wed off), Thu, Fri, Mon.
    expect(d.dueAt).toEqual(at("2026-01-12T17:00:00Z"));
    // 30 h: Mon, Tue, Thu = 24 h, then 6 h on Friday.
    expect(d.remindAt).toEqual(at("2026-01-09T15:00:00Z"));
  });

  it("resolve counts 30 calendar days that never pause", () => {
    // A calendar with no working time at all must not matter.
    const closed = { ...calendar, workingDays: [] };
    const d = computeDeadline(target("HIGH", "RESOLVE"), at("2026-01-10T10:00:00Z"), closed);
    expect(d.businessHours).toBe(false);
    expect(d.dueAt).toEqual(at("2026-02-09T10:00:00Z"));
    // 75% of 43 200 min = 32 400 min = 22 days 12 h.
    expect(d.remindAt).toEqual(at("2026-02-01T22:00:00Z"));
  });

  it("resolve counts elapsed time across a DST change", () => {
    const d = computeDeadline(target("LOW", "RESOLVE"), at("2026-03-20T10:00:00Z"), calendar);
    expect(d.dueAt).toEqual(at("2026-04-19T10:00:00Z"));
  });

  it("rounds the reminder down to a whole minute", () => {
    const odd: DeadlineTargetSpec = {
      severity: "HIGH",
      kind: "ACKNOWLEDGE",
      minutes: 61,
      businessHours: true,
    };
    const d = computeDeadline(odd, at("2026-01-05T10:00:00Z"), calendar);
    expect(d.remindAt).toEqual(at("2026-01-05T10:45:00Z"));
    expect(d.dueAt).toEqual(at("2026-01-05T11:01:00Z"));
  });
});

describe("minutesLeft", () => {
  it("is positive before, negative after, rounded to the minute", () => {
    const now = at("2026-01-05T10:00:00Z");
    expect(minutesLeft(at("2026-01-05T11:30:00Z"), now)).toBe(90);
    expect(minutesLeft(at("2026-01-05T09:20:00Z"), now)).toBe(-40);
    expect(minutesLeft(at("2026-01-05T10:00:29Z"), now)).toBe(0);
    expect(minutesLeft(at("2026-01-05T10:00:31Z"), now)).toBe(1);
  });
});

describe("describeTimeLeft", () => {
  const now = at("2026-01-05T10:00:00Z");
  const plus = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it.each([
    [0, "0 min left"],
    [1, "1 min left"],
    [59, "59 min left"],
    [60, "1 h left"],
    [135, "2 h 15 min left"],
    [47 * 60 + 59, "47 h 59 min left"],
    [48 * 60, "2 days left"],
    [3 * 24 * 60 + 23 * 60, "3 days left"],
    [-40, "overdue by 40 min"],
    [-90, "overdue by 1 h 30 min"],
    [-120, "overdue by 2 h"],
    [-5 * 24 * 60, "overdue by 5 days"],
  ])("%i minutes → %s", (minutes, text) => {
    expect(describeTimeLeft(plus(minutes), now)).toBe(text);
  });

  it("does not call a few seconds past due 'overdue'", () => {
    expect(describeTimeLeft(at("2026-01-05T09:59:50Z"), now)).toBe("0 min left");
  });
});
