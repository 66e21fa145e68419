import { beforeAll, describe, expect, it } from "vitest";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { recordAccountDecision, recordDecision } from "~/models/decision.server";
import { createIncident } from "~/models/incident.server";
import * as accountRoute from "~/routes/accounts.$id";
import * as approvalsRoute from "~/routes/approvals";
import * as homeRoute from "~/routes/_index";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// Issue 12, item 4: a decision on an account is a proposal until its named approver (leadership
// or HR, not the proposer, not the account's owner) approves it. Real database, real SMTP.

const { db, org } = await orgForThisFile("apv");
let incidentId: string;
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
  await db.customerAccount.update({
    where: { id: org.account.id },
    data: { ownerId: org.headOf.id, needsReview: true, conductStatus: "WATCH" },
  });
  const incident = await createIncident(db, {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date("2026-11-20T10:00:00Z"),
    channel: "PHONE",
    severity: "HIGH",
    categories: ["THREATS"],
    narrative: "He said he would wait for me outside the office.",
  });
  incidentId = incident.id;
  return () => smtp.stop();
});

const account = () => db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
const mailsTo = (email: string) =>
  smtp.messages.filter((m) => (m.to && "text" in m.to ? m.to.text : "").includes(email));
const deliver = () => deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL });
const answer = async (email: string, fields: Record<string, string>) =>
  call(
    approvalsRoute.action,
    postRequest("/approvals", fields, { cookie: await loginCookie(email) }),
  );

