import { beforeAll, describe, expect, it } from "vitest";
import { verifyIncidentChain } from "~/models/case-event.server";
import { createIncident } from "~/models/incident.server";
import { reviewDecision } from "~/models/decision.server";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as reportRoute from "~/routes/reports.$reference";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Issue 5 on the case page: assess before figures, private notes, the sanctions ladder, account
// decisions, reopening, and every view on the chain.

const { db, org } = await orgForThisFile("ca");
let reference: string;
let incidentId: string;
let cookie: string;

beforeAll(async () => {
  await db.customerAccount.update({
    where: { id: org.account.id },
    data: { ownerId: org.headOf.id, contractValueMinor: 345_678_00n },
  });
  const created = await createIncident(db, {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "PHONE",
    severity: "MEDIUM",
    categories: ["VERBAL_ABUSE"],
    narrative: "Yelled at me about the invoice.",
  });
  reference = created.reference;
  incidentId = created.id;
  cookie = await loginCookie(org.managerA.email);
});

const act = (fields: Record<string, string | string[]>) =>
  call(caseRoute.action, postRequest(`/cases/${reference}`, fields, { cookie }), { reference });
const page = async () =>
  call(caseRoute.loader, getRequest(`/cases/${reference}`, cookie), { reference });
const reporterPage = async () =>
  call(
    reportRoute.loader,
    getRequest(`/reports/${reference}`, await loginCookie(org.employeeA.email)),
    { reference },
  );

