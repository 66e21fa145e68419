import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CASE_INTENTS, caseIntentProblem } from "~/domain/case-rules";
import { verifyIncidentChain } from "~/models/case-event.server";
import { recordEvidence } from "~/models/evidence.server";
import * as caseFileRoute from "~/routes/cases.$reference.case-file";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as reportRoute from "~/routes/reports.$reference";
import * as statementRoute from "~/routes/statements.$id";
import * as homeRoute from "~/routes/_index";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { fileThreatReport, orgForThisFile } from "../fixtures/org";
import { extractPdfText } from "../fixtures/pdf-text";

// The case page's rules (a resolved case refuses changes; who may own an action), support
// requests answered, witness statements, and one logged view per page view.

const { db, org } = await orgForThisFile();
const manager = await loginCookie(org.managerA.email);

async function newCase(p: { support?: ("OFF_ACCOUNT" | "TIME_OFF")[] } = {}) {
  return fileThreatReport(db, org, {
    categories: ["VERBAL_ABUSE"],
    narrative: "The customer shouted at me for ten minutes about the invoice.",
    namedUserIds: [org.colleagueA.id],
    witnessIds: [org.employeeB.id],
    supportKinds: p.support ?? ["OFF_ACCOUNT", "TIME_OFF"],
  });
}

const act = (reference: string, fields: Record<string, string | string[]>, cookie = manager) =>
  call(caseRoute.action, postRequest(`/cases/${reference}`, fields, { cookie }), { reference });

/** A well-formed submission of every intent, so only the resolved-case rule can refuse it. */
function validFields(intent: string, ids: { actionId: string }): Record<string, string | string[]> {
  switch (intent) {
    case "assess":
      return { severity: "HIGH", categories: ["VERBAL_ABUSE"] };
    case "note":
    case "update":
      return { text: "Checked in with the employee." };
    case "message":
      return { body: "How are you doing?" };
    case "protect":
      return { measure: "TIME_OFF" };
    case "sanction":
      return { sanction: "WRITTEN_WARNING" };
    case "action-status":
      return { actionId: ids.actionId, status: "DONE" };
    case "reassign":
      return { toUserId: org.hr.id, reason: "HR takes this one" };
    case "resolve":
      return { outcome: "SUBSTANTIATED" };
    case "reopen":
      return { reason: "New facts came up" };
    case "decide":
      return {
        decision: "KEEP",
        rationale: "Keep with a warning on file",
        approverId: org.hr.id,
        consulted: "yes",
      };
    case "support-answer":
      return { kind: "OFF_ACCOUNT", answer: "ARRANGED" };
    case "witness-request":
      return { witnessId: org.employeeB.id };
    default:
      return {};
  }
}

describe("a resolved case", () => {
  it("refuses every change with a 409 and a message, and records nothing", async () => {
    const { reference, id } = await newCase();
    expect((await act(reference, { intent: "protect", measure: "TIME_OFF" })).status).toBe(200);
    const action = await db.action.findFirstOrThrow({ where: { incidentId: id } });
    expect((await act(reference, { intent: "resolve", outcome: "SUBSTANTIATED" })).status).toBe(
      200,
    );
    const refused = CASE_INTENTS.filter((i) => caseIntentProblem(i, "RESOLVED") !== null);
    expect(refused).toEqual(
      expect.arrayContaining([
        "protect",
        "sanction",
        "reassign",
        "assess",
        "action-status",
        "decide",
        "support-answer",
        "witness-request",
        "acknowledge",
      ]),
    );
    for (const intent of refused) {
      const before = await db.incident.findUniqueOrThrow({ where: { id } });
      const answer = await act(reference, {
        intent,
        ...validFields(intent, { actionId: action.id }),
      });
      expect(answer.status, intent).toBe(409);
      expect((answer.body as { message: string }).message, intent).toMatch(/resolved/);
      const after = await db.incident.findUniqueOrThrow({ where: { id } });
      expect(after.chainLength, intent).toBe(before.chainLength);
      expect(after.assigneeId, intent).toBe(before.assigneeId);
    }
    expect(await db.action.count({ where: { incidentId: id } })).toBe(1);
    expect(await db.witnessStatement.count({ where: { incidentId: id } })).toBe(0);
    // Resolving again changes nothing; a private note and reopening stay possible.
    const again = await act(reference, { intent: "resolve", outcome: "WITHDRAWN" });
    expect((again.body as { message: string }).message).toMatch(/already resolved/);
    expect((await act(reference, { intent: "note", text: "Filed." })).status).toBe(200);
    expect((await act(reference, { intent: "reopen", reason: "New facts" })).status).toBe(200);
    expect((await act(reference, { intent: "protect", measure: "TIME_OFF" })).status).toBe(200);
  });

  it("refuses an unknown intent with a 400", async () => {
    const { reference } = await newCase();
    expect((await act(reference, { intent: "delete-everything" })).status).toBe(400);
  });
});

