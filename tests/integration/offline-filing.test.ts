import { describe, expect, it } from "vitest";
import { TYPED_ACCOUNT } from "~/domain/offline";
import * as logoutRoute from "~/routes/logout";
import * as newReportRoute from "~/routes/reports.new";
import { call, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// The server's side of filing without a signal (decision 080): a report kept on a phone
// arrives later with its submission key and, when the account list could not be asked for,
// the account's name as typed.

const { db, org } = await orgForThisFile();
const cookie = await loginCookie(org.employeeA.email);

function keptReport(overrides: Record<string, string> = {}) {
  return {
    submissionKey: crypto.randomUUID(),
    accountId: TYPED_ACCOUNT,
    accountName: ` ${org.account.name.toUpperCase()} `,
    occurredAt: "2026-11-20T10:15",
    timeZone: "Europe/London",
    channel: "IN_PERSON",
    severity: "HIGH",
    narrative: `Kept on the phone without a signal ${crypto.randomUUID()}.`,
    ...overrides,
  };
}

describe("a report kept on the phone", () => {
  it("is filed against the account whose name was typed, once however often it is sent", async () => {
    const fields = keptReport();
    const first = await call(
      newReportRoute.action,
      postRequest("/reports/new", fields, { cookie }),
    );
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^\/reports\/INC-\d{4}-\d{4,}\?filed=1$/);
    // The phone retries (its answer was lost): the same report's page again, nothing new.
    const again = await call(
      newReportRoute.action,
      postRequest("/reports/new", fields, { cookie }),
    );
    expect(again.location).toBe(first.location);
    const filed = await db.incident.findMany({
      where: { submissionKey: fields.submissionKey },
      select: { accountId: true, narrative: true },
    });
    expect(filed).toEqual([{ accountId: org.account.id, narrative: fields.narrative }]);
  });

  it("is sent back to choose the account when the typed name matches none", async () => {
    const fields = keptReport({ accountName: "No Such Customer Ltd" });
    const answer = await call(
      newReportRoute.action,
      postRequest("/reports/new", fields, { cookie }),
    );
    expect(answer.status).toBe(400);
    const reply = answer.body as { error: Record<string, string[]> };
    expect(reply.error.accountId).toEqual(["Please choose an account from the list."]);
    expect(await db.incident.count({ where: { submissionKey: fields.submissionKey } })).toBe(0);
  });

  it("a typed name is ignored once an account was chosen from the list", async () => {
    const fields = keptReport({ accountId: org.account.id, accountName: "Something else" });
    const answer = await call(
      newReportRoute.action,
      postRequest("/reports/new", fields, { cookie }),
    );
    expect(answer.status).toBe(302);
  });
});

describe("signing out", () => {
  it("tells the browser to remove what it kept for offline use", async () => {
    const own = await loginCookie(org.employeeB.email);
    const answer = await call(logoutRoute.action, postRequest("/logout", {}, { cookie: own }));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/login");
    expect(answer.headers.get("Clear-Site-Data")).toBe('"storage"');
  });

  it("leaves the clearing to the page's script when the script signs out", async () => {
    const own = await loginCookie(org.employeeB.email);
    const request = postRequest("/logout", {}, { cookie: own });
    request.headers.set("Sec-Fetch-Mode", "cors");
    const answer = await call(logoutRoute.action, request);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Set-Cookie")).toBeTruthy();
    expect(answer.headers.get("Clear-Site-Data")).toBeNull();
  });
});
