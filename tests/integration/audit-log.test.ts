import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, TEMPLATE_EXAMPLE } from "~/domain/account-import";
import { NEW_DEFAULT_CALENDAR, policyFormDefaults } from "~/domain/calendar-form";
import { DEADLINE_KINDS, SEVERITIES } from "~/domain/vocabulary";
import * as contactRoute from "~/routes/accounts.$id_.contacts.$contactId";
import * as editRoute from "~/routes/accounts.$id_.edit";
import * as importRoute from "~/routes/accounts.import";
import * as auditRoute from "~/routes/admin.audit";
import * as calendarRoute from "~/routes/admin.calendars.$id";
import * as deadlinesRoute from "~/routes/admin.deadlines";
import * as outboxRoute from "~/routes/admin.outbox";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// The settings history: every settings change writes one AuditEvent in its own transaction
// (who, when, from what to what); a refused change writes none; only HR and admins read it.

const { db, org } = await orgForThisFile("aud");
const admin = await loginCookie(org.admin.email);
const hr = await loginCookie(org.hr.email);

type Fields = Record<string, string | string[]>;

/** Every target at its built-in default (as the form shows it), with overrides. */
function policyForm(calendarId: string, overrides: Fields = {}): Fields {
  const defaults = policyFormDefaults([]);
  const fields: Fields = { intent: "save-policy", calendarId };
  for (const s of SEVERITIES) {
    for (const k of DEADLINE_KINDS) {
      fields[`targets.${s}.${k}.amount`] = defaults[s][k].amount;
      fields[`targets.${s}.${k}.unit`] = defaults[s][k].unit;
    }
  }
  return { ...fields, ...overrides };
}

const saveDeadlines = (fields: Fields, cookie = admin) =>
  call(deadlinesRoute.action, postRequest("/admin/deadlines", fields, { cookie }));

const calendarPost = (id: string, fields: Fields) =>
  call(calendarRoute.action, postRequest(`/admin/calendars/${id}`, fields, { cookie: admin }), {
    id,
  });

const accountForm = (over: Fields = {}): Fields => ({
  name: "aud Globex Ltd",
  segment: "ENTERPRISE",
  ownerId: "",
  arr: "1200000.00",
  contractValue: "0",
  currency: "USD",
  contractStart: "",
  contractEnd: "",
  renewalDate: "",
  noticeDate: "",
  paymentStatus: "CURRENT",
  daysOverdue: "0",
  conductStatus: "GOOD",
  confirmed: "on",
  ...over,
});

const editAccount = (fields: Fields, cookie = hr) =>
  call(editRoute.action, postRequest(`/accounts/${org.account.id}/edit`, fields, { cookie }), {
    id: org.account.id,
  });

async function eventsOf(action: string) {
  return db.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });
}

const dataOf = (e: { data: string }) => JSON.parse(e.data) as Record<string, unknown>;

type AuditPage = Awaited<ReturnType<typeof auditRoute.loader>>;

