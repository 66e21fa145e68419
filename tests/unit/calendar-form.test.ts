import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  calendarFormSchema,
  canonicalTimeZone,
  describeWorkingDays,
  describeWorkingWindow,
  durationToTarget,
  holidayFormSchema,
  isRealDate,
  newCalendarSchema,
  normaliseTime,
  policyFormDefaults,
  policyFormSchema,
  policyFormTargets,
  targetToDuration,
  UNIT_MAXIMUM,
  workingMinutesPerDay,
} from "~/domain/calendar-form";
import { DEFAULT_TARGETS } from "~/domain/deadlines";
import { DEADLINE_KINDS, SEVERITIES } from "~/domain/vocabulary";

/** Form data as a browser sends it. */
function formData(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x);
  return fd;
}

function policyFields(overrides: Record<string, string> = {}) {
  const fields: Record<string, string> = { calendarId: "cal-1" };
  for (const s of SEVERITIES) {
    for (const k of DEADLINE_KINDS) {
      fields[`targets.${s}.${k}.amount`] = "3";
      fields[`targets.${s}.${k}.unit`] = "BUSINESS_HOURS";
    }
  }
  return { ...fields, ...overrides };
}

function policyErrors(overrides: Record<string, string>) {
  const submission = parseWithZod(formData(policyFields(overrides)), { schema: policyFormSchema });
  if (submission.status === "success") throw new Error("expected the form to be refused");
  return submission.reply().error ?? {};
}

describe("durations", () => {
  it("turns a number and a unit into minutes, business days being eight business hours", () => {
    expect(durationToTarget({ amount: 4, unit: "BUSINESS_HOURS" })).toEqual({
      minutes: 240,
      businessHours: true,
    });
    expect(durationToTarget({ amount: 3, unit: "BUSINESS_DAYS" })).toEqual({
      minutes: 3 * 8 * 60,
      businessHours: true,
    });
    expect(durationToTarget({ amount: 30, unit: "CALENDAR_DAYS" })).toEqual({
      minutes: 30 * 24 * 60,
      businessHours: false,
    });
  });

  it("shows a stored target in the largest unit that fits exactly", () => {
    expect(targetToDuration({ minutes: 60, businessHours: true })).toEqual({
      amount: 1,
      unit: "BUSINESS_HOURS",
      exact: true,
    });
    expect(targetToDuration({ minutes: 480, businessHours: true })).toEqual({
      amount: 1,
      unit: "BUSINESS_DAYS",
      exact: true,
    });
    expect(targetToDuration({ minutes: 600, businessHours: true })).toEqual({
      amount: 10,
      unit: "BUSINESS_HOURS",
      exact: true,
    });
    expect(targetToDuration({ minutes: 43_200, businessHours: false })).toEqual({
      amount: 30,
      unit: "CALENDAR_DAYS",
      exact: true,
    });
  });

  it("rounds up, and says so, a stored target no unit expresses exactly", () => {
    expect(targetToDuration({ minutes: 90, businessHours: true })).toEqual({
      amount: 2,
      unit: "BUSINESS_HOURS",
      exact: false,
    });
    // 36 hours around the clock is exact in hours; 90 minutes is not, and rounds up to 2 hours.
    expect(targetToDuration({ minutes: 36 * 60, businessHours: false })).toEqual({
      amount: 36,
      unit: "CALENDAR_HOURS",
      exact: true,
    });
    expect(targetToDuration({ minutes: 90, businessHours: false })).toEqual({
      amount: 2,
      unit: "CALENDAR_HOURS",
      exact: false,
    });
    expect(targetToDuration({ minutes: 0, businessHours: true })).toMatchObject({
      amount: 1,
      exact: false,
    });
  });

  it("round-trips every built-in target exactly", () => {
    // Critical clocks of an hour or four around the clock (decision 057) show in calendar hours.
    for (const t of DEFAULT_TARGETS) {
      const d = targetToDuration(t);
      expect(d.exact).toBe(true);
      expect(durationToTarget(d)).toEqual({ minutes: t.minutes, businessHours: t.businessHours });
    }
  });
});

