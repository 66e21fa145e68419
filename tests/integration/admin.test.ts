import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryDelayMs } from "~/domain/backoff";
import { NEW_DEFAULT_CALENDAR } from "~/domain/calendar-form";
import { DEFAULT_TARGETS } from "~/domain/deadlines";
import { DEADLINE_KINDS, SEVERITIES } from "~/domain/vocabulary";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { getDefaultPolicy } from "~/models/deadline-policy.server";
import { createIncident } from "~/models/incident.server";
import * as calendarRoute from "~/routes/admin.calendars.$id";
import * as deadlinesRoute from "~/routes/admin.deadlines";
import * as indexRoute from "~/routes/admin._index";
import * as outboxRoute from "~/routes/admin.outbox";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { toastIn } from "../fixtures/flash-toast";
import { call, getRequest, loginCookie, postRequest, type Answer } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// The admin pages: deadline policy, business calendars with holidays, and set-aside mail.
// Only admins get in; everyone else gets the same 404 as for a page that does not exist.

const { db, org } = await orgForThisFile();
const admin = await loginCookie(org.admin.email);
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
});
afterAll(() => smtp.stop());

type Fields = Record<string, string | string[]>;

/** A complete policy form: every target at the given amount and unit. */
function policyForm(
  calendarId: string,
  overrides: Fields = {},
  amount = "2",
  unit = "BUSINESS_DAYS",
): Fields {
  const fields: Fields = { intent: "save-policy", calendarId };
  for (const s of SEVERITIES) {
    for (const k of DEADLINE_KINDS) {
      fields[`targets.${s}.${k}.amount`] = amount;
      fields[`targets.${s}.${k}.unit`] = unit;
    }
  }
  return { ...fields, ...overrides };
}

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: unknown };
function replyOf(answer: Answer): Reply {
  return (answer.body as { result: Reply }).result;
}

const saveDeadlines = (fields: Fields, opts: { cookie?: string; origin?: string } = {}) =>
  call(deadlinesRoute.action, postRequest("/admin/deadlines", fields, { cookie: admin, ...opts }));

const calendarPost = (
  id: string,
  fields: Fields,
  opts: { cookie?: string; origin?: string } = {},
) =>
  call(
    calendarRoute.action,
    postRequest(`/admin/calendars/${id}`, fields, { cookie: admin, ...opts }),
    { id },
  );

const outboxPost = (fields: Fields, opts: { cookie?: string; origin?: string } = {}) =>
  call(outboxRoute.action, postRequest("/admin/outbox", fields, { cookie: admin, ...opts }));

async function defaultCalendarId(): Promise<string> {
  const policy = await db.deadlinePolicy.findFirstOrThrow({ where: { isDefault: true } });
  return policy.calendarId;
}

const FAILED_AT = new Date("2026-03-02T08:15:00Z");

async function deadMail(key: string, data: Record<string, unknown> = {}) {
  return db.notification.create({
    data: {
      idempotencyKey: key,
      toEmail: `${key}@test.example`,
      template: "NEW_REPORT_ASSIGNED",
      data: JSON.stringify(data),
      status: "DEAD",
      attempts: 8,
      lastError: "connect ECONNREFUSED 127.0.0.1:25",
      // As the outbox leaves it: the failed attempt's time plus the backoff delay.
      nextAttemptAt: new Date(FAILED_AT.getTime() + retryDelayMs(8)),
    },
  });
}