describe("the case page", () => {
  it("shows no commercial figure until the harm is assessed, then shows them", async () => {
    const before = await page();
    expect(before.status).toBe(200);
    const text = JSON.stringify(before.body);
    expect(text).not.toContain("1,200,000");
    expect(text).not.toContain("345,678");
    expect((before.body as { figures: unknown }).figures).toBeNull();

    const bad = await act({ intent: "assess", severity: "HIGH" });
    expect(bad.status).toBe(400);
    const ok = await act({
      intent: "assess",
      severity: "HIGH",
      categories: ["THREATS", "VERBAL_ABUSE"],
    });
    expect(ok.status).toBe(200);
    const incident = await db.incident.findUniqueOrThrow({
      where: { id: incidentId },
      include: { categories: true },
    });
    expect(incident.assessedSeverity).toBe("HIGH");
    expect(incident.categories.map((c) => c.category).sort()).toEqual(["THREATS", "VERBAL_ABUSE"]);
    const after = JSON.stringify((await page()).body);
    expect(after).toContain("1,200,000");
    expect(after).toContain("345,678");
    expect((await page()).body).toMatchObject({ figures: { lastDecision: null } });

    // A decision taken on the account itself (not on this case) shows by kind and date only.
    await db.decision.create({
      data: {
        accountId: org.account.id,
        decision: "CONDITIONS",
        rationale: "Private reasoning of leadership",
        decidedById: org.leadership.id,
        approverId: org.hr.id,
        employeesConsulted: true,
      },
    });
    const withDecision = await page();
    expect(withDecision.body).toMatchObject({
      figures: { lastDecision: { decision: "CONDITIONS" } },
    });
    expect(JSON.stringify(withDecision.body)).not.toContain("Private reasoning of leadership");
    await db.decision.deleteMany({ where: { accountId: org.account.id, incidentId: null } });
  });

  it("logs every view on the hash chain, folded out of the timeline", async () => {
    const views = await db.caseEvent.count({ where: { incidentId, type: "VIEWED" } });
    const answer = await page();
    expect(await db.caseEvent.count({ where: { incidentId, type: "VIEWED" } })).toBe(views + 1);
    const body = answer.body as { timeline: { type: string }[]; views: unknown[] };
    expect(body.timeline.some((t) => t.type === "VIEWED")).toBe(false);
    expect(body.views).toHaveLength(views + 1);
  });

  it("keeps private notes from the reporter", async () => {
    expect((await act({ intent: "note", text: "Spoke to their CFO, very defensive" })).status).toBe(
      200,
    );
    expect(JSON.stringify((await page()).body)).toContain("very defensive");
    expect(JSON.stringify((await reporterPage()).body)).not.toContain("very defensive");
  });

  it("records steps of the sanctions ladder with owner and due date; no action needs a reason", async () => {
    const warn = await act({
      intent: "sanction",
      sanction: "WRITTEN_WARNING",
      ownerId: org.hr.id,
      dueAt: "2030-01-31",
    });
    expect(warn.status).toBe(200);
    const action = await db.action.findFirstOrThrow({
      where: { incidentId, type: "WRITTEN_WARNING" },
    });
    expect([action.catalogue, action.ownerId, action.accountId, action.status]).toEqual([
      "SANCTION",
      org.hr.id,
      org.account.id,
      "PLANNED",
    ]);
    expect(action.dueAt?.toISOString().slice(0, 10)).toBe("2030-01-31");

    const noReason = await act({ intent: "sanction", sanction: "NO_ACTION" });
    expect(noReason.status).toBe(400);
    const withReason = await act({
      intent: "sanction",
      sanction: "NO_ACTION",
      reason: "Reporter asked us not to",
    });
    expect(withReason.status).toBe(200);
    expect(
      await db.action.count({ where: { incidentId, type: "NO_ACTION", reason: { not: null } } }),
    ).toBe(1);

    expect(
      (await act({ intent: "sanction", sanction: "WRITTEN_WARNING", ownerId: org.employeeA.id }))
        .status,
    ).toBe(400);
    const done = await act({
      intent: "action-status",
      actionId: action.id,
      status: "DONE",
      outcome: "Apology received",
    });
    expect(done.status).toBe(200);
    expect((await db.action.findUniqueOrThrow({ where: { id: action.id } })).outcome).toBe(
      "Apology received",
    );
    expect(JSON.stringify((await reporterPage()).body)).not.toContain("Written warning");
    // Without the due date field the date stays as it was.
    expect((await db.action.findUniqueOrThrow({ where: { id: action.id } })).dueAt).not.toBeNull();
  });

  it("hands an action to another owner and due date, on the timeline", async () => {
    const action = await db.action.findFirstOrThrow({
      where: { incidentId, type: "WRITTEN_WARNING" },
    });
    const badDate = await act({
      intent: "action-status",
      actionId: action.id,
      status: "IN_PROGRESS",
      dueAt: "31/01/2030",
    });
    expect(badDate.status).toBe(400);
    // The error is for this action's row, with what was typed.
    expect(badDate.body).toMatchObject({
      intent: "action-status",
      actionId: action.id,
      fieldErrors: { dueAt: ["Please give a date like 2026-12-31."] },
      values: { dueAt: "31/01/2030" },
    });
    const notAnOwner = await act({
      intent: "action-status",
      actionId: action.id,
      status: "IN_PROGRESS",
      ownerId: org.employeeB.id,
    });
    expect(notAnOwner.status).toBe(400);

    const moved = await act({
      intent: "action-status",
      actionId: action.id,
      status: "IN_PROGRESS",
      ownerId: org.managerA.id,
      dueAt: "2030-02-14",
    });
    expect(moved.status).toBe(200);
    const after = await db.action.findUniqueOrThrow({ where: { id: action.id } });
    expect([after.ownerId, after.status, after.dueAt?.toISOString().slice(0, 10)]).toEqual([
      org.managerA.id,
      "IN_PROGRESS",
      "2030-02-14",
    ]);
    expect(JSON.stringify((await page()).body)).toContain(
      `owner now ${org.managerA.name}; due 2030-02-14`,
    );

    expect(
      (
        await act({
          intent: "action-status",
          actionId: action.id,
          status: "IN_PROGRESS",
          dueAt: "",
        })
      ).status,
    ).toBe(200);
    expect((await db.action.findUniqueOrThrow({ where: { id: action.id } })).dueAt).toBeNull();
    expect(JSON.stringify((await page()).body)).toContain("; no due date");
  });

  it("sends the reporter a message from the case page", async () => {
    expect((await act({ intent: "message", body: " " })).status).toBe(400);
    expect((await act({ intent: "message", body: "Can we talk at 3 pm?" })).status).toBe(200);
    expect(JSON.stringify((await page()).body)).toContain("Can we talk at 3 pm?");
    expect(JSON.stringify((await reporterPage()).body)).toContain("Can we talk at 3 pm?");
  });

  it("records a decision approved by someone other than the decider and the account owner", async () => {
    await db.customerAccount.update({ where: { id: org.account.id }, data: { needsReview: true } });
    const byOwner = await act({
      intent: "decide",
      decision: "CONDITIONS",
      rationale: "Second incident",
      approverId: org.headOf.id,
      consulted: "yes",
    });
    expect(byOwner.status).toBe(400);
    const bySelf = await act({
      intent: "decide",
      decision: "CONDITIONS",
      rationale: "Second incident",
      approverId: org.managerA.id,
      consulted: "yes",
    });
    expect(bySelf.status).toBe(400);
    const ok = await act({
      intent: "decide",
      decision: "CONDITIONS",
      rationale: "Second incident",
      approverId: org.hr.id,
      consulted: "yes",
    });
    expect(ok.status).toBe(200);
    // A proposal until HR approves it (decision 055): the account is unchanged so far.
    const proposed = await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
    expect(proposed.needsReview).toBe(true);
    const decision = await db.decision.findFirstOrThrow({ where: { incidentId } });
    await reviewDecision(db, {
      decisionId: decision.id,
      actorId: org.hr.id,
      approve: true,
      comment: "",
    });
    const account = await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
    expect(account.conductStatus).toBe("CONDITIONS");
    expect(account.needsReview).toBe(false);
    expect([decision.decision, decision.approverId, decision.employeesConsulted]).toEqual([
      "CONDITIONS",
      org.hr.id,
      true,
    ]);
    expect(await db.caseEvent.count({ where: { incidentId, type: "DECISION" } })).toBe(1);

    await act({
      intent: "decide",
      decision: "SUSPEND",
      rationale: "Threats continued",
      approverId: org.hr.id,
      consulted: "no",
    });
    await reviewDecision(db, {
      decisionId: (
        await db.decision.findFirstOrThrow({ where: { incidentId, status: "PROPOSED" } })
      ).id,
      actorId: org.hr.id,
      approve: true,
      comment: "",
    });
    expect(
      (await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } })).conductStatus,
    ).toBe("SUSPENDED");
  });

  it("resolves with an outcome and reopens with a reason", async () => {
    expect((await act({ intent: "resolve", outcome: "PARTLY_SUBSTANTIATED" })).status).toBe(200);
    expect((await act({ intent: "reopen", reason: "" })).status).toBe(400);
    expect((await act({ intent: "reopen", reason: "New recording arrived" })).status).toBe(200);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect([incident.status, incident.outcome]).toEqual(["IN_PROGRESS", null]);
    // Back on the clock: a fresh update window and a fresh resolution window.
    const open = await db.deadline.findMany({ where: { incidentId, metAt: null } });
    expect(open.map((d) => d.kind).sort()).toEqual(["REPORTER_UPDATE", "RESOLVE"]);
    for (const d of open) expect(d.sequence).toBeGreaterThan(0);
    const reporterText = JSON.stringify((await reporterPage()).body);
    expect(reporterText).toContain("Reopened");
    expect(reporterText).not.toContain("New recording arrived");
    expect((await verifyIncidentChain(db, incidentId)).ok).toBe(true);
  });
});
