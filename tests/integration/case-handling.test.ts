import { beforeAll, describe, expect, it } from "vitest";
import { verifyIncidentChain } from "~/models/case-event.server";
import { createIncident } from "~/models/incident.server";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as reportRoute from "~/routes/reports.$reference";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// What a handler does from the case page, and the clocks each action stops.

const { db, org } = await orgForThisFile();
let reference: string;
let incidentId: string;
let cookie: string;

beforeAll(async () => {
  const created = await createIncident(db, {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "VIDEO_CALL",
    severity: "HIGH",
    categories: ["INTIMIDATION"],
    narrative: "The customer's CTO mocked me in front of my team.",
    namedUserIds: [org.colleagueA.id],
  });
  reference = created.reference;
  incidentId = created.id;
  cookie = await loginCookie(org.managerA.email);
});

const act = (fields: Record<string, string>) =>
  call(caseRoute.action, postRequest(`/cases/${reference}`, fields, { cookie }), { reference });

const openClocks = async (kind: string) =>
  db.deadline.findMany({ where: { incidentId, kind, metAt: null }, orderBy: { sequence: "asc" } });

describe("handling a case", () => {
  it("sends an update: the reporter sees it, gets a mail without it, and the update clock restarts", async () => {
    const [before] = await openClocks("REPORTER_UPDATE");
    const answer = await act({
      intent: "update",
      text: "I have spoken to their account director.",
    });
    expect(answer.status).toBe(200);
    const open = await openClocks("REPORTER_UPDATE");
    expect(open).toHaveLength(1);
    expect(open[0].sequence).toBe(before.sequence + 1);
    const mail = await db.notification.findFirstOrThrow({
      where: { incidentId, template: "REPORTER_UPDATE" },
    });
    expect(mail.toEmail).toBe(org.employeeA.email);
    expect(mail.data).not.toContain("account director");

    const reporter = await loginCookie(org.employeeA.email);
    const page = await call(reportRoute.loader, getRequest(`/reports/${reference}`, reporter), {
      reference,
    });
    expect(JSON.stringify(page.body)).toContain("I have spoken to their account director.");
  });

  it("records a protective measure, which stops the first-protective-action clock", async () => {
    expect(await openClocks("FIRST_PROTECTIVE_ACTION")).toHaveLength(1);
    const answer = await act({ intent: "protect", measure: "MANAGER_JOINS_CALLS" });
    expect(answer.status).toBe(200);
    expect(await openClocks("FIRST_PROTECTIVE_ACTION")).toHaveLength(0);
    const action = await db.action.findFirstOrThrow({ where: { incidentId } });
    expect([action.catalogue, action.type, action.ownerId]).toEqual([
      "PROTECTIVE",
      "MANAGER_JOINS_CALLS",
      org.managerA.id,
    ]);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe(
      "IN_PROGRESS",
    );
  });

  it("refuses bad input with a message for the field", async () => {
    const empty = await act({ intent: "update", text: "   " });
    expect(empty.status).toBe(400);
    expect((empty.body as { fieldErrors: Record<string, string[]> }).fieldErrors.text[0]).toMatch(
      /write the update/,
    );
    const unknown = await act({ intent: "protect", measure: "PUNISH_CUSTOMER" });
    expect(unknown.status).toBe(400);
    expect((await act({ intent: "explode" })).status).toBe(400);
  });

  it("reassigns with a reason, mails the new handler, and shows the reporter only who", async () => {
    const noReason = await act({ intent: "reassign", toUserId: org.managerB.id, reason: "" });
    expect(noReason.status).toBe(400);
    const answer = await act({
      intent: "reassign",
      toUserId: org.managerB.id,
      reason: "Mia is on a course this week",
    });
    expect(answer.status).toBe(200);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.assigneeId).toBe(org.managerB.id);
    const mails = await db.notification.findMany({
      where: { incidentId, toEmail: org.managerB.email },
    });
    expect(mails.map((m) => m.template)).toEqual(["NEW_REPORT_ASSIGNED"]);
    // Max can now open it; the reporter's timeline says who, not why.
    const max = await loginCookie(org.managerB.email);
    expect(
      (await call(caseRoute.loader, getRequest(`/cases/${reference}`, max), { reference })).status,
    ).toBe(200);
    const reporter = await loginCookie(org.employeeA.email);
    const page = await call(reportRoute.loader, getRequest(`/reports/${reference}`, reporter), {
      reference,
    });
    const text = JSON.stringify(page.body);
    expect(text).toContain(`Now handled by ${org.managerB.name}`);
    expect(text).not.toContain("on a course");
  });

  it("never hands a case to someone named in it or to the reporter", async () => {
    for (const toUserId of [org.colleagueA.id, org.employeeA.id, "nobody"]) {
      const answer = await act({ intent: "reassign", toUserId, reason: "test" });
      expect(answer.status).toBe(400);
    }
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).assigneeId).toBe(
      org.managerB.id,
    );
  });

  it("resolves with an outcome, which stops every clock", async () => {
    const answer = await act({ intent: "resolve", outcome: "SUBSTANTIATED" });
    expect(answer.status).toBe(200);
    expect(await db.deadline.count({ where: { incidentId, metAt: null } })).toBe(0);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect([incident.status, incident.outcome]).toEqual(["RESOLVED", "SUBSTANTIATED"]);
    const again = await act({ intent: "resolve", outcome: "WITHDRAWN" });
    expect((again.body as { message: string }).message).toMatch(/already/);
    expect((await verifyIncidentChain(db, incidentId)).ok).toBe(true);
  });
});

