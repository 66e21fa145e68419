import { describe, expect, it } from "vitest";
import {
  deliverDueNotifications,
  notificationMessageId,
  PROBE_INTERVAL_MS,
} from "~/jobs/outbox.server";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { outboxForThisFile } from "../fixtures/outbox";

// The outbox through a real SMTP server on loopback that goes down and comes back: what the
// database decides (claims, leases, each mail once), so this file also runs on PostgreSQL.
// How the worker paces itself through refusals and outages is in mail-server-refusals.test.ts.

const { db, smtp, fileReport, deliver } = await outboxForThisFile();

describe("the mail outbox", () => {
  it("keeps a filed report and its mail when the mail server is down, then delivers it exactly once", async () => {
    await smtp.stop();
    const { reference } = await fileReport(1);
    const incident = await db.incident.findUniqueOrThrow({ where: { reference } });
    expect(incident).toBeTruthy();

    const t0 = new Date();
    const down = await deliver(t0);
    expect(down).toEqual({ sent: 0, failed: 0, dead: 0, serverUnavailable: true });
    const waiting = await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(waiting.status).toBe("PENDING");
    // The server was down: that is not an attempt of this mail.
    expect(waiting.attempts).toBe(0);
    expect(waiting.lastError).toBeTruthy();
    expect(waiting.nextAttemptAt.getTime()).toBe(t0.getTime() + PROBE_INTERVAL_MS);

    // Not due again yet: nothing is tried.
    expect(await deliver(new Date(t0.getTime() + 1000))).toEqual({ sent: 0, failed: 0, dead: 0 });

    await smtp.start();
    const later = new Date(t0.getTime() + PROBE_INTERVAL_MS);
    expect(await deliver(later)).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(await deliver(new Date(later.getTime() + 3_600_000))).toEqual({
      sent: 0,
      failed: 0,
      dead: 0,
    });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].subject).toContain(reference);
    const sent = await db.notification.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(sent.status).toBe("SENT");
    expect(sent.attempts).toBe(1);
  });

  /** Files `count` reports, delivers their mails in `lanes`, and counts the mails claimed but
   * not yet marked sent each time the mail server accepts one. */
  async function mailsInFlight(first: number, count: number, lanes: number) {
    for (let i = 0; i < count; i++) await fileReport(first + i);
    const inFlight: number[] = [];
    smtp.beforeAccept = async () => {
      inFlight.push(await db.notification.count({ where: { status: "SENDING" } }));
    };
    try {
      expect(
        await deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL, lanes }),
      ).toEqual({ sent: count, failed: 0, dead: 0 });
    } finally {
      smtp.beforeAccept = null;
    }
    return inFlight;
  }

  it("claims and marks one mail at a time, so a crash can leave at most one sent but unmarked", async () => {
    const inFlight = await mailsInFlight(300, 8, 1);
    expect(inFlight).toHaveLength(8);
    expect(Math.max(...inFlight)).toBe(1);
  });

  it("keeps one mail in flight per lane when several lanes deliver, each mail once", async () => {
    const inFlight = await mailsInFlight(400, 24, 3);
    expect(inFlight).toHaveLength(24);
    // The probe goes alone; afterwards never more than one claimed, unmarked mail per lane.
    expect(inFlight[0]).toBe(1);
    expect(Math.max(...inFlight)).toBeLessThanOrEqual(3);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(24);
    expect(await db.notification.count({ where: { status: { not: "SENT" } } })).toBe(0);
  });

  it("sends a duplicate after a crash with the same Message-ID, so it can be recognised", async () => {
    await fileReport(4);
    expect(await deliver(new Date())).toMatchObject({ sent: 1 });
    const n = await db.notification.findFirstOrThrow();
    // The worker died after the server accepted the mail and before recording it.
    await db.notification.update({
      where: { id: n.id },
      data: { status: "SENDING", sentAt: null, claimedUntil: new Date(Date.now() - 1000) },
    });
    expect(await deliver(new Date())).toMatchObject({ sent: 1 });
    expect(smtp.messages.map((m) => m.messageId)).toEqual([
      notificationMessageId(n.id),
      notificationMessageId(n.id),
    ]);
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

// One mail at a time: the backlog goes out at the pace of one SMTP exchange after another,
// slow on a busy test machine, hence the generous limit (not a timing assertion).
describe("a ten-minute mail outage with 500 mails due", () => {
  it("delivers every one exactly once after the server returns", { timeout: 600_000 }, async () => {
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
    expect(await db.notification.count({ where: { attempts: { gt: 0 } } })).toBe(0);
    await smtp.start();
    // The first tick after the server's return sends the whole backlog.
    const back = await deliverDueNotifications(db, smtpSender(smtp.url), {
      appUrl: TEST_APP_URL,
      now,
      batchSize: 500,
    });
    expect(back.sent).toBe(500);
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
