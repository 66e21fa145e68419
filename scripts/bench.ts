// `npm run bench`: timings of the hot paths on a fresh SQLite file (or DATABASE_URL when it
// points at PostgreSQL). Tests never assert timings; this is where they are measured.
// `npm run bench -- --scale small|medium|large`: the scale benchmark over HTTP instead
// (scripts/bench/scale.ts).
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { applyMigrations } from "./lib/migrations";
import { createTestOrg } from "../tests/fixtures/org";
import { TestSmtpServer } from "../tests/fixtures/smtp";
import { sweepDeadlines } from "~/jobs/deadline-sweep.server";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { searchCases } from "~/models/incident-search.server";
import { createIncident } from "~/models/incident.server";
import { createWebhookEndpoint } from "~/models/webhook.server";
import { previewPeopleImport, runPeopleImport } from "~/models/people-import.server";
import { createApiToken } from "~/models/api-token.server";
import * as accountBatchRoute from "~/routes/api.v1.accounts.batch";
import { createDb } from "~/utils/db.server";
import { smtpSender } from "~/utils/email.server";

import { printFilingPageScripts } from "./bench/filing-page-js";

// The report form's JavaScript, gzipped, from the last build (decision 080: under 150 kB).
printFilingPageScripts();

if (process.argv.includes("--scale")) {
  await import("./bench/scale");
}
// `npm run bench -- --throughput`: filing, the deadline sweep and the outbox in process
// (scripts/bench/throughput.ts).
if (process.argv.includes("--throughput")) {
  await import("./bench/throughput");
}

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200);
const file = path.join(os.tmpdir(), `portal-bench-${process.pid}.db`);
const url = process.env.DATABASE_URL?.startsWith("postgres")
  ? process.env.DATABASE_URL
  : `file:${file}`;

async function time<T>(label: string, n: number, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  console.log(
    `${label.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms total  ${(ms / n).toFixed(2).padStart(8)} ms each (n=${n})`,
  );
  return result;
}

await applyMigrations(url);
const db = await createDb(url);
const org = await createTestOrg(db, `bench${Date.now()}`);
const filedAt = new Date("2026-11-23T10:00:00Z");

await time("file a report (one transaction)", REPORTS, async () => {
  for (let i = 0; i < REPORTS; i++) {
    await createIncident(
      db,
      {
        reporterId: org.employeeA.id,
        accountId: org.account.id,
        occurredAt: filedAt,
        channel: "PHONE",
        severity: i % 10 === 0 ? "CRITICAL" : "MEDIUM",
        categories: ["VERBAL_ABUSE"],
        narrative: `Benchmark report ${i}`,
      },
      filedAt,
    );
  }
});

// The same filing with three webhook endpoints subscribed: one cached read, one extra insert.
for (let e = 0; e < 3; e++) {
  await createWebhookEndpoint(db, org.admin.id, {
    url: `https://hooks.example.com/bench-${e}`,
    events: ["incident.filed", "deadline.breached"],
  });
}
await time("file a report, 3 webhook endpoints", REPORTS, async () => {
  for (let i = 0; i < REPORTS; i++) {
    await createIncident(
      db,
      {
        reporterId: org.employeeA.id,
        accountId: org.account.id,
        occurredAt: filedAt,
        channel: "PHONE",
        severity: "MEDIUM",
        categories: ["VERBAL_ABUSE"],
        narrative: `Benchmark report with webhooks ${i}`,
      },
      filedAt,
    );
  }
});

const overdue = new Date("2026-11-30T12:00:00Z");
const swept = await time("deadline sweep (reminders + escalations)", REPORTS, () =>
  sweepDeadlines(db, { now: overdue, batchSize: 10_000 }),
);
console.log(`  ${swept.reminders} reminders, ${swept.escalations} escalations`);

const hr = { id: org.hr.id, role: "HR" as const, managedTeamIds: [] };
const SEARCHES = 20;
await time("HR search: first page (full-text index)", SEARCHES, async () => {
  for (let i = 0; i < SEARCHES; i++) {
    await searchCases(db, hr, { terms: ["report", String(i)] });
  }
});

const smtp = new TestSmtpServer();
await smtp.start();
const pending = await db.notification.count({ where: { status: "PENDING" } });
await time("deliver the outbox over SMTP (loopback)", pending, () =>
  deliverDueNotifications(db, smtpSender(smtp.url), {
    appUrl: "http://localhost:3000",
    batchSize: 100_000,
  }),
);
await smtp.stop();

