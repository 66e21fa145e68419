import { beforeAll, describe, expect, it } from "vitest";
import { verifyIncidentChain } from "~/models/case-event.server";
import { createIncident } from "~/models/incident.server";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as reportRoute from "~/routes/reports.$reference";
import { getDb, type Db } from "~/utils/db.server";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { createTestOrg, type TestOrg } from "../fixtures/org";

// What a handler does from the case page, and the clocks each action stops.

let db: Db;
let org: TestOrg;
let reference: string;
let incidentId: string;
let cookie: string;

beforeAll(async () => {
  db = await getDb();
  org = await createTestOrg(db);
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