describe("who may own an action", () => {
  it("refuses the reporter, someone named in the report and an employee as owner", async () => {
    const { reference, id } = await newCase();
    for (const ownerId of [org.employeeA.id, org.colleagueA.id, org.employeeB.id, "nobody"]) {
      const answer = await act(reference, { intent: "protect", measure: "TIME_OFF", ownerId });
      expect(answer.status, ownerId).toBe(400);
      expect(
        (answer.body as { fieldErrors: Record<string, string[]> }).fieldErrors.ownerId,
      ).toBeTruthy();
    }
    expect(await db.action.count({ where: { incidentId: id } })).toBe(0);
    const ok = await act(reference, { intent: "protect", measure: "TIME_OFF", ownerId: org.hr.id });
    expect(ok.status).toBe(200);
  });
});

describe("support requests answered", () => {
  it("declining needs a reason; arranging meets the first-protective-action clock", async () => {
    const { reference, id } = await newCase();
    const noReason = await act(reference, {
      intent: "support-answer",
      kind: "TIME_OFF",
      answer: "DECLINED",
    });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain("reason for declining");
    const notAsked = await act(reference, {
      intent: "support-answer",
      kind: "COUNSELLING",
      answer: "ARRANGED",
    });
    expect(notAsked.status).toBe(400);

    const declined = await act(reference, {
      intent: "support-answer",
      kind: "TIME_OFF",
      answer: "DECLINED",
      reason: "Leave is planned with you next week instead",
    });
    expect(declined.status).toBe(200);
    const clock = () =>
      db.deadline.findFirstOrThrow({ where: { incidentId: id, kind: "FIRST_PROTECTIVE_ACTION" } });
    expect((await clock()).metAt).toBeNull();

    const arranged = await act(reference, {
      intent: "support-answer",
      kind: "OFF_ACCOUNT",
      answer: "ARRANGED",
    });
    expect(arranged.status).toBe(200);
    expect((await clock()).metAt).not.toBeNull();
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).status).toBe("IN_PROGRESS");

    const events = await db.caseEvent.findMany({
      where: { incidentId: id, type: "SUPPORT_ANSWERED" },
    });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.visibleToReporter)).toBe(true);
    const mails = await db.notification.findMany({
      where: { incidentId: id, template: "SUPPORT_ANSWERED" },
    });
    expect(mails).toHaveLength(2);
    expect(mails[0].toEmail).toBe(org.employeeA.email);
    expect(mails.map((m) => m.data).join()).not.toContain("Leave is planned");

    const reporter = await loginCookie(org.employeeA.email);
    const page = await call(reportRoute.loader, getRequest(`/reports/${reference}`, reporter), {
      reference,
    });
    const text = JSON.stringify(page.body);
    expect(text).toContain("ARRANGED");
    expect(text).toContain("Leave is planned with you next week instead");
    expect((await verifyIncidentChain(db, id)).ok).toBe(true);
  });
});