describe("policyFormSchema", () => {
  it("has a row for every severity and a column for every clock", () => {
    expect(Object.keys(policyFormSchema.shape.targets.shape).sort()).toEqual(
      [...SEVERITIES].sort(),
    );
    expect(Object.keys(policyFormSchema.shape.targets.shape.LOW.shape).sort()).toEqual(
      [...DEADLINE_KINDS].sort(),
    );
  });

  it("accepts a complete form and yields sixteen targets in minutes", () => {
    const submission = parseWithZod(
      formData(
        policyFields({
          "targets.CRITICAL.ACKNOWLEDGE.amount": " 2 ",
          "targets.LOW.RESOLVE.amount": "365",
          "targets.LOW.RESOLVE.unit": "CALENDAR_DAYS",
          "targets.HIGH.REPORTER_UPDATE.unit": "BUSINESS_DAYS",
        }),
      ),
      { schema: policyFormSchema },
    );
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    const targets = policyFormTargets(submission.value);
    expect(targets).toHaveLength(16);
    const find = (s: string, k: string) => targets.find((t) => t.severity === s && t.kind === k);
    expect(find("CRITICAL", "ACKNOWLEDGE")).toEqual({
      severity: "CRITICAL",
      kind: "ACKNOWLEDGE",
      minutes: 120,
      businessHours: true,
    });
    expect(find("LOW", "RESOLVE")).toMatchObject({ minutes: 365 * 1440, businessHours: false });
    expect(find("HIGH", "REPORTER_UPDATE")).toMatchObject({ minutes: 3 * 480 });
    expect(find("MEDIUM", "ACKNOWLEDGE")).toMatchObject({ minutes: 180 });
  });

  it("refuses anything but a whole positive number, per field", () => {
    const errors = policyErrors({
      "targets.CRITICAL.ACKNOWLEDGE.amount": "1.5",
      "targets.CRITICAL.FIRST_PROTECTIVE_ACTION.amount": "-1",
      "targets.CRITICAL.REPORTER_UPDATE.amount": "0",
      "targets.CRITICAL.RESOLVE.amount": "",
      "targets.HIGH.ACKNOWLEDGE.amount": "four",
      "targets.HIGH.RESOLVE.amount": "1e3",
    });
    expect(errors["targets.CRITICAL.ACKNOWLEDGE.amount"]).toEqual([
      "Please enter a whole number, such as 4.",
    ]);
    expect(errors["targets.CRITICAL.FIRST_PROTECTIVE_ACTION.amount"]?.[0]).toMatch(/whole number/);
    expect(errors["targets.CRITICAL.REPORTER_UPDATE.amount"]).toEqual(["Please enter 1 or more."]);
    expect(errors["targets.CRITICAL.RESOLVE.amount"]).toEqual(["Please enter a number."]);
    expect(errors["targets.HIGH.ACKNOWLEDGE.amount"]?.[0]).toMatch(/whole number/);
    expect(errors["targets.HIGH.RESOLVE.amount"]?.[0]).toMatch(/whole number/);
    expect(errors["targets.LOW.ACKNOWLEDGE.amount"]).toBeUndefined();
  });

  it("caps each unit at a year", () => {
    expect(UNIT_MAXIMUM).toEqual({
      BUSINESS_HOURS: 2920,
      BUSINESS_DAYS: 365,
      CALENDAR_HOURS: 8760,
      CALENDAR_DAYS: 365,
    });
    const errors = policyErrors({
      "targets.LOW.ACKNOWLEDGE.amount": "2921",
      "targets.LOW.RESOLVE.amount": "366",
      "targets.LOW.RESOLVE.unit": "CALENDAR_DAYS",
      "targets.MEDIUM.RESOLVE.amount": "366",
      "targets.MEDIUM.RESOLVE.unit": "BUSINESS_DAYS",
      "targets.HIGH.RESOLVE.amount": "99999999999999999999999",
      "targets.CRITICAL.RESOLVE.amount": "2920",
    });
    expect(errors["targets.LOW.ACKNOWLEDGE.amount"]).toEqual([
      "Please enter at most 2,920 business hours (a year).",
    ]);
    expect(errors["targets.LOW.RESOLVE.amount"]?.[0]).toMatch(/at most 365 calendar days/);
    expect(errors["targets.MEDIUM.RESOLVE.amount"]?.[0]).toMatch(/at most 365 business days/);
    expect(errors["targets.HIGH.RESOLVE.amount"]?.[0]).toMatch(/at most/);
    expect(errors["targets.CRITICAL.RESOLVE.amount"]).toBeUndefined();
  });

  it("refuses an unknown unit and a missing calendar", () => {
    const errors = policyErrors({ "targets.LOW.ACKNOWLEDGE.unit": "MINUTES", calendarId: "" });
    expect(errors["targets.LOW.ACKNOWLEDGE.unit"]).toEqual(["Please choose a unit."]);
    expect(errors.calendarId).toEqual(["Please choose a calendar."]);
  });

  it("gives the form its starting values, falling back to the built-in targets", () => {
    const defaults = policyFormDefaults([
      { severity: "CRITICAL", kind: "ACKNOWLEDGE", minutes: 90, businessHours: true },
    ]);
    expect(defaults.CRITICAL.ACKNOWLEDGE).toEqual({
      amount: "2",
      unit: "BUSINESS_HOURS",
      exact: false,
    });
    expect(defaults.MEDIUM.FIRST_PROTECTIVE_ACTION).toEqual({
      amount: "3",
      unit: "BUSINESS_DAYS",
      exact: true,
    });
    expect(defaults.LOW.RESOLVE).toEqual({ amount: "30", unit: "CALENDAR_DAYS", exact: true });
  });
});

