import { describe, expect, it } from "vitest";
import { verifyIncidentChain } from "~/models/case-event.server";
import { createIncident, type NewIncident } from "~/models/incident.server";
import {
  clearReviewFlag,
  flagRepeatOffenders,
  REPEAT_OFFENDER_EVENT,
} from "~/models/repeat-offender.server";
import { reviewDecision } from "~/models/decision.server";
import * as accountRoute from "~/routes/accounts.$id";
import { renderEmail } from "../../emails/render";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

const { db, org } = await orgForThisFile("rep");
const NOW = new Date("2026-11-23T13:00:00Z");
const DAY = 24 * 3_600_000;

async function file(over: Partial<NewIncident> & { daysAgo: number }) {
  const { daysAgo, ...rest } = over;
  const at = new Date(NOW.getTime() - daysAgo * DAY);
  return createIncident(
    db,
    {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: at,
      channel: "PHONE",
      severity: "MEDIUM",
      categories: ["VERBAL_ABUSE"],
      narrative: "The customer shouted at me about the invoice.",
      ...rest,
    },
    at,
  );
}

const flag = (incidentId: string) =>
  db.$transaction((tx) => flagRepeatOffenders(tx, incidentId, NOW));

describe("the repeat-offender trigger", () => {
  it("does nothing for a contact's first incident", async () => {
    const first = await file({ daysAgo: 200, contactIds: [org.contact.id] });
    expect(await flag(first.id)).toEqual({ flagged: [] });
    const account = await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
    expect(account.needsReview).toBe(false);
    expect(account.conductStatus).toBe("GOOD");
  });

  it("flags the account on a second incident within 12 months and tells leadership and HR", async () => {
    const second = await file({
      daysAgo: 10,
      contactIds: [org.contact.id],
      namedUserIds: [org.hr2.id],
    });
    expect(await flag(second.id)).toEqual({
      flagged: [{ accountId: org.account.id, contactId: org.contact.id }],
    });
    const account = await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
    expect(account.needsReview).toBe(true);
    expect(account.conductStatus).toBe("WATCH");

    const events = await db.caseEvent.findMany({
      where: { incidentId: second.id, type: REPEAT_OFFENDER_EVENT },
    });
    expect(events).toHaveLength(1);
    expect(events[0].visibleToReporter).toBe(false);
    expect(await verifyIncidentChain(db, second.id)).toMatchObject({ ok: true });

    const mails = await db.notification.findMany({
      where: { template: "REPEAT_OFFENDER", incidentId: second.id },
    });
    // Leadership and HR, but not the HR person named in the report.
    expect(mails.map((m) => m.recipientId).sort()).toEqual([org.leadership.id, org.hr.id].sort());
    // No customer name and no report text in the mail.
    const rendered = renderEmail("REPEAT_OFFENDER", JSON.parse(mails[0].data), "https://x.example");
    const all = rendered.subject + rendered.html + rendered.text;
    expect(all).toContain(`/accounts/${org.account.id}`);
    expect(all).not.toContain(org.account.name);
    expect(all).not.toContain("shouted");
  });

  it("is idempotent: calling it again writes no new entry or mail", async () => {
    const latest = await db.incident.findFirstOrThrow({
      where: { accountId: org.account.id },
      orderBy: { occurredAt: "desc" },
    });
    const before = await db.notification.count({ where: { template: "REPEAT_OFFENDER" } });
    await flag(latest.id);
    expect(await db.notification.count({ where: { template: "REPEAT_OFFENDER" } })).toBe(before);
    expect(
      await db.caseEvent.count({ where: { incidentId: latest.id, type: REPEAT_OFFENDER_EVENT } }),
    ).toBe(1);
    // A third incident from the same contact mails nobody twice: only the HR person who was
    // named in the second report (and so left out then) hears about it now.
    const third = await file({ daysAgo: 5, contactIds: [org.contact.id] });
    await flag(third.id);
    const newMails = await db.notification.findMany({
      where: { template: "REPEAT_OFFENDER", incidentId: third.id },
    });
    expect(newMails.map((m) => m.recipientId)).toEqual([org.hr2.id]);
    expect(await db.notification.count({ where: { template: "REPEAT_OFFENDER" } })).toBe(
      before + 1,
    );
  });

  it("flags a small account whatever its revenue, and ignores incidents more than 12 months apart", async () => {
    const small = await db.customerAccount.create({
      data: { crmId: "rep-small", name: "Tiny Dental", segment: "SMB", arrMinor: 500_000n },
    });
    const contact = await db.customerContact.create({
      data: { accountId: small.id, name: "Dr Loud" },
    });
    const old = await file({ daysAgo: 500, accountId: small.id, contactIds: [contact.id] });
    const recent = await file({ daysAgo: 20, accountId: small.id, contactIds: [contact.id] });
    expect((await flag(old.id)).flagged).toEqual([]);
    expect((await flag(recent.id)).flagged).toEqual([]);
    const again = await file({ daysAgo: 1, accountId: small.id, contactIds: [contact.id] });
    expect((await flag(again.id)).flagged).toEqual([
      { accountId: small.id, contactId: contact.id },
    ]);
    expect(await db.customerAccount.findUniqueOrThrow({ where: { id: small.id } })).toMatchObject({
      needsReview: true,
      conductStatus: "WATCH",
    });
  });

  it("keeps a stricter conduct status, and only a decision clears the flag", async () => {
    await db.customerAccount.update({
      where: { id: org.account.id },
      data: { conductStatus: "CONDITIONS", needsReview: false },
    });
    const next = await file({ daysAgo: 2, contactIds: [org.contact.id] });
    await flag(next.id);
    const flagged = await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
    expect(flagged).toMatchObject({ needsReview: true, conductStatus: "CONDITIONS" });
    await db.$transaction((tx) => clearReviewFlag(tx, org.account.id));
    expect(
      (await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } })).needsReview,
    ).toBe(false);
  });
});

