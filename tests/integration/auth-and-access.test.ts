import { beforeAll, describe, expect, it } from "vitest";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as loginRoute from "~/routes/login";
import * as logoutRoute from "~/routes/logout";
import * as queueRoute from "~/routes/queue";
import * as reportRoute from "~/routes/reports.$reference";
import * as newReportRoute from "~/routes/reports.new";
import { createIncident } from "~/models/incident.server";
import { changePassword, deactivateUser } from "~/utils/auth.server";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile, TEST_PASSWORD } from "../fixtures/org";

// Refusals: wrong password, expired and idle sessions, ended sessions, foreign-origin POSTs,
// and reports that are not the viewer's to see (always 404, never a hint).

const { db, org } = await orgForThisFile();
let reference: string;
let namedReference: string;

beforeAll(async () => {
  const base = {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "PHONE" as const,
    severity: "MEDIUM" as const,
    categories: [],
    narrative: "Shouted at during the renewal call.",
  };
  reference = (await createIncident(db, base)).reference;
  // A report naming the reporter's own manager (e.g. one who watched and said nothing).
  namedReference = (
    await createIncident(db, { ...base, namedUserIds: [org.managerA.id, org.hr.id] })
  ).reference;
});

describe("signing in", () => {
  it("refuses a wrong password with a message and no session", async () => {
    const answer = await call(
      loginRoute.action,
      postRequest("/login", { email: org.employeeA.email, password: "wrong password" }),
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("don't match");
    expect(answer.headers.get("Set-Cookie")).toBeNull();
    expect(await db.session.count({ where: { userId: org.employeeA.id } })).toBe(0);
  });

  it("refuses an unknown email the same way", async () => {
    const answer = await call(
      loginRoute.action,
      postRequest("/login", { email: "nobody@test.example", password: TEST_PASSWORD }),
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("don't match");
  });

  it("signs in and redirects only to a local path", async () => {
    const answer = await call(
      loginRoute.action,
      postRequest("/login", {
        email: org.employeeA.email.toUpperCase(),
        password: TEST_PASSWORD,
        redirectTo: "//evil.example/steal",
      }),
    );
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/");
    const cookie = answer.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^portal_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("answers a malformed login with field messages, not an error", async () => {
    const answer = await call(loginRoute.action, postRequest("/login", { email: "not-an-email" }));
    expect(answer.status).toBe(400);
    const body = JSON.stringify(answer.body);
    expect(body).toContain("valid email");
    expect(body).toContain("password");
  });
});

describe("sessions", () => {
  it("ends a session past its absolute lifetime", async () => {
    const cookie = await loginCookie(org.colleagueA.email);
    const id = cookie.split("=")[1];
    await db.session.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - 12 * 3_600_000 - 1000), lastSeenAt: new Date() },
    });
    const answer = await call(reportRoute.loader, getRequest(`/reports/${reference}`, cookie), {
      reference,
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/login\?redirectTo=/);
    expect(await db.session.findUnique({ where: { id } })).toBeNull();
  });

  it("ends a session idle for longer than the idle timeout", async () => {
    const cookie = await loginCookie(org.colleagueA.email);
    const id = cookie.split("=")[1];
    await db.session.update({
      where: { id },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    const answer = await call(queueRoute.loader, getRequest("/queue", cookie));
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/login/);
  });

  it("keeps an active session alive", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(reportRoute.loader, getRequest(`/reports/${reference}`, cookie), {
      reference,
    });
    expect(answer.status).toBe(200);
  });

  it("ends every session of a user on password change and on deactivation", async () => {
    const a = await loginCookie(org.employeeB.email);
    const b = await loginCookie(org.employeeB.email);
    await changePassword(org.employeeB.id, "a new long passphrase");
    for (const cookie of [a, b]) {
      const answer = await call(newReportRoute.loader, getRequest("/reports/new", cookie));
      expect(answer.status).toBe(302);
    }
    const c = await loginCookie(org.employeeB.email, "a new long passphrase");
    await deactivateUser(org.employeeB.id);
    expect((await call(newReportRoute.loader, getRequest("/reports/new", c))).status).toBe(302);
    const again = await call(
      loginRoute.action,
      postRequest("/login", { email: org.employeeB.email, password: "a new long passphrase" }),
    );
    expect(again.status).toBe(400);
  });

  it("logs out and the old cookie no longer works", async () => {
    const cookie = await loginCookie(org.colleagueA.email);
    const out = await call(logoutRoute.action, postRequest("/logout", {}, { cookie }));
    expect(out.status).toBe(302);
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0/i);
    expect((await call(newReportRoute.loader, getRequest("/reports/new", cookie))).status).toBe(
      302,
    );
  });

  it("refuses an anonymous POST", async () => {
    const answer = await call(
      newReportRoute.action,
      postRequest("/reports/new", { narrative: "x" }),
    );
    expect(answer.status).toBe(401);
  });
});

