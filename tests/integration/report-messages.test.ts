import { beforeAll, describe, expect, it } from "vitest";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { appendCaseEvent, verifyIncidentChain } from "~/models/case-event.server";
import { listCaseMessages, postCaseMessage } from "~/models/case-message.server";
import { createIncident } from "~/models/incident.server";
import * as reportRoute from "~/routes/reports.$reference";
import * as myReportsRoute from "~/routes/reports._index";
import * as newReportRoute from "~/routes/reports.new";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// The reporter's side of a case: the full form (contacts, witnesses, support, new account),
// the two-way thread with mails that carry no text, and a view that never shows private
// notes or other people's reports.

const { db, org } = await orgForThisFile();
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
  return () => smtp.stop();
});

const base = () => ({
  submissionKey: crypto.randomUUID(), // the form carries one (rendered by the loader)
  accountId: org.account.id,
  occurredAt: "2026-11-20T10:15",
  timeZone: "Europe/London",
  channel: "VIDEO_CALL",
  severity: "MEDIUM",
  narrative: "Shouted at me in front of the whole project board.",
});

describe("the full report form", () => {
  it("files contact, witnesses, involved colleagues, categories and support requests", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(
      newReportRoute.action,
      postRequest(
        "/reports/new",
        {
          ...base(),
          contactId: org.contact.id,
          categories: ["VERBAL_ABUSE", "INTIMIDATION"],
          witnessIds: [org.colleagueA.id, org.employeeA.id],
          namedUserIds: [org.managerB.id],
          support: ["TIME_OFF", "MANAGER_ON_CALLS"],
          impact: "I could not sleep.",
        },
        { cookie },
      ),
    );
    expect(answer.status).toBe(302);
    const reference = answer.location!.split("/")[2].split("?")[0];
    const incident = await db.incident.findUniqueOrThrow({
      where: { reference },
      include: { contacts: true, witnesses: true, namedUsers: true, supportRequests: true },
    });
    expect(incident.contacts.map((c) => c.contactId)).toEqual([org.contact.id]);
    expect(incident.witnesses.map((w) => w.userId)).toEqual([org.colleagueA.id]); // not oneself
    expect(incident.namedUsers.map((n) => n.userId)).toEqual([org.managerB.id]);
    expect(incident.supportRequests.map((s) => s.kind).sort()).toEqual([
      "MANAGER_ON_CALLS",
      "TIME_OFF",
    ]);
  });

  it("creates a new account and contact inline, flagged for an admin to confirm", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(
      newReportRoute.action,
      postRequest(
        "/reports/new",
        {
          ...base(),
          accountId: "__new__",
          newAccountName: "Initech Holdings",
          contactId: "__new__",
          newContactName: "Bill Lumbergh",
        },
        { cookie },
      ),
    );
    expect(answer.status).toBe(302);
    const reference = answer.location!.split("/")[2].split("?")[0];
    const incident = await db.incident.findUniqueOrThrow({
      where: { reference },
      include: { account: true, contacts: { include: { contact: true } } },
    });
    expect(incident.account).toMatchObject({ name: "Initech Holdings", needsConfirmation: true });
    expect(incident.contacts.map((c) => [c.contact.name, c.contact.needsConfirmation])).toEqual([
      ["Bill Lumbergh", true],
    ]);
  });

  it("asks for the new account's name, and refuses another account's contact", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const noName = await call(
      newReportRoute.action,
      postRequest("/reports/new", { ...base(), accountId: "__new__" }, { cookie }),
    );
    expect(noName.status).toBe(400);
    expect((noName.body as { error: Record<string, string[]> }).error.newAccountName).toEqual([
      "Please give the new account's name.",
    ]);
    const other = await db.customerAccount.create({
      data: { crmId: "OTHER-1", name: "Other Co", segment: "SMB" },
    });
    const contact = await db.customerContact.create({ data: { accountId: other.id, name: "X" } });
    const wrong = await call(
      newReportRoute.action,
      postRequest("/reports/new", { ...base(), contactId: contact.id }, { cookie }),
    );
    expect(wrong.status).toBe(400);
  });
});