describe("the case page in the reader's language", () => {
  it("shows a Japanese reader Japanese timeline entries and answers, the stored events unchanged", async () => {
    const eventsBefore = await db.caseEvent.findMany({
      where: { incidentId },
      orderBy: { seq: "asc" },
      select: { hash: true },
    });
    await db.user.update({ where: { id: org.managerB.id }, data: { language: "ja" } });
    const ja = await loginCookie(org.managerB.email);
    const page = await call(caseRoute.loader, getRequest(`/cases/${reference}`, ja), { reference });
    const summaries = (page.body as { timeline: { summary: string }[] }).timeline.map(
      (e) => e.summary,
    );
    expect(summaries[0]).toBe("報告が提出されました（深刻度: 高、ビデオ通話）");
    expect(summaries).toContain(
      `担当者が変わりました: ${org.managerB.name}（理由: Mia is on a course this week）`,
    );

    // Answers and field messages come back in Japanese too (the case is resolved by now).
    const refused = await call(
      caseRoute.action,
      postRequest(
        `/cases/${reference}`,
        { intent: "protect", measure: "TIME_OFF" },
        { cookie: ja },
      ),
      { reference },
    );
    expect(refused.status).toBe(409);
    expect((refused.body as { message: string }).message).toBe(
      "この案件は解決済みです。変更するには先に再開してください。",
    );
    const empty = await call(
      caseRoute.action,
      postRequest(`/cases/${reference}`, { intent: "note", text: " " }, { cookie: ja }),
      { reference },
    );
    expect(empty.status).toBe(400);
    expect((empty.body as { fieldErrors: Record<string, string[]> }).fieldErrors.text).toEqual([
      "メモを入力してください。",
    ]);

    // The reporter reads Spanish, without the reason for the reassignment.
    await db.user.update({ where: { id: org.employeeA.id }, data: { language: "es" } });
    const reporter = await loginCookie(org.employeeA.email);
    const report = await call(reportRoute.loader, getRequest(`/reports/${reference}`, reporter), {
      reference,
    });
    const text = JSON.stringify(report.body);
    expect(text).toContain(`Ahora lo gestiona ${org.managerB.name}`);
    expect(text).not.toContain("on a course");

    // Only the words changed: the chain holds the same events (the page view adds one).
    const eventsAfter = await db.caseEvent.findMany({
      where: { incidentId },
      orderBy: { seq: "asc" },
      select: { hash: true },
    });
    expect(eventsAfter.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    expect((await verifyIncidentChain(db, incidentId)).ok).toBe(true);
    await db.user.updateMany({
      where: { id: { in: [org.managerB.id, org.employeeA.id] } },
      data: { language: "en" },
    });
  });
});