describe("decisions need the approver", () => {
  it("only lets leadership and HR approve, never the proposer or the account's owner", async () => {
    const propose = (approverId: string) =>
      recordDecision(db, {
        incidentId,
        actorId: org.managerA.id,
        decision: "END",
        rationale: "Threats of violence",
        approverId,
        employeesConsulted: true,
      });
    await expect(propose(org.managerB.id)).rejects.toThrow("from leadership or HR");
    await expect(propose(org.employeeA.id)).rejects.toThrow("choose an approver from the list");
    await expect(propose(org.managerA.id)).rejects.toThrow("someone other than you");
    await expect(propose(org.headOf.id)).rejects.toThrow("not be the account's owner");
    expect(await db.decision.count({ where: { accountId: org.account.id } })).toBe(0);
  });

  it("a manager's proposal to end the relationship changes nothing until the approver approves", async () => {
    const proposal = await recordDecision(db, {
      incidentId,
      actorId: org.managerA.id,
      decision: "END",
      rationale: "Threats of violence against our colleague",
      approverId: org.leadership.id,
      employeesConsulted: true,
    });
    expect(proposal.status).toBe("PROPOSED");
    expect(await account()).toMatchObject({ conductStatus: "WATCH", needsReview: true });

    // The approver is mailed, with a link and no rationale.
    await deliver();
    const asked = mailsTo(org.leadership.email);
    expect(asked).toHaveLength(1);
    expect(asked[0].subject).toContain("waiting for your approval");
    expect(asked[0].text).toContain(`${TEST_APP_URL}/approvals`);
    expect(asked[0].text).not.toContain("Threats of violence");

    // The home page and the approvals page show it to the approver only.
    const leadCookie = await loginCookie(org.leadership.email);
    const home = await call(homeRoute.loader, getRequest("/", leadCookie));
    expect(home.body).toMatchObject({ approvals: 1 });
    const page = await call(approvalsRoute.loader, getRequest("/approvals", leadCookie));
    expect(page.body).toMatchObject({ total: 1, pending: [{ id: proposal.id }] });
    const hrPage = await call(
      approvalsRoute.loader,
      getRequest("/approvals", await loginCookie(org.hr.email)),
    );
    expect(hrPage.body).toMatchObject({ total: 0 });

    // Someone else cannot answer it (404), and the manager cannot open the page at all.
    expect(
      (await answer(org.hr.email, { decisionId: proposal.id, answer: "approve" })).status,
    ).toBe(404);
    expect(
      (await answer(org.managerA.email, { decisionId: proposal.id, answer: "approve" })).status,
    ).toBe(404);
    expect(await account()).toMatchObject({ conductStatus: "WATCH", needsReview: true });

    const ok = await answer(org.leadership.email, {
      decisionId: proposal.id,
      answer: "approve",
      comment: "Agreed; tell the account owner today.",
    });
    expect(ok.status).toBe(200);
    expect(await account()).toMatchObject({ conductStatus: "TERMINATED", needsReview: false });
    const row = await db.decision.findUniqueOrThrow({ where: { id: proposal.id } });
    expect(row).toMatchObject({
      status: "APPROVED",
      reviewComment: "Agreed; tell the account owner today.",
    });
    expect(row.reviewedAt).not.toBeNull();
    const events = await db.caseEvent.findMany({
      where: { incidentId, type: { startsWith: "DECISION" } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(["DECISION_PROPOSED", "DECISION"]);

    // A second answer finds it answered already.
    const again = await answer(org.leadership.email, {
      decisionId: proposal.id,
      answer: "reject",
      comment: "no",
    });
    expect(again.status).toBe(409);

    // The proposer is mailed the answer.
    await deliver();
    const told = mailsTo(org.managerA.email).filter((m) => m.subject?.includes("was approved"));
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain(`/accounts/${org.account.id}`);
  });

  it("a rejection changes nothing, needs a comment, and tells the proposer", async () => {
    await db.customerAccount.update({
      where: { id: org.account.id },
      data: { conductStatus: "WATCH", needsReview: true },
    });
    const hrCookie = await loginCookie(org.hr.email);
    // HR proposes from the account page; leadership is the approver.
    const proposed = await call(
      accountRoute.action,
      postRequest(
        `/accounts/${org.account.id}`,
        {
          intent: "decide",
          decision: "SUSPEND",
          rationale: "Second incident with the same contact",
          approverId: org.leadership.id,
          consulted: "yes",
        },
        { cookie: hrCookie },
      ),
      { id: org.account.id },
    );
    expect(proposed.status).toBe(302);
    expect(proposed.location).toBe(`/accounts/${org.account.id}`);
    expect(await account()).toMatchObject({ conductStatus: "WATCH", needsReview: true });
    const decision = await db.decision.findFirstOrThrow({
      where: { accountId: org.account.id, status: "PROPOSED" },
    });

    const bare = await answer(org.leadership.email, { decisionId: decision.id, answer: "reject" });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain("Please say why you reject it");

    const rejected = await answer(org.leadership.email, {
      decisionId: decision.id,
      answer: "reject",
      comment: "Talk to the employees first.",
    });
    expect(rejected.status).toBe(200);
    expect(await account()).toMatchObject({ conductStatus: "WATCH", needsReview: true });
    expect(await db.decision.findUniqueOrThrow({ where: { id: decision.id } })).toMatchObject({
      status: "REJECTED",
      reviewComment: "Talk to the employees first.",
    });

    // Both steps are on the account's record.
    const view = await call(
      accountRoute.loader,
      getRequest(`/accounts/${org.account.id}`, hrCookie),
      { id: org.account.id },
    );
    expect(view.body).toMatchObject({
      decisions: expect.arrayContaining([
        expect.objectContaining({
          id: decision.id,
          status: "REJECTED",
          reviewComment: "Talk to the employees first.",
        }),
      ]),
    });

    await deliver();
    expect(mailsTo(org.leadership.email).length).toBeGreaterThanOrEqual(2);
    const told = mailsTo(org.hr.email).filter((m) => m.subject?.includes("was not approved"));
    expect(told).toHaveLength(1);
  });

  it("an account-page proposal by leadership cannot name the proposer or the owner", async () => {
    await expect(
      recordAccountDecision(db, {
        accountId: org.account.id,
        actorId: org.leadership.id,
        decision: "KEEP",
        rationale: "Fine now",
        approverId: org.headOf.id,
        employeesConsulted: false,
      }),
    ).rejects.toThrow();
  });
});