describe("witness statements", () => {
  it("asks a listed witness, who alone opens their request and writes a statement once", async () => {
    const { reference, id } = await newCase();
    const notAWitness = await act(reference, {
      intent: "witness-request",
      witnessId: org.colleagueA.id,
    });
    expect(notAWitness.status).toBe(400);
    expect(
      (await act(reference, { intent: "witness-request", witnessId: org.employeeB.id })).status,
    ).toBe(200);
    const request = await db.witnessStatement.findFirstOrThrow({ where: { incidentId: id } });
    const mail = await db.notification.findFirstOrThrow({
      where: { incidentId: id, template: "STATEMENT_REQUESTED" },
    });
    expect(mail.toEmail).toBe(org.employeeB.email);
    expect(mail.data).toContain(request.id);
    expect(mail.data).not.toContain("shouted");

    const path = `/statements/${request.id}`;
    const witness = await loginCookie(org.employeeB.email);
    const home = await call(homeRoute.loader, getRequest("/", witness));
    expect(JSON.stringify(home.body)).toContain(request.id);
    const page = await call(statementRoute.loader, getRequest(path, witness), { id: request.id });
    expect(page.status).toBe(200);
    const shown = JSON.stringify(page.body);
    expect(shown).toContain(reference);
    for (const secret of ["shouted", org.employeeA.name, org.colleagueA.name, org.account.name]) {
      expect(shown).not.toContain(secret);
    }
    for (const who of [org.employeeA, org.managerA, org.hr, org.colleagueA, org.leadership]) {
      const other = await loginCookie(who.email);
      const denied = await call(statementRoute.loader, getRequest(path, other), {
        id: request.id,
      });
      expect(denied.status, who.email).toBe(404);
      const post = await call(
        statementRoute.action,
        postRequest(path, { statement: "I was not there at all." }, { cookie: other }),
        { id: request.id },
      );
      expect(post.status, who.email).toBe(404);
    }

    const tooShort = await call(
      statementRoute.action,
      postRequest(path, { statement: "Yes" }, { cookie: witness }),
      { id: request.id },
    );
    expect(tooShort.status).toBe(400);
    const given = await call(
      statementRoute.action,
      postRequest(
        path,
        { statement: "I heard the customer shouting on speaker for several minutes." },
        { cookie: witness },
      ),
      { id: request.id },
    );
    // Sent: back to the same page (now showing the statement), with a thank-you toast.
    expect([given.status, given.location]).toEqual([302, path]);
    expect(given.headers.get("Set-Cookie")).toMatch(/^toast=/);
    const again = await call(
      statementRoute.action,
      postRequest(path, { statement: "A second version of what happened." }, { cookie: witness }),
      { id: request.id },
    );
    expect(again.status).toBe(409);

    const casePage = await call(caseRoute.loader, getRequest(`/cases/${reference}`, manager), {
      reference,
    });
    expect(JSON.stringify(casePage.body)).toContain("shouting on speaker for several minutes");
    const event = await db.caseEvent.findFirstOrThrow({
      where: { incidentId: id, type: "STATEMENT_GIVEN" },
    });
    expect(event.visibleToReporter).toBe(false);
    expect(
      await db.notification.count({ where: { incidentId: id, template: "STATEMENT_RECEIVED" } }),
    ).toBe(1);
    expect((await verifyIncidentChain(db, id)).ok).toBe(true);
  });
});

describe("views of the case", () => {
  it("logs a document load, not a data revalidation; the page's own view post logs once", async () => {
    const { reference, id } = await newCase();
    const count = () => db.caseEvent.count({ where: { incidentId: id, type: "VIEWED" } });
    const document = new Request(getRequest(`/cases/${reference}`, manager), {
      headers: { Cookie: manager, "Sec-Fetch-Mode": "navigate" },
    });
    await call(caseRoute.loader, document, { reference });
    expect(await count()).toBe(1);
    const revalidation = new Request(getRequest(`/cases/${reference}`, manager), {
      headers: { Cookie: manager, "Sec-Fetch-Mode": "cors" },
    });
    const data = await call(caseRoute.loader, revalidation, { reference });
    expect((data.body as { viewRecorded: boolean }).viewRecorded).toBe(false);
    expect(await count()).toBe(1);
    expect((await act(reference, { intent: "view" })).status).toBe(200);
    expect(await count()).toBe(2);
  });
});