describe("calendarFormSchema", () => {
  const valid = {
    name: "UK office",
    timeZone: "Europe/London",
    workingDays: ["1", "2", "3", "4", "5"],
    dayStart: "09:00",
    dayEnd: "17:00",
  };

  it("accepts a calendar and stores working days as sorted ISO weekday numbers", () => {
    const result = calendarFormSchema.safeParse({ ...valid, workingDays: ["5", "1", "3", "1"] });
    expect(result.success).toBe(true);
    expect(result.data?.workingDays).toEqual([1, 3, 5]);
  });

  it("canonicalises the time zone and pads times", () => {
    const result = calendarFormSchema.safeParse({
      ...valid,
      timeZone: " america/new_york ",
      dayStart: "9:30",
      dayEnd: "05:00",
    });
    expect(result.data).toMatchObject({
      timeZone: "America/New_York",
      dayStart: "09:30",
      dayEnd: "05:00",
    });
  });

  it("accepts an overnight window and a 24-hour one", () => {
    expect(
      calendarFormSchema.safeParse({ ...valid, dayStart: "22:00", dayEnd: "06:00" }).success,
    ).toBe(true);
    expect(
      calendarFormSchema.safeParse({ ...valid, dayStart: "00:00", dayEnd: "00:00" }).success,
    ).toBe(true);
  });

  it("refuses what is not a calendar, with a message per field", () => {
    const result = calendarFormSchema.safeParse({
      name: " ",
      timeZone: "Mars/Olympus_Mons",
      workingDays: [],
      dayStart: "24:00",
      dayEnd: "17:60",
    });
    expect(result.success).toBe(false);
    const errors = result.error?.flatten().fieldErrors ?? {};
    expect(errors.name).toEqual(["Please give the calendar a name."]);
    expect(errors.timeZone?.[0]).toMatch(/not a time zone we know/);
    expect(errors.workingDays).toEqual(["Please tick at least one working day."]);
    expect(errors.dayStart?.[0]).toMatch(/HH:MM/);
    expect(errors.dayEnd?.[0]).toMatch(/HH:MM/);
  });

  it("gives an empty field one message, not two", () => {
    const errors =
      calendarFormSchema
        .safeParse({ name: "", timeZone: "", workingDays: ["1"], dayStart: "", dayEnd: "" })
        .error?.flatten().fieldErrors ?? {};
    expect(errors.name).toEqual(["Please give the calendar a name."]);
    expect(errors.timeZone).toEqual(["Please give a time zone, such as Europe/London."]);
    expect(errors.dayStart).toEqual(["Please give the start time."]);
    const long = calendarFormSchema.safeParse({ ...valid, timeZone: "A/".repeat(40) });
    expect(long.error?.flatten().fieldErrors.timeZone).toHaveLength(1);
  });

  it("refuses unknown weekdays, control characters and over-long names", () => {
    const errors =
      calendarFormSchema
        .safeParse({ ...valid, workingDays: ["0", "8"], name: "Office\u202Eevil" })
        .error?.flatten().fieldErrors ?? {};
    expect(errors.workingDays?.[0]).toMatch(/Unknown day/);
    expect(errors.name?.[0]).toMatch(/ordinary letters/);
    const long = calendarFormSchema.safeParse({ ...valid, name: "x".repeat(101) });
    expect(long.error?.flatten().fieldErrors.name?.[0]).toMatch(/under 100 characters/);
  });

  it("reads form data: one ticked day, none ticked, empty fields", () => {
    const one = parseWithZod(formData({ ...valid, workingDays: "6" }), {
      schema: calendarFormSchema,
    });
    expect(one.status === "success" && one.value.workingDays).toEqual([6]);
    const none = parseWithZod(formData({ name: "", timeZone: "", dayStart: "", dayEnd: "" }), {
      schema: calendarFormSchema,
    });
    expect(none.status).toBe("error");
    const error = none.reply().error ?? {};
    expect(error.workingDays).toEqual(["Please tick at least one working day."]);
    expect(error.name).toEqual(["Please give the calendar a name."]);
    expect(error.timeZone?.[0]).toMatch(/Please give a time zone/);
    expect(error.dayStart).toEqual(["Please give the start time."]);
    expect(error.dayEnd).toEqual(["Please give the end time."]);
  });
});

