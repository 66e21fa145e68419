import { describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS } from "~/domain/backoff";
import { deliverDueNotifications, PROBE_INTERVAL_MS } from "~/jobs/outbox.server";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { outboxForThisFile } from "../fixtures/outbox";

// How the mail worker paces itself when a real SMTP server on loopback refuses mail or is
// unavailable: the worker's own decisions (backoff, the breaker's probes), so SQLite only; the
// outbox's claims and exactly-once delivery are in outbox.test.ts, on both databases.

const { db, smtp, fileReport, deliver } = await outboxForThisFile();

describe("the mail worker through refusals and outages", () => {
  it("backs off exponentially on a permanent refusal and sets a mail aside after the last attempt", async () => {
    smtp.answer = { code: 550, message: "Mailbox unavailable" };
    try {
      await fileReport(2);
      let now = new Date();
      const gaps: number[] = [];
      for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
        const report = await deliver(now);
        const n = await db.notification.findFirstOrThrow();
        expect(n.attempts).toBe(attempt);
        expect(n.lastError).toContain("Mailbox unavailable");
        if (attempt < MAX_DELIVERY_ATTEMPTS) {
          expect(report).toEqual({ sent: 0, failed: 1, dead: 0 });
          gaps.push(n.nextAttemptAt.getTime() - now.getTime());
          now = new Date(n.nextAttemptAt.getTime() + 1);
        } else {
          expect(report.dead).toBe(1);
          expect(n.status).toBe("DEAD");
        }
      }
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
      smtp.answer = null;
      expect(await deliver(new Date(now.getTime() + 86_400_000))).toEqual({
        sent: 0,
        failed: 0,
        dead: 0,
      });
      expect(smtp.messages).toHaveLength(0);
    } finally {
      smtp.answer = null;
    }
  });

  it.each(["421", "451", "refused"] as const)(
    "pauses on a server that is unavailable (%s) without using up attempts, and resumes within a minute",
    async (kind) => {
      for (let i = 0; i < 10; i++) await fileReport(200 + i);
      const send = smtpSender(smtp.url); // one sender: the worker's, with its breaker
      const tick = (now: Date) => deliverDueNotifications(db, send, { appUrl: TEST_APP_URL, now });
      if (kind === "refused") await smtp.stop();
      else smtp.answer = { code: Number(kind), message: "Try again later" };
      const before = smtp.mailFromCount;
      try {
        // A long outage, the worker ticking every 5 s.
        let now = new Date();
        for (let t = 0; t < 120; t++) {
          const r = await tick(now);
          expect(r).toMatchObject({ sent: 0, failed: 0, dead: 0, serverUnavailable: true });
          now = new Date(now.getTime() + 5_000);
        }
        // Only a probe now and then reached the server, and no mail lost an attempt.
        if (kind !== "refused") {
          const probes = smtp.mailFromCount - before;
          expect(probes).toBeGreaterThanOrEqual(1);
          expect(probes).toBeLessThanOrEqual(Math.ceil((120 * 5_000) / PROBE_INTERVAL_MS) + 1);
        }
        const mails = await db.notification.findMany();
        expect(mails).toHaveLength(10);
        expect(mails.every((m) => m.status === "PENDING" && m.attempts === 0)).toBe(true);

        // The server is back: the ticks of the next minute deliver everything.
        if (kind === "refused") await smtp.start();
        else smtp.answer = null;
        let sent = 0;
        for (let t = 0; t < 12; t++) {
          sent += (await tick(now)).sent;
          now = new Date(now.getTime() + 5_000);
        }
        expect(sent).toBe(10);
        expect(smtp.messages).toHaveLength(10);
        const after = await db.notification.findMany();
        expect(after.every((m) => m.status === "SENT" && m.attempts === 1)).toBe(true);
      } finally {
        smtp.answer = null;
        await smtp.stop();
        await smtp.start();
      }
    },
  );
});