describe("requests from another origin", () => {
  const cases: [string, string | null][] = [
    ["a foreign Origin", "https://evil.example"],
    ["no Origin or Referer", null],
    ["an opaque Origin", "null"],
  ];
  it.each(cases)("refuses a report POST with %s, and files nothing", async (_label, origin) => {
    const cookie = await loginCookie(org.employeeA.email);
    const before = await db.incident.count();
    const answer = await call(
      newReportRoute.action,
      postRequest(
        "/reports/new",
        {
          accountId: org.account.id,
          occurredAt: "2026-11-20T10:15",
          channel: "PHONE",
          severity: "LOW",
          narrative: "forged",
        },
        { cookie, origin },
      ),
    );
    expect(answer.status).toBe(403);
    expect(await db.incident.count()).toBe(before);
  });

  it("refuses a foreign-origin acknowledge, login and logout", async () => {
    const cookie = await loginCookie(org.managerA.email);
    const origin = "https://evil.example";
    const ack = await call(
      caseRoute.action,
      postRequest(`/cases/${reference}`, { intent: "acknowledge" }, { cookie, origin }),
      { reference },
    );
    expect(ack.status).toBe(403);
    const login = await call(
      loginRoute.action,
      postRequest("/login", { email: org.managerA.email, password: TEST_PASSWORD }, { origin }),
    );
    expect(login.status).toBe(403);
    const logout = await call(logoutRoute.action, postRequest("/logout", {}, { cookie, origin }));
    expect(logout.status).toBe(403);
    const incident = await db.incident.findUniqueOrThrow({ where: { reference } });
    expect(incident.status).toBe("SUBMITTED");
  });
});

describe("who may see a report", () => {
  it("gives another team's manager a 404 for the case and leaves it out of their queue", async () => {
    const cookie = await loginCookie(org.managerB.email);
    const page = await call(caseRoute.loader, getRequest(`/cases/${reference}`, cookie), {
      reference,
    });
    expect(page.status).toBe(404);
    const ack = await call(
      caseRoute.action,
      postRequest(`/cases/${reference}`, { intent: "acknowledge" }, { cookie }),
      { reference },
    );
    expect(ack.status).toBe(404);
    const queue = await call(queueRoute.loader, getRequest("/queue", cookie));
    expect(JSON.stringify(queue.body)).not.toContain(reference);
  });

  it("gives another employee a 404 for the report, the same as for a report that does not exist", async () => {
    const cookie = await loginCookie(org.colleagueA.email);
    const theirs = await call(reportRoute.loader, getRequest(`/reports/${reference}`, cookie), {
      reference,
    });
    const missing = await call(reportRoute.loader, getRequest("/reports/INC-1999-9999", cookie), {
      reference: "INC-1999-9999",
    });
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
  });

  it("keeps a manager named in the report away from it, and routes it one level up", async () => {
    const incident = await db.incident.findUniqueOrThrow({ where: { reference: namedReference } });
    expect(incident.assigneeId).toBe(org.headOf.id);
    const cookie = await loginCookie(org.managerA.email);
    const page = await call(caseRoute.loader, getRequest(`/cases/${namedReference}`, cookie), {
      reference: namedReference,
    });
    expect(page.status).toBe(404);
    const queue = await call(queueRoute.loader, getRequest("/queue", cookie));
    expect(JSON.stringify(queue.body)).toContain(reference);
    expect(JSON.stringify(queue.body)).not.toContain(namedReference);
    const mails = await db.notification.findMany({ where: { incidentId: incident.id } });
    expect(mails.map((m) => m.toEmail)).toEqual([org.headOf.email]);
  });

  it("keeps an HR person named in the report away from it, while other HR see it", async () => {
    const named = await loginCookie(org.hr.email);
    const other = await loginCookie(org.hr2.email);
    const params = { reference: namedReference };
    expect(
      (await call(caseRoute.loader, getRequest(`/cases/${namedReference}`, named), params)).status,
    ).toBe(404);
    expect(
      (await call(caseRoute.loader, getRequest(`/cases/${namedReference}`, other), params)).status,
    ).toBe(200);
  });

  it("does not show the case page to the reporter or leadership, nor others' cases in a queue", async () => {
    const reporter = await loginCookie(org.employeeA.email);
    expect(
      (await call(caseRoute.loader, getRequest(`/cases/${reference}`, reporter), { reference }))
        .status,
    ).toBe(404);
    expect((await call(queueRoute.loader, getRequest("/queue", reporter))).status).toBe(404);
    const lead = await loginCookie(org.leadership.email);
    // Leadership's queue lists only cases escalated to them: none here.
    const leadQueue = await call(queueRoute.loader, getRequest("/queue", lead));
    expect(leadQueue.status).toBe(200);
    expect((leadQueue.body as { items: unknown[] }).items).toEqual([]);
    const admin0 = await loginCookie(org.admin.email);
    expect((await call(queueRoute.loader, getRequest("/queue", admin0))).status).toBe(404);
    expect(
      (await call(caseRoute.loader, getRequest(`/cases/${reference}`, lead), { reference })).status,
    ).toBe(404);
    const admin = await loginCookie(org.admin.email);
    expect(
      (await call(reportRoute.loader, getRequest(`/reports/${reference}`, admin), { reference }))
        .status,
    ).toBe(404);
  });

  it("answers 404 to a malformed reference without touching the database", async () => {
    const cookie = await loginCookie(org.hr2.email);
    const answer = await call(caseRoute.loader, getRequest("/cases/..%2F..%2Fetc", cookie), {
      reference: "../../etc",
    });
    expect(answer.status).toBe(404);
  });
});
