import { beforeAll, describe, expect, it } from "vitest";
import { extractPdfText } from "../fixtures/pdf-text";
import { createIncident } from "~/models/incident.server";
import * as accountEditRoute from "~/routes/accounts.$id_.edit";
import * as caseFileRoute from "~/routes/cases.$reference.case-file";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as dashboardRoute from "~/routes/dashboard";
import * as healthRoute from "~/routes/healthz";
import * as loginRoute from "~/routes/login";
import * as reportRoute from "~/routes/reports.$reference";
import * as newReportRoute from "~/routes/reports.new";
import { loader as rootLoader } from "~/root";
import { login } from "~/utils/auth.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile, TEST_PASSWORD } from "../fixtures/org";

// Requests a browser would never send, and faults: each answered with a clear 4xx, never a
// 500, and never a quiet wrong result.

const { db, org } = await orgForThisFile("rh");
const employee = await loginCookie(org.employeeA.email);
const colleague = await loginCookie(org.colleagueA.email);
const manager = await loginCookie(org.managerA.email);
const hr = await loginCookie(org.hr.email);
const admin = await loginCookie(org.admin.email);
let ref: string;
let longRef: string;

const LONG_WORD = "A".repeat(19_997) + "END";

beforeAll(async () => {
  const base = {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date("2026-11-20T10:00:00Z"),
    channel: "PHONE" as const,
    severity: "HIGH" as const,
    categories: ["THREATS" as const],
  };
  ({ reference: ref } = await createIncident(db, { ...base, narrative: "Shouted at me." }));
  ({ reference: longRef } = await createIncident(db, {
    ...base,
    narrative: LONG_WORD,
    impact: LONG_WORD,
  }));
});

type Fn = Parameters<typeof call>[0];

function raw(path: string, cookie: string, contentType: string | null, body: BodyInit | null) {
  const headers: Record<string, string> = { Origin: TEST_APP_URL, Cookie: cookie };
  if (contentType) headers["Content-Type"] = contentType;
  return new Request(TEST_APP_URL + path, { method: "POST", headers, body });
}

const BODIES: [string, string | null, string | null][] = [
  ["JSON", "application/json", '{"intent":"note","text":"hello"}'],
  ["text/plain", "text/plain", "intent=note&text=hello"],
  ["no Content-Type", null, "intent=note&text=hello"],
  ["broken multipart", "multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form"],
  ["multipart without a boundary", "multipart/form-data", "--zz--"],
];

describe("bodies that are not forms", () => {
  const targets = (): [string, Fn, string, Record<string, string>, string][] => [
    ["/login", loginRoute.action as Fn, "/login", {}, ""],
    ["/reports/new", newReportRoute.action as Fn, "/reports/new", {}, employee],
    ["/reports/:ref", reportRoute.action as Fn, `/reports/${ref}`, { reference: ref }, employee],
    ["/cases/:ref", caseRoute.action as Fn, `/cases/${ref}`, { reference: ref }, manager],
    [
      "/accounts/:id/edit",
      accountEditRoute.action as Fn,
      `/accounts/${org.account.id}/edit`,
      { id: org.account.id },
      admin,
    ],
  ];

  it("are answered 400 or 415 with a message, never a 500", async () => {
    for (const [name, fn, path, params, cookie] of targets()) {
      for (const [label, type, body] of BODIES) {
        const answer = await call(fn, raw(path, cookie, type, body), params);
        expect([400, 415], `${name} with ${label}`).toContain(answer.status);
        expect(String(answer.body)).toMatch(/could not be read|could not read/);
      }
    }
  });
});

describe("cookies and the session cookie", () => {
  it("ignores a cookie with broken %-encoding instead of failing every page", async () => {
    const withJunk = `x=%; y=%E0%A4%A; ${employee}`;
    const root = await call(rootLoader as Fn, getRequest("/", withJunk));
    expect(root.status).toBe(200);
    expect((root.body as { user: { name: string } }).user.name).toBe(org.employeeA.name);
    const page = await call(loginRoute.loader as Fn, getRequest("/login", "x=%"));
    expect(page.status).toBeLessThan(500);
  });

  it("is a browser-session cookie: no Max-Age or Expires", async () => {
    const result = await login(org.employeeA.email, TEST_PASSWORD);
    if (!result.ok) throw new Error("login failed");
    expect(result.cookie).toMatch(/^portal_session=/);
    expect(result.cookie).not.toMatch(/max-age|expires/i);
    expect(result.cookie).toMatch(/HttpOnly/);
    expect(result.cookie).toMatch(/SameSite=Lax/);
  });
});