describe("the deadline policy", () => {
  it("records one event with only the changed targets and the admin who saved", async () => {
    const before = await db.auditEvent.count();
    const answer = await saveDeadlines(
      policyForm(NEW_DEFAULT_CALENDAR, {
        "targets.CRITICAL.ACKNOWLEDGE.amount": "2",
        "targets.LOW.RESOLVE.amount": "45",
      }),
    );
    expect(answer.status).toBe(302);
    expect(await db.auditEvent.count()).toBe(before + 1);
    const [event] = await eventsOf("DEADLINE_POLICY_SAVED");
    const policy = await db.deadlinePolicy.findFirstOrThrow({ where: { isDefault: true } });
    expect(event).toMatchObject({
      actorId: org.admin.id,
      subjectType: "DEADLINE_POLICY",
      subjectId: policy.id,
    });
    expect(Math.abs(event.at.getTime() - Date.now())).toBeLessThan(60_000);
    // Against the built-in targets that were in force: two targets, and the new calendar.
    expect(dataOf(event)).toEqual({
      // Critical clocks run around the clock (decision 057).
      "CRITICAL.ACKNOWLEDGE": {
        from: { businessHours: false, minutes: 60 },
        to: { businessHours: false, minutes: 120 },
      },
      "LOW.RESOLVE": {
        from: { businessHours: false, minutes: 30 * 24 * 60 },
        to: { businessHours: false, minutes: 45 * 24 * 60 },
      },
      calendar: { from: null, to: "UK office" },
    });
  });

  it("records the next save against what was saved, and a save that changes nothing not at all", async () => {
    const calendarId = (await db.deadlinePolicy.findFirstOrThrow({ where: { isDefault: true } }))
      .calendarId;
    const same = policyForm(calendarId, {
      "targets.CRITICAL.ACKNOWLEDGE.amount": "2",
      "targets.LOW.RESOLVE.amount": "45",
    });
    expect((await saveDeadlines(same)).status).toBe(302);
    expect(await eventsOf("DEADLINE_POLICY_SAVED")).toHaveLength(1);

    expect((await saveDeadlines({ ...same, "targets.HIGH.ACKNOWLEDGE.amount": "6" })).status).toBe(
      302,
    );
    const events = await eventsOf("DEADLINE_POLICY_SAVED");
    expect(events).toHaveLength(2);
    expect(dataOf(events[1])).toEqual({
      "HIGH.ACKNOWLEDGE": {
        from: { businessHours: true, minutes: 240 },
        to: { businessHours: true, minutes: 360 },
      },
    });
  });

  it("writes nothing when the form is refused with 400", async () => {
    const before = await db.auditEvent.count();
    const calendarId = (await db.deadlinePolicy.findFirstOrThrow({ where: { isDefault: true } }))
      .calendarId;
    const bad = await saveDeadlines(
      policyForm(calendarId, { "targets.CRITICAL.ACKNOWLEDGE.amount": "soon" }),
    );
    expect(bad.status).toBe(400);
    const unknownCalendar = await saveDeadlines(policyForm("no-such-calendar"));
    expect(unknownCalendar.status).toBe(400);
    expect(await db.auditEvent.count()).toBe(before);
  });
});

describe("business calendars", () => {
  it("records creation, changes and holidays; a clashing name records nothing", async () => {
    const created = await saveDeadlines({ intent: "new-calendar", name: "aud US office" });
    expect(created.status).toBe(302);
    const calendar = await db.businessCalendar.findUniqueOrThrow({
      where: { name: "aud US office" },
    });
    const id = calendar.id;
    const details = {
      intent: "save",
      name: "aud US office",
      timeZone: "America/New_York",
      workingDays: ["1", "2", "3", "4", "5"],
      dayStart: "08:00",
      dayEnd: "17:00",
    };
    expect((await calendarPost(id, details)).status).toBe(302);
    const before = await db.auditEvent.count();
    const clash = await calendarPost(id, { ...details, name: "UK office" });
    expect(clash.status).toBe(400);
    expect(await db.auditEvent.count()).toBe(before);

    expect(
      (await calendarPost(id, { intent: "add-holiday", date: "2026-11-26", name: "Thanksgiving" }))
        .status,
    ).toBe(200);
    const holiday = await db.holiday.findFirstOrThrow({ where: { calendarId: id } });
    expect(
      (await calendarPost(id, { intent: "remove-holiday", holidayId: holiday.id })).status,
    ).toBe(200);

    const rows = await db.auditEvent.findMany({
      where: { subjectType: "CALENDAR", subjectId: id },
      orderBy: { at: "asc" },
    });
    expect(rows.map((r) => r.action)).toEqual([
      "CALENDAR_CREATED",
      "CALENDAR_UPDATED",
      "HOLIDAY_ADDED",
      "HOLIDAY_REMOVED",
    ]);
    expect(rows.every((r) => r.actorId === org.admin.id)).toBe(true);
    expect(dataOf(rows[1])).toEqual({
      timeZone: { from: "Europe/London", to: "America/New_York" },
      dayStart: { from: "09:00", to: "08:00" },
    });
    expect(dataOf(rows[3])).toEqual({ date: "2026-11-26", name: "Thanksgiving" });
  });

  it("deletes a calendar no policy uses, with a note; refuses one in use", async () => {
    const used = await db.businessCalendar.findUniqueOrThrow({ where: { name: "UK office" } });
    expect((await db.deadlinePolicy.count({ where: { calendarId: used.id } })) > 0).toBe(true);
    const before = await db.auditEvent.count();
    const refused = await calendarPost(used.id, { intent: "delete" });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("A deadline policy uses this calendar");
    expect(await db.businessCalendar.count({ where: { id: used.id } })).toBe(1);
    expect(await db.auditEvent.count()).toBe(before);

    expect((await saveDeadlines({ intent: "new-calendar", name: "aud spare" })).status).toBe(302);
    const spare = await db.businessCalendar.findUniqueOrThrow({ where: { name: "aud spare" } });
    await db.holiday.create({
      data: { calendarId: spare.id, date: "2026-12-25", name: "Christmas Day" },
    });
    const deleted = await calendarPost(spare.id, { intent: "delete" });
    expect([deleted.status, deleted.location]).toEqual([302, "/admin/deadlines"]);
    expect(await db.businessCalendar.count({ where: { id: spare.id } })).toBe(0);
    expect(await db.holiday.count({ where: { calendarId: spare.id } })).toBe(0);
    const [note] = await db.auditEvent.findMany({
      where: { action: "CALENDAR_DELETED", subjectId: spare.id },
    });
    expect([note.actorId, dataOf(note)]).toEqual([org.admin.id, { name: "aud spare" }]);
    expect((await calendarPost(spare.id, { intent: "delete" })).status).toBe(404);
  });
});