describe("holidayFormSchema and newCalendarSchema", () => {
  it("accepts a real date and a name", () => {
    expect(
      holidayFormSchema.safeParse({ date: "2026-12-25", name: " Christmas Day " }).data,
    ).toEqual({ date: "2026-12-25", name: "Christmas Day" });
  });

  it("refuses impossible or out-of-range dates and missing names", () => {
    for (const date of ["2026-02-30", "2026-13-01", "25/12/2026", "1999-12-31", "2101-01-01"]) {
      const errors = holidayFormSchema.safeParse({ date, name: "x" }).error?.flatten().fieldErrors;
      expect(errors?.date?.[0]).toMatch(/real date/);
    }
    const errors = holidayFormSchema.safeParse({ date: "", name: "" }).error?.flatten().fieldErrors;
    expect(errors?.date).toEqual(["Please give the date."]);
    expect(errors?.name).toEqual(["Please give the holiday a name."]);
  });

  it("asks a new calendar only for its name", () => {
    expect(newCalendarSchema.safeParse({ name: "Night shift" }).success).toBe(true);
    expect(newCalendarSchema.safeParse({ name: "" }).success).toBe(false);
  });
});

describe("helpers", () => {
  it("checks dates", () => {
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("2027-02-29")).toBe(false);
  });

  it("normalises times", () => {
    expect(normaliseTime("7:05")).toBe("07:05");
    expect(normaliseTime("23:59")).toBe("23:59");
    expect(normaliseTime("24:00")).toBeNull();
    expect(normaliseTime("12:5")).toBeNull();
    expect(normaliseTime("noon")).toBeNull();
  });

  it("canonicalises time zones", () => {
    expect(canonicalTimeZone("europe/london")).toBe("Europe/London");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
  });

  it("measures and describes the working window, overnight included", () => {
    expect(workingMinutesPerDay("09:00", "17:00")).toBe(480);
    expect(workingMinutesPerDay("22:00", "06:00")).toBe(480);
    expect(workingMinutesPerDay("08:00", "08:00")).toBe(1440);
    expect(describeWorkingWindow("09:00", "17:30")).toBe("09:00 to 17:30 (8 h 30 min)");
    expect(describeWorkingWindow("22:00", "06:00")).toBe("22:00 to 06:00 the next day (8 h)");
  });

  it("describes working days", () => {
    expect(describeWorkingDays([1, 2, 3, 4, 5])).toBe("Mon–Fri");
    expect(describeWorkingDays([5, 1, 3])).toBe("Mon, Wed, Fri");
    expect(describeWorkingDays([6, 7])).toBe("Sat, Sun");
    expect(describeWorkingDays([])).toBe("no days");
  });
});
