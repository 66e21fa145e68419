import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS } from "~/domain/backoff";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { createIncident } from "~/models/incident.server";
import { getDb, type Db } from "~/utils/db.server";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { createTestOrg, type TestOrg } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// The outbox through a real SMTP server on loopback that goes down and comes back.

let db: Db;
let org: TestOrg;
const smtp = new TestSmtpServer();

beforeAll(async () => {
  db = await getDb();
  org = await createTestOrg(db);
  await smtp.start();
});
afterAll(() => smtp.stop());
beforeEach(async () => {
  await db.notification.deleteMany();
  smtp.messages = [];
});

function fileReport(n: number) {
  return createIncident(db, {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "PHONE",
    severity: "LOW",
    categories: [],
    narrative: `Report number ${n}`,
  });
}

const deliver = (now: Date) =>
  deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL, now });

describe("the mail outbox", () => {
  it("keeps a filed report and its mail when the mail server is down, then delivers it exactly once", async () => {
    await smtp.stop();
    const { reference } = await fileReport(1);
    const incident = await db.incident.findUniqueOrThrow({ where: { reference } });
    expect(incident).toBeTruthy();

    const t0 = new Date();
    const down = await deliver(t0);
    expect(down).toEqual({ sent: 0, failed: 1, dead: 0 });
    const failed = await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(failed.status).toBe("PENDING");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toBeTruthy();
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());

    // Not due again yet: nothing is tried.
    expect(await deliver(new Date(t0.getTime() + 1000))).toEqual({ sent: 0, failed: 0, dead: 0 });

    await smtp.start();
    const later = new Date(failed.nextAttemptAt.getTime() + 1000);
    expect(await deliver(later)).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(await deliver(new Date(later.getTime() + 3_600_000))).toEqual({
      sent: 0,
      failed: 0,
      dead: 0,
    });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].subject).toContain(reference);
    const sent = await db.notification.findUniqueOrThrow({ where: { id: failed.id } });
    expect(sent.status).toBe("SENT");
    expect(sent.attempts).toBe(2);
  });

  it("backs off exponentially and sets a mail aside after the last attempt", async () => {
    await smtp.stop();
    await fileReport(2);
    let now = new Date();
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const report = await deliver(now);
      const n = await db.notification.findFirstOrThrow();
      expect(n.attempts).toBe(attempt);
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        expect(report.failed).toBe(1);
        gaps.push(n.nextAttemptAt.getTime() - now.getTime());
        now = new Date(n.nextAttemptAt.getTime() + 1);
      } else {
        expect(report.dead).toBe(1);
        expect(n.status).toBe("DEAD");
      }
    }
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
    await smtp.start();
    expect(await deliver(new Date(now.getTime() + 86_400_000))).toEqual({
      sent: 0,
      failed: 0,
      dead: 0,
    });
    expect(smtp.messages).toHaveLength(0);
  });

  it("sends each mail once when two workers deliver at the same time", async () => {
    for (let i = 0; i < 20; i++) await fileReport(100 + i);
    const now = new Date();
    const [a, b] = await Promise.all([deliver(now), deliver(now)]);
    expect(a.sent + b.sent).toBe(20);
    expect(smtp.messages).toHaveLength(20);
    const ids = new Set(smtp.messages.map((m) => m.messageId));
    expect(ids.size).toBe(20);
  });

  it("takes over a mail whose worker died mid-send", async () => {
    await fileReport(3);
    const n = await db.notification.findFirstOrThrow();
    await db.notification.update({
      where: { id: n.id },
      data: { status: "SENDING", attempts: 1, claimedUntil: new Date(Date.now() - 1000) },
    });
    expect(await deliver(new Date())).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(smtp.messages).toHaveLength(1);
  });
});

describe("a ten-minute mail outage with 500 mails due", () => {
  it("delivers every one exactly once after the server returns", { timeout: 240_000 }, async () => {
    await db.notification.deleteMany();
    smtp.messages = [];
    const start = new Date("2026-11-23T09:00:00Z");
    await db.notification.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        idempotencyKey: `outage-${i}`,
        toEmail: `person${i}@test.example`,
        template: "REPORT_ACKNOWLEDGED",
        data: JSON.stringify({ reference: `INC-2026-${String(i).padStart(4, "0")}` }),
        nextAttemptAt: start,
      })),
    });
    await smtp.stop();
    // The worker keeps ticking every 30 simulated seconds for ten minutes while the server is down.
    let now = start;
    const tenMinutesLater = new Date(start.getTime() + 10 * 60_000);
    while (now < tenMinutesLater) {
      const r = await deliverDueNotifications(db, smtpSender(smtp.url), {
        appUrl: TEST_APP_URL,
        now,
        batchSize: 500,
      });
      expect(r.sent).toBe(0);
      now = new Date(now.getTime() + 30_000);
    }
    expect(await db.notification.count({ where: { status: "DEAD" } })).toBe(0);
    await smtp.start();
    // Ticks go on after the server is back until everything has gone out.
    for (let tick = 0; tick < 200; tick++) {
      if ((await db.notification.count({ where: { status: { not: "SENT" } } })) === 0) break;
      await deliverDueNotifications(db, smtpSender(smtp.url), {
        appUrl: TEST_APP_URL,
        now,
        batchSize: 500,
      });
      now = new Date(now.getTime() + 60_000);
    }
    expect(await db.notification.count({ where: { status: "SENT" } })).toBe(500);
    expect(smtp.messages).toHaveLength(500);
    const recipients = new Set(smtp.messages.map((m) => (m.to && "text" in m.to ? m.to.text : "")));
    expect(recipients.size).toBe(500);
  });
});
