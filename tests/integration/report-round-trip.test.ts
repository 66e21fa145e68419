import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { verifyIncidentChain } from "~/models/case-event.server";
import { createIncident } from "~/models/incident.server";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as queueRoute from "~/routes/queue";
import * as reportRoute from "~/routes/reports.$reference";
import * as newReportRoute from "~/routes/reports.new";
import { createDb } from "~/utils/db.server";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// The foundation's one journey through every real part: file → transaction → outbox → SMTP →
// manager's queue → acknowledge → the reporter sees it.

const { db, org } = await orgForThisFile();
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
});
afterAll(() => smtp.stop());

const NARRATIVE = "The customer's director shouted at me for ten minutes and called me useless.";

function minimalReport(overrides: Record<string, string> = {}) {
  return {
    submissionKey: crypto.randomUUID(), // the form carries one (rendered by the loader)
    accountId: org.account.id,
    occurredAt: "2026-11-20T10:15",
    timeZone: "Europe/London",
    channel: "PHONE",
    severity: "HIGH",
    narrative: NARRATIVE,
    ...overrides,
  };
}

describe("a report's round trip", () => {
  let reference = "";

  it("files a minimal report and writes everything in one go", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(
      newReportRoute.action,
      postRequest("/reports/new", minimalReport(), { cookie }),
    );
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/reports\/INC-\d{4}-\d{4}\?filed=1$/);
    reference = answer.location!.split("/")[2].split("?")[0];

    const incident = await db.incident.findUniqueOrThrow({
      where: { reference },
      include: { events: { orderBy: { seq: "asc" } }, deadlines: true, notifications: true },
    });
    expect(incident.reporterId).toBe(org.employeeA.id);
    expect(incident.assigneeId).toBe(org.managerA.id);
    expect(incident.events.map((e) => e.type)).toEqual(["SUBMITTED", "ASSIGNED"]);
    expect(await verifyIncidentChain(db, incident.id)).toEqual({ ok: true, length: 2 });
    expect(incident.deadlines.map((d) => d.kind).sort()).toEqual(
      ["ACKNOWLEDGE", "FIRST_PROTECTIVE_ACTION", "REPORTER_UPDATE", "RESOLVE"].sort(),
    );
    const ack = incident.deadlines.find((d) => d.kind === "ACKNOWLEDGE")!;
    expect(ack.dueAt.getTime()).toBeGreaterThan(incident.createdAt.getTime());
    expect(ack.metAt).toBeNull();
    expect(incident.notifications.map((n) => [n.toEmail, n.status])).toEqual([
      [org.managerA.email, "PENDING"],
    ]);
  });

  it("mails the manager a link and no report text", async () => {
    const report = await deliverDueNotifications(db, smtpSender(smtp.url), {
      appUrl: TEST_APP_URL,
    });
    expect(report).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    const notification = await db.notification.findFirstOrThrow({
      where: { toEmail: org.managerA.email },
    });
    expect(mail.messageId).toBe(`<${notification.id}@incident-portal>`);
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toContain(org.managerA.email);
    expect(mail.subject).toContain(reference);
    expect(mail.text).toContain(`${TEST_APP_URL}/cases/${reference}`);
    expect(mail.html || "").toContain(`${TEST_APP_URL}/cases/${reference}`);
    for (const body of [mail.text ?? "", mail.html || ""]) {
      expect(body).not.toContain("shouted");
      expect(body).not.toContain("useless");
    }
    expect(notification.status).toBe("SENT");
  });

  it("puts the report in the manager's queue", async () => {
    const cookie = await loginCookie(org.managerA.email);
    const answer = await call(queueRoute.loader, getRequest("/queue", cookie));
    expect(answer.status).toBe(200);
    const items = (
      answer.body as { items: { reference: string; deadline: { kind: string } | null }[] }
    ).items;
    expect(items.map((i) => i.reference)).toContain(reference);
    expect(items.find((i) => i.reference === reference)?.deadline?.kind).toBe("ACKNOWLEDGE");
  });

  it("lets the manager acknowledge, once", async () => {
    const cookie = await loginCookie(org.managerA.email);
    const first = await call(
      caseRoute.action,
      postRequest(`/cases/${reference}`, { intent: "acknowledge" }, { cookie }),
      { reference },
    );
    expect(first.status).toBe(200);
    const second = await call(
      caseRoute.action,
      postRequest(`/cases/${reference}`, { intent: "acknowledge" }, { cookie }),
      { reference },
    );
    expect((second.body as { message: string }).message).toMatch(/already/);
    const incident = await db.incident.findUniqueOrThrow({
      where: { reference },
      include: { deadlines: true, events: true },
    });
    expect(incident.status).toBe("ACKNOWLEDGED");
    const clocks = Object.fromEntries(incident.deadlines.map((d) => [d.kind, d.metAt]));
    expect(clocks.ACKNOWLEDGE).not.toBeNull();
    expect(clocks.RESOLVE).toBeNull();
    expect(incident.events.filter((e) => e.type === "ACKNOWLEDGED")).toHaveLength(1);
    expect((await verifyIncidentChain(db, incident.id)).ok).toBe(true);
  });

  it("shows the reporter the new status and the timeline, and mails them", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const answer = await call(reportRoute.loader, getRequest(`/reports/${reference}`, cookie), {
      reference,
    });
    expect(answer.status).toBe(200);
    const body = answer.body as {
      incident: { status: string };
      timeline: { type: string; summary: string }[];
    };
    expect(body.incident.status).toBe("ACKNOWLEDGED");
    expect(body.timeline.map((t) => t.type)).toEqual(["SUBMITTED", "ASSIGNED", "ACKNOWLEDGED"]);
    expect(body.timeline[1].summary).toContain(org.managerA.name);

    await deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL });
    const toReporter = smtp.messages.filter((m) => m.subject?.includes("acknowledged"));
    expect(toReporter).toHaveLength(1);
    expect(toReporter[0].text).toContain(`${TEST_APP_URL}/reports/${reference}`);
    expect(toReporter[0].text).not.toContain("shouted");
  });

  it("files once when the same form is submitted twice", async () => {
    const cookie = await loginCookie(org.employeeA.email);
    const submissionKey = "8f7b7a52-5f43-4c36-9d4b-6f6f2ad0b5a1";
    const fields = minimalReport({ submissionKey });
    const a = await call(newReportRoute.action, postRequest("/reports/new", fields, { cookie }));
    const b = await call(newReportRoute.action, postRequest("/reports/new", fields, { cookie }));
    expect(a.location).toBe(b.location);
    expect(await db.incident.count({ where: { submissionKey } })).toBe(1);
  });

  it("files once when the same form arrives twice at the same moment", async () => {
    // On PostgreSQL through two clients with pools of their own, as two web servers have: both
    // look for the key before either commits; the unique index refuses the second insert, and
    // that one is answered as the duplicate it is (scale-out.pg.test.ts does this over HTTP).
    // SQLite has one app process per file (its driver waits synchronously for the write lock),
    // so there both go through the one client, whose write lock orders them.
    const url = process.env.DATABASE_URL!;
    const own = /^postgres/.test(url) ? await Promise.all([createDb(url), createDb(url)]) : [];
    const [one, two] = own.length > 0 ? own : [db, db];
    try {
      for (let i = 0; i < 5; i++) {
        const input = {
          reporterId: org.employeeA.id,
          accountId: org.account.id,
          occurredAt: new Date("2026-11-20T10:15:00Z"),
          channel: "PHONE" as const,
          severity: "HIGH" as const,
          categories: [],
          narrative: `${NARRATIVE} (${i})`,
          submissionKey: crypto.randomUUID(),
        };
        const [a, b] = await Promise.all([createIncident(one, input), createIncident(two, input)]);
        expect(a.reference).toBe(b.reference);
        expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
        expect(await db.incident.count({ where: { submissionKey: input.submissionKey } })).toBe(1);
      }
    } finally {
      await Promise.all(own.map((c) => c.$disconnect()));
    }
  });
});