describe("a decision from the account page", () => {
  type Reply = {
    status?: string;
    error?: Record<string, string[] | null>;
    initialValue?: Record<string, unknown>;
  };
  const decide = async (email: string, fields: Record<string, string>) =>
    call(
      accountRoute.action,
      postRequest(
        `/accounts/${org.account.id}`,
        { intent: "decide", ...fields },
        { cookie: await loginCookie(email) },
      ),
      { id: org.account.id },
    );
  const valid = () => ({
    decision: "SUSPEND",
    rationale: "Three reports in a year about the same contact.",
    approverId: org.hr.id,
    consulted: "yes",
  });

  it("lets leadership answer a review flag: the decision ends it and sets the conduct status", async () => {
    await db.customerAccount.update({
      where: { id: org.account.id },
      data: { needsReview: true, conductStatus: "WATCH", ownerId: org.headOf.id },
    });
    const page = await call(
      accountRoute.loader,
      getRequest(`/accounts/${org.account.id}`, await loginCookie(org.leadership.email)),
      { id: org.account.id },
    );
    const approvers = (page.body as { approvers: { id: string }[] }).approvers.map((a) => a.id);
    expect(approvers).toContain(org.hr.id);
    expect(approvers).not.toContain(org.leadership.id); // not the decider
    expect(approvers).not.toContain(org.headOf.id); // not the account's owner

    const noRationale = await decide(org.leadership.email, { ...valid(), rationale: "" });
    expect(noRationale.status).toBe(400);
    expect((noRationale.body as Reply).error?.rationale).toEqual(["Please write the rationale."]);
    const byOwner = await decide(org.leadership.email, { ...valid(), approverId: org.headOf.id });
    expect(byOwner.status).toBe(400);
    expect((byOwner.body as Reply).error?.approverId?.[0]).toMatch(/account's owner/);
    // What was typed comes back for the form.
    expect((byOwner.body as Reply).initialValue).toMatchObject({
      ...valid(),
      approverId: org.headOf.id,
    });
    expect(await db.decision.count({ where: { accountId: org.account.id } })).toBe(0);

    const ok = await decide(org.leadership.email, valid());
    // A fresh page after the proposal, with a toast naming the approver.
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/accounts/${org.account.id}`);
    expect(ok.headers.get("Set-Cookie")).toMatch(/^toast=/);
    // Nothing changes until the approver approves (decision 055).
    const pending = await db.decision.findFirstOrThrow({ where: { accountId: org.account.id } });
    await reviewDecision(db, {
      decisionId: pending.id,
      actorId: org.hr.id,
      approve: true,
      comment: "",
    });
    const account = await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
    expect(account).toMatchObject({ needsReview: false, conductStatus: "SUSPENDED" });
    const decision = await db.decision.findFirstOrThrow({ where: { accountId: org.account.id } });
    expect(decision).toMatchObject({
      incidentId: null,
      decidedById: org.leadership.id,
      approverId: org.hr.id,
      employeesConsulted: true,
    });
  });

  it("is HR's and leadership's alone: everyone else gets 404 and nothing is written", async () => {
    const before = await db.decision.count();
    for (const who of [org.employeeA, org.managerA, org.headOf, org.admin]) {
      const answer = await decide(who.email, { ...valid(), approverId: org.hr2.id });
      expect(answer.status, who.email).toBe(404);
    }
    expect(await db.decision.count()).toBe(before);
    const hr = await decide(org.hr.email, { ...valid(), decision: "KEEP", approverId: org.hr2.id });
    expect(hr.status).toBe(302);
  });
});