describe("the case file (PDF)", () => {
  it("holds what was asked and answered, the messages, the statements and the evidence hashes", async () => {
    const { reference, id } = await newCase();
    // A witness whose name is written in Greek, and a message in Russian.
    const GREEK = "Ελένη Παπαδοπούλου";
    await db.user.update({ where: { id: org.employeeB.id }, data: { name: GREEK } });
    const LONG = "Z".repeat(4_000) + "END";

    const arranged = await act(reference, {
      intent: "support-answer",
      kind: "OFF_ACCOUNT",
      answer: "ARRANGED",
      reason: "Jordan covers Globex from Monday.",
    });
    expect(arranged.status).toBe(200);
    const declined = await act(reference, {
      intent: "support-answer",
      kind: "TIME_OFF",
      answer: "DECLINED",
      reason: "The quarter close needs you; we can look again in May.",
    });
    expect(declined.status).toBe(200);

    const reporter = await loginCookie(org.employeeA.email);
    const toHandler = await call(
      reportRoute.action,
      postRequest(
        `/reports/${reference}`,
        { intent: "message", body: `Иван Петров тоже слышал крик. ${LONG}` },
        { cookie: reporter },
      ),
      { reference },
    );
    expect(toHandler.status).toBe(200);
    expect(
      (await act(reference, { intent: "message", body: "Thank you, we are on it." })).status,
    ).toBe(200);

    expect(
      (await act(reference, { intent: "witness-request", witnessId: org.employeeB.id })).status,
    ).toBe(200);
    const request = await db.witnessStatement.findFirstOrThrow({ where: { incidentId: id } });
    const witness = await loginCookie(org.employeeB.email);
    const given = await call(
      statementRoute.action,
      postRequest(
        `/statements/${request.id}`,
        { statement: `I heard the buyer shout «get out» on speaker. ${LONG}` },
        { cookie: witness },
      ),
      { id: request.id },
    );
    expect(given.status).toBe(302);

    const bytes = Buffer.from("a screenshot of the call log");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await db.$transaction((tx) =>
      recordEvidence(tx, {
        incidentId: id,
        uploadedById: org.employeeA.id,
        files: [
          {
            fileName: "call-log.png",
            storedName: `${id}-call-log`,
            mimeType: "image/png",
            sizeBytes: bytes.length,
            sha256,
          },
        ],
      }),
    );

    const hr = await loginCookie(org.hr.email);
    const res = (await caseFileRoute.action({
      request: postRequest(`/cases/${reference}/case-file`, {}, { cookie: hr }),
      params: { reference },
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    const pdf = new Uint8Array(await res.arrayBuffer());
    const lines = (await extractPdfText(pdf)).split("\n");
    // (Wrapped lines joined again: where a line breaks depends on the font's widths.)
    const text = lines.join(" ");
    for (const heading of [
      `Case file ${reference}`,
      "Summary",
      "What happened",
      "Support the employee asked for",
      "Messages between the reporter and the handlers",
      "Witnesses and their statements",
      "Actions",
      "Decisions on the account",
      "Evidence",
      "Timeline",
      "Tamper evidence",
    ]) {
      expect(lines, heading).toContain(heading);
    }
    expect(text).toMatch(/Be taken off this account: Arranged by .+ on \d{4}-/);
    expect(text).toContain("Note to the employee: Jordan covers Globex from Monday.");
    expect(text).toMatch(/Time off: Declined by /);
    expect(text).toContain("we can look again in May.");
    expect(text).toContain(`${org.employeeA.name} (reporter)`);
    expect(text).toContain("Иван Петров тоже слышал крик.");
    expect(text).toContain(`${org.managerA.name} (handler)`);
    expect(text).toContain("Thank you, we are on it.");
    expect(text).toMatch(new RegExp(`${GREEK}: statement asked .+, given `));
    expect(text).toContain("I heard the buyer shout «get out» on speaker.");
    expect(text).toContain("call-log.png (image/png");
    expect(text).toContain(`SHA-256 ${sha256}`);
    expect(text).toMatch(/Hash chain verified: \d+ events, unbroken\./);
    // The long word (in a message and in the statement) is cut across lines, every character
    // kept, and no drawn line is longer than a page is wide.
    const joined = lines.join("");
    // (In the message, in the statement, and in the timeline's "statement given" entry.)
    expect(joined.split(LONG).length - 1).toBe(3);
    expect(lines.filter((l) => /^Z+$/.test(l)).length).toBeGreaterThan(10);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
    // Subset fonts: a few hundred glyphs, not the 9 MB of font files.
    expect(pdf.length).toBeLessThan(400_000);
  });
});