describe("URL parameters", () => {
  it("treats inherited names like __proto__ as unknown sort keys", async () => {
    const leader = await loginCookie(org.leadership.email);
    for (const sort of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const answer = await call(
        dashboardRoute.loader as Fn,
        getRequest(`/dashboard?sort=${sort}&quadrant=${sort}`, leader),
      );
      expect(answer.status, sort).toBe(200);
      expect((answer.body as { filter: { sort: string } }).filter.sort).toBe("score");
    }
  });
});

describe("numbers, dates and characters", () => {
  const accountFields = () => ({
    name: "Globex",
    segment: "SMB",
    ownerId: "",
    arr: "1000.00",
    contractValue: "0",
    currency: "GBP",
    paymentStatus: "CURRENT",
    daysOverdue: "0",
    conductStatus: "GOOD",
  });
  const editAccount = (fields: Record<string, string>) =>
    call(
      accountEditRoute.action as Fn,
      postRequest(`/accounts/${org.account.id}/edit`, fields, { cookie: admin }),
      { id: org.account.id },
    );

  it("refuses days overdue past any real number (2^53 and beyond) with a message", async () => {
    for (const daysOverdue of ["9007199254740993", "1".repeat(40), "99999999"]) {
      const answer = await editAccount({ ...accountFields(), daysOverdue });
      expect(answer.status, daysOverdue).toBe(400);
      expect((answer.body as { error: Record<string, string[]> }).error.daysOverdue).toBeTruthy();
    }
    expect((await editAccount({ ...accountFields(), daysOverdue: "30" })).status).toBe(302);
  });

  it("refuses dates that do not exist instead of rolling them into the next month", async () => {
    const bad = await editAccount({ ...accountFields(), renewalDate: "2026-02-30" });
    expect(bad.status).toBe(400);
    const protect = await call(
      caseRoute.action as Fn,
      postRequest(
        `/cases/${ref}`,
        { intent: "protect", measure: "COUNSELLING", dueAt: "2026-02-30" },
        { cookie: manager },
      ),
      { reference: ref },
    );
    expect(protect.status).toBe(400);
    expect((protect.body as { fieldErrors: Record<string, string[]> }).fieldErrors.dueAt).toEqual([
      "Please give a date like 2026-12-31.",
    ]);
    const report = await call(
      newReportRoute.action as Fn,
      postRequest(
        "/reports/new",
        {
          submissionKey: crypto.randomUUID(),
          accountId: org.account.id,
          occurredAt: "2026-02-30T10:00",
          channel: "PHONE",
          severity: "LOW",
          narrative: "A date that does not exist.",
        },
        { cookie: employee },
      ),
    );
    expect(report.status).toBe(400);
  });

  it("refuses NUL and bidi overrides in notes, updates and messages, as the report form does", async () => {
    for (const text of ["before\u0000after", "amount \u202E0001\u202C due", "x\u2066y"]) {
      const forms: Record<string, string>[] = [
        { intent: "note", text },
        { intent: "update", text },
        { intent: "message", body: text },
      ];
      for (const fields of forms) {
        const answer = await call(
          caseRoute.action as Fn,
          postRequest(`/cases/${ref}`, fields, { cookie: manager }),
          { reference: ref },
        );
        expect(answer.status, JSON.stringify(fields)).toBe(400);
      }
      const message = await call(
        reportRoute.action as Fn,
        postRequest(`/reports/${ref}`, { intent: "message", body: text }, { cookie: employee }),
        { reference: ref },
      );
      expect(message.status).toBe(400);
      expect((message.body as { error: string }).error).toMatch(/control characters/);
    }
  });
});