describe("messages between the reporter and the handler", () => {
  let reference = "";
  let incidentId = "";
  const SECRET = "the customer called me a liar again";

  beforeAll(async () => {
    const created = await createIncident(db, {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: new Date("2026-11-20T10:00:00Z"),
      channel: "PHONE",
      severity: "LOW",
      categories: [],
      narrative: "Rude on the phone.",
    });
    reference = created.reference;
    incidentId = created.id;
    await db.notification.updateMany({ data: { status: "SENT" } }); // only new mails below
  });

  it("lets the reporter write from their report page; the assignee is mailed without the text", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(
      reportRoute.action,
      postRequest(`/reports/${reference}`, { intent: "message", body: SECRET }, { cookie }),
      { reference },
    );
    expect(answer.status).toBe(200);
    const messages = await listCaseMessages(db, incidentId);
    expect(messages.map((m) => [m.authorId, m.body])).toEqual([[org.employeeA.id, SECRET]]);
    const mails = await db.notification.findMany({ where: { incidentId, status: "PENDING" } });
    expect(mails.map((m) => [m.toEmail, m.template])).toEqual([
      [org.managerA.email, "MESSAGE_RECEIVED"],
    ]);
    expect(mails[0].data).not.toContain("liar");
    const event = await db.caseEvent.findFirstOrThrow({ where: { incidentId, type: "MESSAGE" } });
    expect(event.visibleToReporter).toBe(true);
    expect(event.data).not.toContain("liar");
  });

  it("lets the handler answer; the reporter is mailed a link and no text", async () => {
    await postCaseMessage(db, {
      incidentId,
      authorId: org.managerA.id,
      body: "Thank you. I will call you at 3 pm about what he said.",
    });
    const mails = await db.notification.findMany({
      where: { incidentId, status: "PENDING" },
      orderBy: { createdAt: "asc" },
    });
    expect(mails.map((m) => m.toEmail)).toEqual([org.managerA.email, org.employeeA.email]);
    await deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL });
    const toReporter = smtp.messages.find((m) =>
      (m.to && "text" in m.to ? m.to.text : "").includes(org.employeeA.email),
    )!;
    expect(toReporter.text).toContain(`${TEST_APP_URL}/reports/${reference}`);
    for (const mail of smtp.messages) {
      for (const body of [mail.text ?? "", mail.html || ""]) {
        expect(body).not.toContain("liar");
        expect(body).not.toContain("3 pm");
      }
    }
    expect(await verifyIncidentChain(db, incidentId)).toMatchObject({ ok: true });
  });

  it("refuses an empty message with a field message, not a 500", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(
      reportRoute.action,
      postRequest(`/reports/${reference}`, { intent: "message", body: "   " }, { cookie }),
      { reference },
    );
    expect(answer.status).toBe(400);
  });

  it("answers 404 when someone writes to another person's report", async () => {
    for (const who of [org.employeeB, org.colleagueA, org.managerA]) {
      const cookie = await loginCookie(who.email);
      const answer = await call(
        reportRoute.action,
        postRequest(`/reports/${reference}`, { intent: "message", body: "hello" }, { cookie }),
        { reference },
      );
      expect(answer.status, who.email).toBe(404);
    }
    expect(await db.caseMessage.count({ where: { incidentId } })).toBe(2);
  });

  it("shows the reporter the thread and their timeline, never private notes or other reporters", async () => {
    await db.$transaction((tx) =>
      appendCaseEvent(tx, {
        incidentId,
        type: "NOTE",
        actorId: org.managerA.id,
        visibleToReporter: false,
        data: { text: "PRIVATE: check whether Ella Other had trouble with them too" },
      }),
    );
    // Another employee's report on the same account.
    await createIncident(db, {
      reporterId: org.employeeB.id,
      accountId: org.account.id,
      occurredAt: new Date("2026-11-19T10:00:00Z"),
      channel: "EMAIL",
      severity: "HIGH",
      categories: [],
      narrative: "Other reporter's narrative.",
    });
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(reportRoute.loader, getRequest(`/reports/${reference}`, cookie), {
      reference,
    });
    expect(answer.status).toBe(200);
    const body = answer.body as {
      messages: { body: string; authorName: string; mine: boolean }[];
      timeline: { type: string }[];
    };
    expect(body.messages.map((m) => [m.authorName, m.mine])).toEqual([
      [null, true],
      [org.managerA.name, false],
    ]);
    expect(body.timeline.map((t) => t.type)).not.toContain("NOTE");
    const json = JSON.stringify(answer.body);
    expect(json).not.toContain("PRIVATE");
    expect(json).not.toContain(org.employeeB.name);
    expect(json).not.toContain("Other reporter's narrative");

    const list = await call(myReportsRoute.loader, getRequest("/reports", cookie));
    const listJson = JSON.stringify(list.body);
    expect(listJson).toContain(reference);
    expect(listJson).not.toContain(org.employeeB.name);
  });
});