describe("customer accounts, contacts and imports", () => {
  it("records the ARR's from and to (exact minor units) and who changed it", async () => {
    expect((await editAccount(accountForm({ arr: "1500000.25" }))).status).toBe(302);
    const [event] = await eventsOf("ACCOUNT_UPDATED");
    expect(event).toMatchObject({
      actorId: org.hr.id,
      subjectType: "ACCOUNT",
      subjectId: org.account.id,
    });
    expect(dataOf(event)).toEqual({ arrMinor: { from: "120000000", to: "150000025" } });
  });

  it("writes nothing when the edit is refused with 400", async () => {
    const before = await db.auditEvent.count();
    const bad = await editAccount(accountForm({ arr: "-5", conductStatus: "SUSPENDED" }));
    expect(bad.status).toBe(400);
    expect(await db.auditEvent.count()).toBe(before);
    expect(
      (await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } })).conductStatus,
    ).toBe("GOOD");
  });

  it("records a contact confirmed, corrected and added", async () => {
    await db.customerContact.update({
      where: { id: org.contact.id },
      data: { needsConfirmation: true },
    });
    const path = `/accounts/${org.account.id}/contacts/${org.contact.id}`;
    const params = { id: org.account.id, contactId: org.contact.id };
    const confirm = await call(
      contactRoute.action,
      postRequest(path, { name: "Pat Shouter" }, { cookie: hr }),
      params,
    );
    expect(confirm.status).toBe(302);
    const corrected = await call(
      contactRoute.action,
      postRequest(path, { name: "Pat Shouter", email: "pat@globex.example" }, { cookie: hr }),
      params,
    );
    expect(corrected.status).toBe(302);
    const added = await call(
      contactRoute.action,
      postRequest(
        `/accounts/${org.account.id}/contacts/new`,
        { name: "Quinn Calm" },
        { cookie: admin },
      ),
      { id: org.account.id, contactId: "new" },
    );
    expect(added.status).toBe(302);

    const updates = await eventsOf("CONTACT_UPDATED");
    expect(updates.map(dataOf)).toEqual([
      { needsConfirmation: { from: true, to: false } },
      { email: { from: null, to: "pat@globex.example" } },
    ]);
    const [add] = await eventsOf("CONTACT_ADDED");
    const quinn = await db.customerContact.findFirstOrThrow({ where: { name: "Quinn Calm" } });
    expect(add).toMatchObject({
      actorId: org.admin.id,
      subjectType: "CONTACT",
      subjectId: quinn.id,
    });
  });

  it("records one event per CRM import with its counts", async () => {
    const csv = stringify(
      [
        { ...TEMPLATE_EXAMPLE, crm_id: "AUD-NEW-1", owner_email: "" },
        { ...TEMPLATE_EXAMPLE, crm_id: "AUD-NEW-2", owner_email: "" },
        { ...TEMPLATE_EXAMPLE, crm_id: "aud-CRM-1", name: "aud Globex Ltd", owner_email: "" },
        { ...TEMPLATE_EXAMPLE, crm_id: "AUD-BAD", arr: "lots", owner_email: "" },
      ],
      { header: true, columns: [...IMPORT_COLUMNS] },
    );
    const answer = await call(
      importRoute.action,
      postRequest("/accounts/import", { intent: "confirm", csv }, { cookie: admin }),
    );
    expect(answer.status).toBe(200);
    const events = await eventsOf("ACCOUNTS_IMPORTED");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: org.admin.id, subjectType: "ACCOUNT_IMPORT" });
    expect(dataOf(events[0])).toEqual({ created: 2, updated: 1, rejected: 1 });
  });
});