describe("the report form's submission key", () => {
  const report = (extra: Record<string, string>): Record<string, string> => ({
    accountId: org.account.id,
    occurredAt: "2026-11-21T09:30",
    timeZone: "Europe/London",
    channel: "EMAIL",
    severity: "MEDIUM",
    narrative: "Rude e-mail about the delivery date.",
    ...extra,
  });
  const send = (fields: Record<string, string>, cookie = employee) =>
    call(newReportRoute.action as Fn, postRequest("/reports/new", fields, { cookie }));

  it("is rendered into the form by the server, fresh for each page", async () => {
    const a = await call(newReportRoute.loader as Fn, getRequest("/reports/new", employee));
    const b = await call(newReportRoute.loader as Fn, getRequest("/reports/new", employee));
    const keyA = (a.body as { submissionKey: string }).submissionKey;
    expect(keyA).toMatch(/^[0-9a-f-]{36}$/);
    expect((b.body as { submissionKey: string }).submissionKey).not.toBe(keyA);
  });

  it("is required: a post without one (script not run, old page) files nothing", async () => {
    const before = await db.incident.count();
    const answer = await send(report({}));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("This form is out of date");
    expect(await db.incident.count()).toBe(before);
  });

  it("files once when the same form is sent twice", async () => {
    const fields = report({ submissionKey: crypto.randomUUID() });
    const [a, b] = [await send(fields), await send(fields)];
    expect(a.status).toBe(302);
    expect(b.location).toBe(a.location);
    expect(await db.incident.count({ where: { submissionKey: fields.submissionKey } })).toBe(1);
  });

  it("answers 409 (not 'filed') when the same key comes back with edited text, with a fresh key", async () => {
    const submissionKey = crypto.randomUUID();
    const first = await send(report({ submissionKey }));
    expect(first.status).toBe(302);
    const edited = await send(report({ submissionKey, narrative: "Rude e-mail, and a call." }));
    expect(edited.status).toBe(409);
    const body = edited.body as { error: Record<string, string[]>; freshSubmissionKey: string };
    expect(JSON.stringify(body.error)).toMatch(/already filed report INC-\d{4}-\d{4}/);
    expect(body.freshSubmissionKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.freshSubmissionKey).not.toBe(submissionKey);
    // Sending again with the fresh key files the edited version as a report of its own.
    const again = await send(
      report({ submissionKey: body.freshSubmissionKey, narrative: "Rude e-mail, and a call." }),
    );
    expect(again.status).toBe(302);
    expect(again.location).not.toBe(first.location);
  });

  it("answers 409 for a key another employee's report used, instead of crashing", async () => {
    const submissionKey = crypto.randomUUID();
    expect((await send(report({ submissionKey }))).status).toBe(302);
    const theirs = await send(report({ submissionKey }), colleague);
    expect(theirs.status).toBe(409);
    expect((theirs.body as { freshSubmissionKey: string }).freshSubmissionKey).toMatch(/-/);
    expect(await db.incident.count({ where: { submissionKey } })).toBe(1);
  });
});

describe("the PDF case file of a 20,000-character word", () => {
  // Before linear wrapping this took minutes and froze every other request. No time limit of
  // its own (timings are not assertions; a busy machine failed a 2 s one): the integration
  // limit still ends minutes, and the health check must answer while the export runs.
  it("is exported while the health check keeps answering", async () => {
    let exported = false;
    let healthAnswers = 0;
    const exporting = call(
      caseFileRoute.action as Fn,
      postRequest(`/cases/${longRef}/case-file`, {}, { cookie: hr }),
      { reference: longRef },
    ).finally(() => (exported = true));
    const health = (async () => {
      while (!exported) {
        const h = await call(healthRoute.loader as Fn, getRequest("/healthz"));
        if (h.status === 200) healthAnswers++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const answer = await exporting;
    await health;
    expect(answer.status).toBe(200);
    expect(String(answer.body)).toMatch(/^%PDF-/);
    expect(healthAnswers).toBeGreaterThan(0);
  });

  it("keeps every character of the word, cut across lines", async () => {
    const res = (await caseFileRoute.action({
      request: postRequest(`/cases/${longRef}/case-file`, {}, { cookie: hr }),
      params: { reference: longRef },
      context: {},
    })) as Response;
    const text = (await extractPdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\n/g, "");
    expect(text).toContain(LONG_WORD + "Impact");
  });
});