describe("the deadline policy page", () => {
  it("shows the built-in targets before anything is saved", async () => {
    const answer = await call(deadlinesRoute.loader, getRequest("/admin/deadlines", admin));
    expect(answer.status).toBe(200);
    const body = answer.body as Awaited<ReturnType<typeof deadlinesRoute.loader>>;
    expect(body.policy).toBeNull();
    expect(body.calendars).toEqual([]);
    // Critical clocks run around the clock by default (decision 057).
    expect(body.targets.CRITICAL.ACKNOWLEDGE.unit).not.toBe("BUSINESS_HOURS");
    expect(body.targets.HIGH.FIRST_PROTECTIVE_ACTION).toMatchObject({
      amount: "1",
      unit: "BUSINESS_DAYS",
    });
    expect(body.targets.LOW.RESOLVE).toMatchObject({ amount: "30", unit: "CALENDAR_DAYS" });
  });

  it("saves targets, creating the default policy and the UK office calendar, and new clocks use them", async () => {
    const answer = await saveDeadlines(
      policyForm(NEW_DEFAULT_CALENDAR, {
        "targets.CRITICAL.ACKNOWLEDGE.amount": "2",
        "targets.CRITICAL.ACKNOWLEDGE.unit": "BUSINESS_HOURS",
        "targets.LOW.RESOLVE.amount": "45",
        "targets.LOW.RESOLVE.unit": "CALENDAR_DAYS",
      }),
    );
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/admin/deadlines");
    expect(await toastIn(answer)).toMatchObject({ key: "toast.adminDeadlinesSaved" });

    const policy = await getDefaultPolicy(db);
    const find = (s: string, k: string) =>
      policy.targets.find((t) => t.severity === s && t.kind === k);
    expect(find("CRITICAL", "ACKNOWLEDGE")).toEqual({
      severity: "CRITICAL",
      kind: "ACKNOWLEDGE",
      minutes: 120,
      businessHours: true,
    });
    expect(find("HIGH", "FIRST_PROTECTIVE_ACTION")).toMatchObject({
      minutes: 2 * 8 * 60,
      businessHours: true,
    });
    expect(find("LOW", "RESOLVE")).toMatchObject({ minutes: 45 * 24 * 60, businessHours: false });
    expect(policy.calendar).toMatchObject({
      timeZone: "Europe/London",
      workingDays: [1, 2, 3, 4, 5],
      dayStart: "09:00",
      dayEnd: "17:00",
    });
    expect(await db.deadlineTarget.count()).toBe(16);
    const calendars = await db.businessCalendar.findMany();
    expect(calendars.map((c) => c.name)).toEqual(["UK office"]);

    // Saving again updates in place: still one policy, sixteen targets.
    const again = await saveDeadlines(
      policyForm(calendars[0].id, { "targets.CRITICAL.ACKNOWLEDGE.amount": "3" }, "1"),
    );
    expect(again.status).toBe(302);
    expect(await db.deadlinePolicy.count()).toBe(1);
    expect(await db.deadlineTarget.count()).toBe(16);
    const updated = await getDefaultPolicy(db);
    expect(
      updated.targets.find((t) => t.kind === "ACKNOWLEDGE" && t.severity === "CRITICAL"),
    ).toMatchObject({ minutes: 3 * 8 * 60 });

    const page = await call(deadlinesRoute.loader, getRequest("/admin/deadlines", admin));
    const body = page.body as Awaited<ReturnType<typeof deadlinesRoute.loader>>;
    expect(body.targets.CRITICAL.ACKNOWLEDGE).toMatchObject({ amount: "3", unit: "BUSINESS_DAYS" });
    expect(body.targets.MEDIUM.RESOLVE).toMatchObject({ amount: "1", unit: "BUSINESS_DAYS" });
  });

  it("refuses bad numbers with a message per field, keeps what was typed, and writes nothing", async () => {
    const calendarId = await defaultCalendarId();
    const before = await db.deadlineTarget.findMany({
      orderBy: [{ severity: "asc" }, { kind: "asc" }],
    });
    const answer = await saveDeadlines(
      policyForm(calendarId, {
        "targets.CRITICAL.ACKNOWLEDGE.amount": "abc",
        "targets.CRITICAL.REPORTER_UPDATE.amount": "1.5",
        "targets.HIGH.ACKNOWLEDGE.amount": "0",
        "targets.HIGH.RESOLVE.amount": "366",
        "targets.HIGH.RESOLVE.unit": "CALENDAR_DAYS",
        "targets.MEDIUM.ACKNOWLEDGE.amount": "",
        "targets.LOW.ACKNOWLEDGE.unit": "MINUTES",
        "targets.LOW.RESOLVE.amount": "-3",
        // One good change among the bad ones must not be saved either.
        "targets.MEDIUM.RESOLVE.amount": "9",
      }),
    );
    expect(answer.status).toBe(400);
    const reply = replyOf(answer);
    expect(reply.status).toBe("error");
    const error = reply.error ?? {};
    expect(error["targets.CRITICAL.ACKNOWLEDGE.amount"]?.[0]).toMatch(/whole number/);
    expect(error["targets.CRITICAL.REPORTER_UPDATE.amount"]?.[0]).toMatch(/whole number/);
    expect(error["targets.HIGH.ACKNOWLEDGE.amount"]?.[0]).toMatch(/1 or more/);
    expect(error["targets.HIGH.RESOLVE.amount"]?.[0]).toMatch(/at most 365 calendar days/);
    expect(error["targets.MEDIUM.ACKNOWLEDGE.amount"]?.[0]).toMatch(/enter a number/);
    expect(error["targets.LOW.ACKNOWLEDGE.unit"]?.[0]).toMatch(/choose a unit/);
    expect(error["targets.LOW.RESOLVE.amount"]?.[0]).toMatch(/whole number/);
    expect(error["targets.MEDIUM.RESOLVE.amount"]).toBeUndefined();
    // What was typed comes back, so the form shows it again.
    expect(JSON.stringify(reply.initialValue)).toContain('"abc"');
    expect(JSON.stringify(reply.initialValue)).toContain('"366"');

    const after = await db.deadlineTarget.findMany({
      orderBy: [{ severity: "asc" }, { kind: "asc" }],
    });
    expect(after).toEqual(before);
  });

  it("caps business hours at a year of business days", async () => {
    const calendarId = await defaultCalendarId();
    const answer = await saveDeadlines(
      policyForm(calendarId, {
        "targets.CRITICAL.ACKNOWLEDGE.amount": "2921",
        "targets.CRITICAL.ACKNOWLEDGE.unit": "BUSINESS_HOURS",
      }),
    );
    expect(answer.status).toBe(400);
    expect(replyOf(answer).error?.["targets.CRITICAL.ACKNOWLEDGE.amount"]?.[0]).toMatch(
      /at most 2,920 business hours/,
    );
  });

  it("refuses a calendar that does not exist and a missing one, with a field message", async () => {
    const before = await db.deadlinePolicy.findFirstOrThrow({ where: { isDefault: true } });
    const unknown = await saveDeadlines(policyForm("no-such-calendar"));
    expect(unknown.status).toBe(400);
    expect(replyOf(unknown).error?.calendarId?.[0]).toMatch(/choose a calendar/);
    const missing = await saveDeadlines(policyForm(""));
    expect(missing.status).toBe(400);
    expect(replyOf(missing).error?.calendarId?.[0]).toMatch(/choose a calendar/);
    const after = await db.deadlinePolicy.findFirstOrThrow({ where: { isDefault: true } });
    expect(after).toEqual(before);
  });

  it("answers an unknown intent with 400, not 500", async () => {
    const answer = await saveDeadlines({ intent: "drop-tables" });
    expect(answer.status).toBe(400);
  });

  it("adds a calendar by name and refuses a second with the same name", async () => {
    const answer = await saveDeadlines({ intent: "new-calendar", name: "  Night shift  " });
    expect(answer.status).toBe(302);
    const created = await db.businessCalendar.findUniqueOrThrow({ where: { name: "Night shift" } });
    expect(answer.location).toBe(`/admin/calendars/${created.id}`);
    expect(await toastIn(answer)).toMatchObject({ key: "toast.adminCalendarAdded" });
    const twice = await saveDeadlines({ intent: "new-calendar", name: "Night shift" });
    expect(twice.status).toBe(400);
    expect(replyOf(twice).error?.name?.[0]).toMatch(/already a calendar/);
    const blank = await saveDeadlines({ intent: "new-calendar", name: "   " });
    expect(blank.status).toBe(400);
    expect(replyOf(blank).error?.name?.[0]).toMatch(/name/);
    expect(await db.businessCalendar.count()).toBe(2);
  });
});