describe("set-aside mail", () => {
  it("records a retry once, even when asked twice, and retry-all with its count", async () => {
    const dead = (key: string) =>
      db.notification.create({
        data: {
          idempotencyKey: key,
          toEmail: `${key}@test.example`,
          template: "X",
          status: "DEAD",
        },
      });
    const one = await dead("aud-one");
    await dead("aud-two");
    await dead("aud-three");
    const post = (fields: Fields) =>
      call(outboxRoute.action, postRequest("/admin/outbox", fields, { cookie: admin }));
    await post({ intent: "retry", id: one.id });
    await post({ intent: "retry", id: one.id });
    await post({ intent: "retry-all" });
    await post({ intent: "retry-all" }); // nothing left: nothing recorded
    const events = await eventsOf("MAIL_RETRIED");
    expect(events.map((e) => [e.subjectId, dataOf(e)])).toEqual([
      [one.id, { count: 1 }],
      [null, { count: 2 }],
    ]);
  });
});

describe("the settings history page", () => {
  it("answers 404 to employees, managers and leadership", async () => {
    for (const person of [org.employeeA, org.managerA, org.headOf, org.leadership]) {
      const cookie = await loginCookie(person.email);
      const answer = await call(auditRoute.loader, getRequest("/admin/audit", cookie));
      expect(answer.status).toBe(404);
    }
  });

  it("lists the changes newest first in plain words for admins and HR", async () => {
    const total = await db.auditEvent.count();
    for (const cookie of [admin, hr]) {
      const answer = await call(auditRoute.loader, getRequest("/admin/audit", cookie));
      expect(answer.status).toBe(200);
      const page = answer.body as AuditPage;
      expect(page.total).toBe(total);
      expect(page.first).toBe(1);
      const times = page.rows.map((r) => r.at);
      expect([...times].sort().reverse()).toEqual(times);
      const arr = page.rows.find((r) => r.what.startsWith("Changed the account"));
      expect(arr).toMatchObject({
        who: "Hana HR",
        what: "Changed the account “aud Globex Ltd”: ARR: 1,200,000.00 → 1,500,000.25",
        link: { to: `/accounts/${org.account.id}` },
      });
      const policy = page.rows.find((r) =>
        r.what.includes("critical: 1 h round the clock → 2 h round the clock"),
      );
      expect(policy?.who).toBe("Ada Admin");
      // Calendar pages are for admins only, so HR gets no link to one.
      const calendar = page.rows.find((r) => r.what === "Created the calendar “aud US office”");
      expect(calendar).toBeDefined();
      expect(calendar?.link?.to.startsWith("/admin/calendars/") ?? false).toBe(cookie === admin);
    }
  });

  it("filters by subject and pages 100 at a time", async () => {
    const first = await db.auditEvent.findFirstOrThrow({ where: { action: "ACCOUNT_UPDATED" } });
    await db.auditEvent.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        at: new Date(Date.UTC(2020, 0, 1, 0, i)),
        actorId: org.hr.id,
        action: "ACCOUNT_UPDATED",
        subjectType: "ACCOUNT",
        subjectId: first.subjectId,
        data: JSON.stringify({ daysOverdue: { from: i, to: i + 1 } }),
      })),
    });
    const accounts = await db.auditEvent.count({ where: { subjectType: "ACCOUNT" } });
    const p1 = (await call(auditRoute.loader, getRequest("/admin/audit?subject=ACCOUNT", hr)))
      .body as AuditPage;
    expect([p1.total, p1.page, p1.pages, p1.first, p1.rows.length]).toEqual([
      accounts,
      1,
      2,
      1,
      100,
    ]);
    const p2 = (
      await call(auditRoute.loader, getRequest("/admin/audit?subject=ACCOUNT&page=2", hr))
    ).body as AuditPage;
    expect([p2.page, p2.first, p2.rows.length]).toEqual([2, 101, accounts - 100]);
    // The oldest entry comes last.
    expect(p2.rows.at(-1)?.what).toContain("days overdue: 0 → 1");
    // A page past the end shows the last one; an unknown subject shows everything.
    const past = (await call(auditRoute.loader, getRequest("/admin/audit?page=99", hr)))
      .body as AuditPage;
    expect(past.page).toBe(past.pages);
    const absurd = await call(
      auditRoute.loader,
      getRequest("/admin/audit?page=100000000000000000000000", hr),
    );
    expect(absurd.status).toBe(200);
    expect((absurd.body as AuditPage).page).toBe(past.pages);
    const all = (await call(auditRoute.loader, getRequest("/admin/audit?subject=nope", hr)))
      .body as AuditPage;
    expect(all.total).toBe(await db.auditEvent.count());
  });
});