// People import: 20,000 rows from an HR export in 200 teams, then the same file again.
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const admin = await db.user.create({
  data: { email: `bench-admin-${Date.now()}@bench.example`, name: "Bench Admin", role: "ADMIN" },
});
const tag = Date.now().toString(36);
const peopleRows = [["employee_id", "email", "name", "team", "manager", "role", "time_zone"]];
peopleRows.push([`${tag}-H`, `head-${tag}@bench.example`, "Head", "", "", "MANAGER", ""]);
for (let t = 0; t < 200; t++) {
  peopleRows.push([
    `${tag}-M${t}`,
    `m${t}-${tag}@bench.example`,
    `Manager ${t}`,
    `Bench team ${tag} ${t}`,
    `${tag}-H`,
    "MANAGER",
    "Europe/Paris",
  ]);
}
for (let i = 0; peopleRows.length <= PEOPLE; i++) {
  const t = i % 200;
  peopleRows.push([
    `${tag}-E${i}`,
    `p${i}-${tag}@bench.example`,
    `Person ${i}`,
    `Bench team ${tag} ${t}`,
    `${tag}-M${t}`,
    "",
    "",
  ]);
}
const peopleCsv = peopleRows.map((r) => r.join(",")).join("\n");
const previewed = await time(`people import: preview ${PEOPLE} rows`, PEOPLE, () =>
  previewPeopleImport(db, peopleCsv, admin.id),
);
console.log(
  `  ${previewed.plan?.creates} new, ${previewed.plan?.errors.length} rows with problems`,
);
const imported = await time(`people import: write ${PEOPLE} rows`, PEOPLE, () =>
  runPeopleImport(db, peopleCsv, admin.id),
);
console.log(`  ${imported.ok ? `${imported.created} created` : "refused"}`);
await time(`people import: same file again (no change)`, PEOPLE, () =>
  runPeopleImport(db, peopleCsv, admin.id),
);
// The CRM API: 20,000 accounts in batches of 1,000 through the route (JSON parsing, token
// check, zod, one transaction per batch), then the same again as updates.
const API_ACCOUNTS = Number(process.env.BENCH_API_ACCOUNTS ?? 20_000);
const API_BATCH = 1000;
// The route reads the process-wide client; point it at this benchmark's database.
(globalThis as { __db?: Promise<typeof db> }).__db = Promise.resolve(db);
const apiToken = await createApiToken(db, admin.id, {
  name: "bench",
  scopes: ["accounts:write"],
  lifetime: "30",
});
const apiBatches = Array.from({ length: Math.ceil(API_ACCOUNTS / API_BATCH) }, (_, b) =>
  JSON.stringify({
    accounts: Array.from({ length: Math.min(API_BATCH, API_ACCOUNTS - b * API_BATCH) }, (_, i) => {
      const n = b * API_BATCH + i;
      return {
        crm_id: `BENCH-${tag}-${n}`,
        name: `Bench account ${n}`,
        segment: "MID_MARKET",
        arr: `${(n % 500) * 1000}.00`,
        currency: "GBP",
        renewal_date: "2027-06-30",
        payment_status: n % 7 === 0 ? "LATE" : "CURRENT",
        days_overdue: String(n % 7 === 0 ? 30 : 0),
      };
    }),
  }),
);
async function postBatches(label: string) {
  await time(label, API_ACCOUNTS, async () => {
    for (const body of apiBatches) {
      const res = (await accountBatchRoute.action({
        request: new Request("http://bench.local/api/v1/accounts/batch", {
          method: "POST",
          headers: {
            Authorization: `Bearer ${apiToken.secret}`,
            "Content-Type": "application/json",
          },
          body,
        }),
        params: {},
        context: {},
      })) as Response;
      if (res.status !== 200) throw new Error(`API batch answered ${res.status}`);
    }
  });
}
await postBatches(`API: upsert ${API_ACCOUNTS} accounts (new), batches of ${API_BATCH}`);
await postBatches(`API: upsert ${API_ACCOUNTS} accounts (updates), batches of ${API_BATCH}`);

await db.$disconnect();
if (url.startsWith("file:"))
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
process.exit(0);
