import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard, periodFor } from "~/models/account-stats.server";
import { assessIncident } from "~/models/incident-handling.server";
import { createIncident } from "~/models/incident.server";
import { loader as accountLoader } from "~/routes/accounts.$id";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { call, getRequest, loginCookie } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Issue 12, item 5: no commercial figure of an account reaches a manager while one of their
// cases on it is unassessed — checked on the loaders' data, not on the rendered page.

const { db, org } = await orgForThisFile("sbv");
let incidentId: string;
const ARR_MINOR = 987_654_321n; // 9,876,543.21
const CONTRACT_MINOR = 123_456_789n;

beforeAll(async () => {
  await db.customerAccount.update({
    where: { id: org.account.id },
    data: { arrMinor: ARR_MINOR, contractValueMinor: CONTRACT_MINOR, paymentStatus: "OVERDUE" },
  });
  const incident = await createIncident(db, {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(Date.now() - 3 * 24 * 3_600_000),
    channel: "PHONE",
    severity: "MEDIUM",
    categories: ["VERBAL_ABUSE"],
    narrative: "He shouted at me for ten minutes.",
  });
  incidentId = incident.id;
});

const money = ["987654321", "9,876,543", "123456789", "1,234,567", "OVERDUE"];
const text = (body: unknown) =>
  JSON.stringify(body, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));

describe("severity before value for a manager", () => {
  it("withholds ARR, contract value and payment status until their case is assessed", async () => {
    const cookie = await loginCookie(org.managerA.email);
    const account = await call(accountLoader, getRequest(`/accounts/${org.account.id}`, cookie), {
      id: org.account.id,
    });
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      figuresWithheld: true,
      account: { arrMinor: null, contractValueMinor: null, paymentStatus: null },
    });
    const dashboard = await call(dashboardLoader, getRequest("/dashboard", cookie));
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toMatchObject({
      withheld: [{ accountId: org.account.id, incidents: 1 }],
    });
    for (const body of [account.body, dashboard.body]) {
      for (const figure of money) expect(text(body)).not.toContain(figure);
    }

    // Leadership is not waiting on the manager's assessment.
    const lead = await call(
      accountLoader,
      getRequest(`/accounts/${org.account.id}`, await loginCookie(org.leadership.email)),
      { id: org.account.id },
    );
    expect(lead.body).toMatchObject({ account: { arrMinor: Number(ARR_MINOR) } });
  });

  it("shows them once the harm is assessed", async () => {
    await assessIncident(db, {
      incidentId,
      actorId: org.managerA.id,
      severity: "HIGH",
      categories: ["VERBAL_ABUSE"],
    });
    const cookie = await loginCookie(org.managerA.email);
    const account = await call(accountLoader, getRequest(`/accounts/${org.account.id}`, cookie), {
      id: org.account.id,
    });
    expect(account.body).toMatchObject({
      figuresWithheld: false,
      account: { arrMinor: Number(ARR_MINOR), paymentStatus: "OVERDUE" },
    });
    const viewer = {
      id: org.managerA.id,
      role: "MANAGER" as const,
      managedTeamIds: [org.teamA.id],
    };
    const { from, to } = periodFor(12, new Date());
    const dash = await getDashboard(db, viewer, { from, to, segment: null });
    expect(dash.withheld).toEqual([]);
    expect(dash.rows.find((r) => r.accountId === org.account.id)?.arrMinor).toBe(Number(ARR_MINOR));
  });
});
