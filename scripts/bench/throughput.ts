// `npm run bench -- --throughput`: filing, the deadline sweep and the outbox, in process on a
// fresh SQLite file (or DATABASE_URL when it points at PostgreSQL). Timings only; the tests
// prove correctness. Sizes: BENCH_FILINGS (default 300), BENCH_DUE_CLOCKS (20,000; the issue's
// target is 100,000 in under 10 s), BENCH_MAILS (2,000), BENCH_LANES (outbox lanes to compare,
// default "1,8").
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { applyMigrations } from "../lib/migrations";
import { createTestOrg } from "../../tests/fixtures/org";
import { TestSmtpServer } from "../../tests/fixtures/smtp";
import { sweepDeadlines } from "~/jobs/deadline-sweep.server";
import { deliverDueNotifications, MailCircuit } from "~/jobs/outbox.server";
import { createIncident } from "~/models/incident.server";
import { createDb } from "~/utils/db.server";
import { smtpSender } from "~/utils/email.server";

const FILINGS = Number(process.env.BENCH_FILINGS ?? 300);
const DUE = Number(process.env.BENCH_DUE_CLOCKS ?? 20_000);
const MAILS = Number(process.env.BENCH_MAILS ?? 2_000);
const LANES = (process.env.BENCH_LANES ?? "1,8").split(",").map(Number);
const file = path.join(os.tmpdir(), `portal-throughput-${process.pid}.db`);
const url = process.env.DATABASE_URL?.startsWith("postgres")
  ? process.env.DATABASE_URL
  : `file:${file}`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const line = (label: string, ms: number, n: number) =>
  console.log(
    `${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms  ${((n * 1000) / ms).toFixed(0).padStart(7)}/s  (n=${n})`,
  );

console.log(
  `database: ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}; load average ${load()}`,
);
await applyMigrations(url);
const db = await createDb(url);
const tag = `tp${Date.now().toString(36)}`;
const org = await createTestOrg(db, tag);

// Filing: one report after another, each naming the same contact (so the repeat-offender
// check finds a previous incident and flags: the longest path).
{
  const at = new Date("2026-11-23T10:00:00Z");
  const t0 = performance.now();
  for (let i = 0; i < FILINGS; i++) {
    await createIncident(
      db,
      {
        reporterId: org.employeeA.id,
        accountId: org.account.id,
        occurredAt: at,
        channel: "PHONE",
        severity: i % 10 === 0 ? "CRITICAL" : "MEDIUM",
        categories: ["VERBAL_ABUSE"],
        narrative: `Throughput report ${i}`,
        contactIds: [org.contact.id],
      },
      at,
    );
  }
  line("file a report (in process, one at a time)", performance.now() - t0, FILINGS);
}

// The deadline sweep: DUE open cases, each with an ACKNOWLEDGE clock an hour overdue.
{
  const due = new Date("2026-11-25T11:00:00Z");
  const now = new Date("2026-11-25T12:00:00Z");
  const t0 = performance.now();
  for (let from = 0; from < DUE; from += 5_000) {
    const ids = Array.from(
      { length: Math.min(5_000, DUE - from) },
      (_, i) => `${tag}-d${from + i}`,
    );
    await db.incident.createMany({
      data: ids.map((id) => ({
        id,
        reference: `INC-1901-${id}`,
        reporterId: org.employeeA.id,
        accountId: org.account.id,
        assigneeId: org.managerA.id,
        occurredAt: due,
        channel: "PHONE",
        reporterSeverity: "HIGH",
        narrative: "due clock",
        nextDueAt: due,
      })),
    });
    await db.deadline.createMany({
      data: ids.map((incidentId) => ({
        incidentId,
        kind: "ACKNOWLEDGE",
        businessHours: true,
        windowMinutes: 240,
        startedAt: new Date("2026-11-25T07:00:00Z"),
        dueAt: due,
        remindAt: due,
      })),
    });
  }
  console.log(`  (created ${DUE} due clocks in ${(performance.now() - t0).toFixed(0)} ms)`);
  // The previous step's clocks are due too (a week later): sweep only what this step made.
  await sweepDeadlines(db, { now: new Date("2026-11-24T00:00:00Z"), maxBatches: 1_000_000 });
  const t1 = performance.now();
  let escalations = 0;
  for (;;) {
    const r = await sweepDeadlines(db, { now, maxBatches: 1_000_000 });
    escalations += r.escalations;
    if (r.escalations + r.reminders === 0) break;
  }
  line(`deadline sweep: ${DUE} due clocks`, performance.now() - t1, escalations);
}

// The outbox: MAILS queued mails to the loopback SMTP server, once per number of lanes.
const smtp = new TestSmtpServer();
await smtp.start();
for (const lanes of LANES) {
  await db.notification.deleteMany({});
  await db.notification.createMany({
    data: Array.from({ length: MAILS }, (_, i) => ({
      idempotencyKey: `${tag}-mail-${lanes}-${i}`,
      recipientId: org.managerA.id,
      toEmail: org.managerA.email,
      template: "DEADLINE_REMINDER",
      data: JSON.stringify({
        reference: `INC-1901-${i}`,
        kind: "ACKNOWLEDGE",
        dueAt: "2026-11-25T11:00:00.000Z",
      }),
      nextAttemptAt: new Date(0),
    })),
  });
  const send = smtpSender(smtp.url);
  const circuit = new MailCircuit();
  const t0 = performance.now();
  let sent = 0;
  for (;;) {
    const r = await deliverDueNotifications(db, send, {
      appUrl: "http://localhost:3000",
      batchSize: 100_000,
      circuit,
      lanes,
    });
    sent += r.sent;
    if (r.sent + r.failed + r.dead === 0) break;
  }
  line(`outbox over SMTP (loopback), ${lanes} lane(s)`, performance.now() - t0, sent);
}
await smtp.stop();
console.log(`load average after: ${load()}`);
await db.$disconnect();
if (url.startsWith("file:"))
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
process.exit(0);
