import { beforeAll, describe, expect, it } from "vitest";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import {
  assessIncident,
  recordProtectiveAction,
  resolveIncident,
} from "~/models/incident-handling.server";
import { createIncident } from "~/models/incident.server";
import * as guidanceRoute from "~/routes/admin.critical-guidance";
import * as myReportsRoute from "~/routes/reports._index";
import * as reportRoute from "~/routes/reports.$reference";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { fileThreatReport, orgForThisFile } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// Issue 12, items 6 and 7: a Critical report is urgent (mails at once, clocks around the
// clock); the reporter hears of the resolution and of measures for them, and My reports marks
// what changed since they last looked. Real database, real SMTP on loopback.

const { db, org } = await orgForThisFile("inf");
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
  return () => smtp.stop();
});

const deliver = () => deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL });
const mailsTo = (email: string) =>
  smtp.messages.filter((m) => (m.to && "text" in m.to ? m.to.text : "").includes(email));

describe("a Critical report", () => {
  it("filed on a Friday at 18:00 is due that evening, and the handler and the next level are mailed", async () => {
    const friday = new Date("2026-11-27T18:00:00Z"); // 18:00 in London, after working hours
    const filed = await createIncident(
      db,
      {
        reporterId: org.employeeA.id,
        accountId: org.account.id,
        occurredAt: new Date("2026-11-27T17:50:00Z"),
        channel: "PHONE",
        severity: "CRITICAL",
        categories: ["THREATS"],
        narrative: "He said he knows where I live.",
      },
      friday,
    );
    const ack = await db.deadline.findFirstOrThrow({
      where: { incidentId: filed.id, kind: "ACKNOWLEDGE" },
    });
    expect(ack.dueAt).toEqual(new Date("2026-11-27T19:00:00Z"));
    const protect = await db.deadline.findFirstOrThrow({
      where: { incidentId: filed.id, kind: "FIRST_PROTECTIVE_ACTION" },
    });
    expect(protect.dueAt).toEqual(new Date("2026-11-27T22:00:00Z"));

    await deliver();
    const toHandler = mailsTo(org.managerA.email).filter((m) => m.subject?.startsWith("Critical"));
    const toNextLevel = mailsTo(org.headOf.email).filter((m) => m.subject?.startsWith("Critical"));
    expect(toHandler).toHaveLength(1);
    expect(toNextLevel).toHaveLength(1);
    expect(toHandler[0].text).toContain(`/cases/${filed.reference}`);
    expect(toHandler[0].text).not.toContain("knows where I live");
    expect(mailsTo(org.employeeA.email).filter((m) => m.subject?.startsWith("Critical"))).toEqual(
      [],
    );

    // The confirmation shows the admin's guidance (the default until an admin writes one).
    const reporter = await loginCookie(org.employeeA.email);
    const confirmation = () =>
      call(reportRoute.loader, getRequest(`/reports/${filed.reference}?filed=1`, reporter), {
        reference: filed.reference,
      });
    expect(JSON.stringify((await confirmation()).body)).toContain("You may end the call");
    const admin = await loginCookie(org.admin.email);
    const empty = await call(
      guidanceRoute.action,
      postRequest("/admin/critical-guidance", { guidance: "  " }, { cookie: admin }),
    );
    expect(empty.status).toBe(400);
    const saved = await call(
      guidanceRoute.action,
      postRequest(
        "/admin/critical-guidance",
        { guidance: "Security desk: extension 4400.\nYou may end the call at any time." },
        { cookie: admin },
      ),
    );
    expect(saved.status).toBe(200);
    expect((await confirmation()).body).toMatchObject({
      criticalGuidance: "Security desk: extension 4400.\nYou may end the call at any time.",
    });
    expect(await db.auditEvent.count({ where: { action: "GUIDANCE_UPDATED" } })).toBe(1);
  });

  it("a Medium report mails nobody beyond the handler", async () => {
    const before = smtp.messages.length;
    await createIncident(db, {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: new Date(),
      channel: "EMAIL",
      severity: "MEDIUM",
      categories: ["VERBAL_ABUSE"],
      narrative: "Rude email.",
    });
    await deliver();
    const fresh = smtp.messages.slice(before);
    expect(fresh.map((m) => m.subject).filter((s) => s?.startsWith("Critical"))).toEqual([]);
    expect(mailsTo(org.headOf.email).length).toBe(1); // only the critical one above
  });
});

describe("the reporter is kept informed", () => {
  it("mails a protective measure and the resolution, and marks the report unread until opened", async () => {
    const filed = await fileThreatReport(db, org);
    const cookie = await loginCookie(org.employeeA.email);
    const list = async () =>
      (
        (await call(myReportsRoute.loader, getRequest("/reports", cookie))).body as {
          reports: { reference: string; unread: boolean }[];
        }
      ).reports.find((r) => r.reference === filed.reference)!;
    // Filing and routing are nothing new to the reporter.
    expect((await list()).unread).toBe(false);

    await assessIncident(db, {
      incidentId: filed.id,
      actorId: org.managerA.id,
      severity: "HIGH",
      categories: ["THREATS"],
    });
    await recordProtectiveAction(db, {
      incidentId: filed.id,
      actorId: org.managerA.id,
      type: "DEBRIEF",
    });
    expect((await list()).unread).toBe(true);
    const opened = await call(
      reportRoute.loader,
      getRequest(`/reports/${filed.reference}`, cookie),
      { reference: filed.reference },
    );
    expect(opened.status).toBe(200);
    expect((await list()).unread).toBe(false);

    await resolveIncident(db, {
      incidentId: filed.id,
      actorId: org.managerA.id,
      outcome: "SUBSTANTIATED",
    });
    expect((await list()).unread).toBe(true);

    await deliver();
    const mine = mailsTo(org.employeeA.email).filter((m) => m.text?.includes(filed.reference));
    const subjects = mine.map((m) => m.subject ?? "");
    expect(subjects.some((s) => s.includes("measure to protect you"))).toBe(true);
    expect(subjects.some((s) => s.includes("has been resolved"))).toBe(true);
    for (const m of mine) expect(m.text).not.toContain("Threatened me");
  });
});