describe("the calendar page", () => {
  it("shows a calendar with its holidays, and 404 for an unknown or malformed id", async () => {
    const id = await defaultCalendarId();
    const answer = await call(calendarRoute.loader, getRequest(`/admin/calendars/${id}`, admin), {
      id,
    });
    expect(answer.status).toBe(200);
    const body = answer.body as Awaited<ReturnType<typeof calendarRoute.loader>>;
    expect(body.calendar).toMatchObject({ name: "UK office", usedBy: ["Standard"], holidays: [] });

    for (const bad of ["does-not-exist", "../../etc/passwd", "x".repeat(200)]) {
      const page = await call(
        calendarRoute.loader,
        getRequest(`/admin/calendars/${encodeURIComponent(bad)}`, admin),
        { id: bad },
      );
      expect(page.status).toBe(404);
      const post = await calendarPost(bad, {
        intent: "add-holiday",
        date: "2026-12-25",
        name: "X",
      });
      expect(post.status).toBe(404);
    }
  });

  it("saves name, time zone, working days and an overnight window, and new clocks use them", async () => {
    const id = await defaultCalendarId();
    const answer = await calendarPost(id, {
      intent: "save",
      name: "US night desk",
      timeZone: "america/new_york",
      workingDays: ["4", "1", "2", "3"],
      dayStart: "22:00",
      dayEnd: "06:00",
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/admin/calendars/${id}`);
    expect(await toastIn(answer)).toMatchObject({ key: "toast.adminCalendarSaved" });
    const policy = await getDefaultPolicy(db);
    expect(policy.calendar).toMatchObject({
      timeZone: "America/New_York",
      workingDays: [1, 2, 3, 4],
      dayStart: "22:00",
      dayEnd: "06:00",
    });
    const row = await db.businessCalendar.findUniqueOrThrow({ where: { id } });
    expect(row.name).toBe("US night desk");
  });

  it("refuses an unknown time zone, no working days, bad times and a taken name, and writes nothing", async () => {
    const id = await defaultCalendarId();
    const before = await db.businessCalendar.findUniqueOrThrow({ where: { id } });
    const answer = await calendarPost(id, {
      intent: "save",
      name: "",
      timeZone: "Mars/Olympus_Mons",
      dayStart: "25:00",
      dayEnd: "9am",
    });
    expect(answer.status).toBe(400);
    const error = replyOf(answer).error ?? {};
    expect(error.name?.[0]).toMatch(/name/);
    expect(error.timeZone?.[0]).toMatch(/not a time zone/);
    expect(error.workingDays?.[0]).toMatch(/at least one working day/);
    expect(error.dayStart?.[0]).toMatch(/HH:MM/);
    expect(error.dayEnd?.[0]).toMatch(/HH:MM/);
    expect(JSON.stringify(replyOf(answer).initialValue)).toContain("Mars/Olympus_Mons");

    const taken = await calendarPost(id, {
      intent: "save",
      name: "Night shift",
      timeZone: "Europe/London",
      workingDays: ["1"],
      dayStart: "09:00",
      dayEnd: "17:00",
    });
    expect(taken.status).toBe(400);
    expect(replyOf(taken).error?.name?.[0]).toMatch(/already a calendar/);
    expect(await db.businessCalendar.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("adds and removes holidays, refusing a second holiday on the same date", async () => {
    const id = await defaultCalendarId();
    const added = await calendarPost(id, {
      intent: "add-holiday",
      date: "2026-12-25",
      name: "Christmas Day",
    });
    expect(added.status).toBe(200);
    // The page words it in its reader's language from the holiday itself.
    expect(added.body).toMatchObject({ added: { name: "Christmas Day", date: "2026-12-25" } });
    expect((await getDefaultPolicy(db)).calendar.holidays.has("2026-12-25")).toBe(true);

    const duplicate = await calendarPost(id, {
      intent: "add-holiday",
      date: "2026-12-25",
      name: "Xmas",
    });
    expect(duplicate.status).toBe(400);
    expect(replyOf(duplicate).error?.date?.[0]).toMatch(
      /already a holiday on this date \(Christmas Day\)/,
    );
    expect(await db.holiday.count({ where: { calendarId: id } })).toBe(1);

    const invalid = await calendarPost(id, { intent: "add-holiday", date: "2026-02-30", name: "" });
    expect(invalid.status).toBe(400);
    expect(replyOf(invalid).error?.date?.[0]).toMatch(/real date/);
    expect(replyOf(invalid).error?.name?.[0]).toMatch(/name/);

    // The same date in another calendar is fine.
    const other = await db.businessCalendar.findUniqueOrThrow({ where: { name: "Night shift" } });
    expect(
      (await calendarPost(other.id, { intent: "add-holiday", date: "2026-12-25", name: "Xmas" }))
        .status,
    ).toBe(200);

    const holiday = await db.holiday.findFirstOrThrow({ where: { calendarId: id } });
    const otherHoliday = await db.holiday.findFirstOrThrow({ where: { calendarId: other.id } });
    // A holiday of another calendar cannot be removed through this one.
    const wrong = await calendarPost(id, { intent: "remove-holiday", holidayId: otherHoliday.id });
    expect(wrong.body).toMatchObject({ form: "remove", removed: null });
    expect(await db.holiday.count({ where: { id: otherHoliday.id } })).toBe(1);

    const removed = await calendarPost(id, { intent: "remove-holiday", holidayId: holiday.id });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      removed: { name: "Christmas Day", date: "2026-12-25" },
    });
    expect((await getDefaultPolicy(db)).calendar.holidays.size).toBe(0);
    const again = await calendarPost(id, { intent: "remove-holiday", holidayId: holiday.id });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ form: "remove", removed: null });

    const missingId = await calendarPost(id, { intent: "remove-holiday" });
    expect(missingId.status).toBe(400);
  });
});

describe("set-aside mail", () => {
  it("lists set-aside mails with the reference only, never the rest of their data", async () => {
    await deadMail("listed", { reference: "INC-2026-0042", note: "PRIVATE-DETAIL" });
    const answer = await call(outboxRoute.loader, getRequest("/admin/outbox", admin));
    expect(answer.status).toBe(200);
    const body = answer.body as Awaited<ReturnType<typeof outboxRoute.loader>>;
    const mail = body.mails.find((m) => m.toEmail === "listed@test.example");
    expect(mail).toMatchObject({
      template: "NEW_REPORT_ASSIGNED",
      reference: "INC-2026-0042",
      attempts: 8,
      lastError: "connect ECONNREFUSED 127.0.0.1:25",
      lastAttemptAt: FAILED_AT.toISOString(),
    });
    expect(JSON.stringify(body)).not.toContain("PRIVATE-DETAIL");
    expect(body.counts.dead).toBeGreaterThanOrEqual(1);
  });

  it("retries a set-aside mail once: it is delivered, and a second retry changes nothing", async () => {
    const { reference } = await createIncident(db, {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: new Date(),
      channel: "PHONE",
      severity: "LOW",
      categories: [],
      narrative: "Shouted at during a call.",
    });
    const incident = await db.incident.findUniqueOrThrow({ where: { reference } });
    const mail = await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    // As the outbox leaves a mail after its eighth failure.
    await db.notification.update({
      where: { id: mail.id },
      data: {
        status: "DEAD",
        attempts: 8,
        lastError: "boom",
        nextAttemptAt: new Date(Date.now() + 3_600_000),
      },
    });

    const t0 = Date.now();
    const first = await outboxPost({ intent: "retry", id: mail.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true });
    const retried = await db.notification.findUniqueOrThrow({ where: { id: mail.id } });
    expect(retried).toMatchObject({ status: "PENDING", attempts: 0, claimedUntil: null });
    expect(retried.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
    expect(retried.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());

    const second = await outboxPost({ intent: "retry", id: mail.id });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ ok: false });
    expect(await db.notification.findUniqueOrThrow({ where: { id: mail.id } })).toEqual(retried);

    // The worker picks it up on its next run.
    smtp.messages = [];
    const report = await deliverDueNotifications(db, smtpSender(smtp.url), {
      appUrl: TEST_APP_URL,
    });
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(smtp.messages.some((m) => m.subject?.includes(reference))).toBe(true);
    const sent = await db.notification.findUniqueOrThrow({ where: { id: mail.id } });
    expect(sent.status).toBe("SENT");
    const afterSent = await outboxPost({ intent: "retry", id: mail.id });
    expect(afterSent.body).toMatchObject({ ok: false });
    expect((await db.notification.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe(
      "SENT",
    );
  });

  it("retries every set-aside mail at once", async () => {
    await deadMail("all-1");
    await deadMail("all-2");
    const dead = await db.notification.count({ where: { status: "DEAD" } });
    expect(dead).toBeGreaterThanOrEqual(2);
    const answer = await outboxPost({ intent: "retry-all" });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, outcome: "all-queued", count: dead });
    expect(await db.notification.count({ where: { status: "DEAD" } })).toBe(0);
    const again = await outboxPost({ intent: "retry-all" });
    expect(again.body).toEqual({ ok: true, outcome: "none-set-aside" });
  });

  it("answers a malformed retry with 400", async () => {
    expect((await outboxPost({ intent: "retry" })).status).toBe(400);
    expect((await outboxPost({ intent: "purge" })).status).toBe(400);
  });
});

describe("the admin index", () => {
  it("counts policies, calendars, set-aside mails and recorded setting changes", async () => {
    await deadMail("index-count");
    const changes = await db.auditEvent.count();
    expect(changes).toBeGreaterThan(0);
    const answer = await call(indexRoute.loader, getRequest("/admin", admin));
    expect(answer.status).toBe(200);
    const people = {
      active: await db.user.count({ where: { active: true } }),
      teams: await db.team.count(),
    };
    expect(answer.body).toEqual({
      policies: 1,
      calendars: 2,
      setAside: 1,
      changes,
      people,
      tokens: 0, // active API tokens (integrations)
      hooksSetAside: 0, // set-aside webhook events (webhooks)
    });
  });
});

describe("who may use the admin pages", () => {
  const people = ["employeeA", "managerA", "hr", "leadership"] as const;

  it.each(people)("answers 404 to every admin loader and action for %s", async (who) => {
    const cookie = await loginCookie(org[who].email);
    const calendarId = await defaultCalendarId();
    const mail = await deadMail(`refused-${who}`);
    const targetsBefore = await db.deadlineTarget.findMany();
    const calendarBefore = await db.businessCalendar.findUniqueOrThrow({
      where: { id: calendarId },
    });
    const calendarsBefore = await db.businessCalendar.count();
    const holidaysBefore = await db.holiday.count();
    const auditBefore = await db.auditEvent.count();

    const loaders: Answer[] = [
      await call(indexRoute.loader, getRequest("/admin", cookie)),
      await call(deadlinesRoute.loader, getRequest("/admin/deadlines", cookie)),
      await call(calendarRoute.loader, getRequest(`/admin/calendars/${calendarId}`, cookie), {
        id: calendarId,
      }),
      await call(outboxRoute.loader, getRequest("/admin/outbox", cookie)),
    ];
    const actions: Answer[] = [
      await saveDeadlines(policyForm(calendarId, {}, "7"), { cookie }),
      await saveDeadlines({ intent: "new-calendar", name: `By ${who}` }, { cookie }),
      await calendarPost(
        calendarId,
        {
          intent: "save",
          name: "Hijacked",
          timeZone: "UTC",
          workingDays: ["6"],
          dayStart: "00:00",
          dayEnd: "01:00",
        },
        { cookie },
      ),
      await calendarPost(
        calendarId,
        { intent: "add-holiday", date: "2027-01-01", name: "Nope" },
        { cookie },
      ),
      await outboxPost({ intent: "retry", id: mail.id }, { cookie }),
      await outboxPost({ intent: "retry-all" }, { cookie }),
    ];
    for (const answer of [...loaders, ...actions]) expect(answer.status).toBe(404);
    // The same answer as for a page that does not exist.
    const missing = await call(calendarRoute.loader, getRequest("/admin/calendars/nope", admin), {
      id: "nope",
    });
    expect(loaders[0].body).toEqual(missing.body);

    expect(await db.deadlineTarget.findMany()).toEqual(targetsBefore);
    expect(await db.businessCalendar.findUniqueOrThrow({ where: { id: calendarId } })).toEqual(
      calendarBefore,
    );
    expect(await db.businessCalendar.count()).toBe(calendarsBefore);
    expect(await db.holiday.count()).toBe(holidaysBefore);
    expect((await db.notification.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe(
      "DEAD",
    );
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("sends an anonymous visitor to sign in and refuses an anonymous POST", async () => {
    const page = await call(deadlinesRoute.loader, getRequest("/admin/deadlines"));
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/login\?redirectTo=%2Fadmin%2Fdeadlines/);
    const post = await call(
      outboxRoute.action,
      postRequest("/admin/outbox", { intent: "retry-all" }),
    );
    expect(post.status).toBe(401);
  });

  it("refuses an admin's POST from another origin with 403 and changes nothing", async () => {
    const origin = "https://evil.example";
    const calendarId = await defaultCalendarId();
    const mail = await deadMail("foreign-origin");
    const targetsBefore = await db.deadlineTarget.findMany();
    const holidaysBefore = await db.holiday.count();

    const answers = [
      await saveDeadlines(policyForm(calendarId, {}, "9"), { origin }),
      await calendarPost(
        calendarId,
        { intent: "add-holiday", date: "2027-01-01", name: "Forged" },
        { origin },
      ),
      await outboxPost({ intent: "retry", id: mail.id }, { origin }),
    ];
    for (const answer of answers) expect(answer.status).toBe(403);
    expect(await db.deadlineTarget.findMany()).toEqual(targetsBefore);
    expect(await db.holiday.count()).toBe(holidaysBefore);
    expect((await db.notification.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe(
      "DEAD",
    );
  });
});

it("keeps DEFAULT_TARGETS as the fallback for a target missing from the stored policy", async () => {
  const policyId = (await db.deadlinePolicy.findFirstOrThrow({ where: { isDefault: true } })).id;
  await db.deadlineTarget.delete({
    where: { policyId_severity_kind: { policyId, severity: "LOW", kind: "ACKNOWLEDGE" } },
  });
  const answer = await call(deadlinesRoute.loader, getRequest("/admin/deadlines", admin));
  const body = answer.body as Awaited<ReturnType<typeof deadlinesRoute.loader>>;
  const builtIn = DEFAULT_TARGETS.find((t) => t.severity === "LOW" && t.kind === "ACKNOWLEDGE");
  expect(builtIn?.minutes).toBe(2 * 8 * 60);
  expect(body.targets.LOW.ACKNOWLEDGE).toMatchObject({ amount: "2", unit: "BUSINESS_DAYS" });
});
