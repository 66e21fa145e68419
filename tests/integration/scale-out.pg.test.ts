import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyIncidentChain } from "~/models/case-event.server";
import { getDb, type Db } from "~/utils/db.server";
import {
  ensureBuiltApp,
  freePort,
  startProcess,
  stopProcess,
  waitForHttp,
  waitForOutput,
  type AppProcess,
} from "../fixtures/app-processes";
import { createOverdueClocks } from "../fixtures/deadlines";
import { createTestOrg, TEST_PASSWORD, type TestOrg } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// PostgreSQL only: the deployment README.md describes for more than one instance. Two real web
// servers (server.ts, WORKER_IN_PROCESS=false) and three real workers (`npm run worker`) on one
// database. People file reports over HTTP on both servers at once (some sent to both with the
// same submission key), then hundreds of clocks fall due at one moment and the three workers
// escalate them while managers keep loading pages. Not one 5xx; every report filed once; every
// clock escalated once, with one timeline entry and one mail per recipient; every chain intact.

const REPORTS = 60;
/** Overdue clocks added straight into the database, so the workers' batches overlap. */
const EXTRA_CLOCKS = 300;

type Hit = { server: string; method: string; path: string; status: number; ms: number };

let db: Db;
let org: TestOrg;
let extraBatch: string;
const smtp = new TestSmtpServer();
const servers: { base: string; proc: AppProcess }[] = [];
const workers: AppProcess[] = [];
const hits: Hit[] = [];

/** One request to one server, every answer recorded (a 5xx anywhere fails the test). */
async function request(
  base: string,
  path: string,
  opts: { cookie?: string; form?: Record<string, string | string[]> } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.Cookie = opts.cookie;
  let body: URLSearchParams | undefined;
  if (opts.form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form)) for (const x of [v].flat()) body.append(k, x);
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers.Origin = base;
  }
  const method = body ? "POST" : "GET";
  let res: Response;
  const started = Date.now();
  try {
    res = await fetch(base + path, { method, headers, body, redirect: "manual" });
  } catch (error) {
    // A dropped connection is as bad as a 5xx: recorded as one.
    hits.push({ server: base, method, path, status: 599, ms: Date.now() - started });
    throw error;
  }
  const text = await res.text();
  hits.push({ server: base, method, path, status: res.status, ms: Date.now() - started });
  return { status: res.status, location: res.headers.get("Location"), text, headers: res.headers };
}

/** What the servers printed besides starting up: the errors behind any 5xx. */
function serverLogs(): string {
  return servers
    .flatMap((s) => s.proc.output.map((line) => `${s.proc.name}: ${line}`))
    .filter((line) => !/listening on|planner statistics/.test(line))
    .slice(0, 80)
    .join("\n");
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await request(base, "/login", { form: { email, password: TEST_PASSWORD } });
  expect(res.status, `sign-in of ${email} on ${base}`).toBe(302);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Polls until `done` answers true, for at most `ms` (then the test's own checks fail). */
async function waitUntil(done: () => Promise<boolean>, ms = 60_000) {
  const until = Date.now() + ms;
  while (!(await done()) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** "YYYY-MM-DDTHH:MM" a day ago, as the form's date-time field sends it. */
function yesterdayLocal(): string {
  return new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 16);
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL!;
  expect(url).toMatch(/^postgres/);
  ensureBuiltApp();
  db = await getDb();
  org = await createTestOrg(db);
  // Created before any worker runs and set in the future at once; they fall due with the rest.
  extraBatch = await createOverdueClocks(db, org, EXTRA_CLOCKS);
  const later = new Date(Date.now() + 24 * 3600_000);
  await db.deadline.updateMany({
    where: { incidentId: { startsWith: `${extraBatch}-` } },
    data: { dueAt: later, remindAt: later },
  });
  await smtp.start();

  const ports = [await freePort(), await freePort()];
  const shared = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: url,
    COOKIE_SECURE: "false",
    SMTP_URL: smtp.url,
    WORKER_IN_PROCESS: "false",
  };
  for (const port of ports) {
    const base = `http://127.0.0.1:${port}`;
    const proc = startProcess(`server :${port}`, ["server.ts"], {
      ...shared,
      PORT: String(port),
      APP_URL: base,
    });
    servers.push({ base, proc });
  }
  for (let i = 1; i <= 3; i++) {
    workers.push(
      startProcess(`worker ${i}`, ["app/jobs/worker-cli.ts"], {
        ...shared,
        APP_URL: servers[0].base,
        WORKER_INTERVAL_MS: "250",
      }),
    );
  }
  await Promise.all([
    ...servers.map((s) => waitForHttp(`${s.base}/healthz`, s.proc)),
    ...workers.map((w) => waitForOutput(w, /\[worker\] running/)),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([...servers.map((s) => stopProcess(s.proc)), ...workers.map(stopProcess)]);
  await smtp.stop();
});

describe("two servers and three workers on one PostgreSQL database", () => {
  it(
    "file and escalate concurrently without one 5xx, each step exactly once",
    { timeout: 150_000 },
    async () => {
      const [s1, s2] = servers.map((s) => s.base);
      const reporters = [org.employeeA, org.colleagueA, org.employeeB];
      const managers = [org.managerA, org.managerB, org.headOf];
      // Everyone signs in on each server.
      const cookie = new Map<string, string>();
      await Promise.all(
        [...reporters, ...managers].flatMap((p) =>
          [s1, s2].map(async (base) => cookie.set(`${p.id}@${base}`, await signIn(base, p.email))),
        ),
      );
      const as = (personId: string, base: string) => cookie.get(`${personId}@${base}`)!;

      // Managers keep loading their queue and their cases on both servers throughout.
      const caseOf = new Map<string, string>(); // reference -> assignee id
      let browsing = true;
      const browseProblems: string[] = [];
      const browse = async (manager: { id: string }, n: number) => {
        for (let i = 0; browsing; i++) {
          const base = (i + n) % 2 === 0 ? s1 : s2;
          try {
            const queue = await request(base, "/queue", { cookie: as(manager.id, base) });
            if (queue.status !== 200) browseProblems.push(`queue on ${base}: ${queue.status}`);
            const mine = [...caseOf].filter(([, assignee]) => assignee === manager.id);
            if (mine.length === 0) continue;
            const [reference] = mine[i % mine.length];
            const page = await request(base, `/cases/${reference}`, {
              cookie: as(manager.id, base),
            });
            if (page.status !== 200 || !page.text.includes(reference)) {
              browseProblems.push(`case ${reference} on ${base}: ${page.status}`);
            }
          } catch (error) {
            browseProblems.push(`${base}: ${String(error)}`);
          }
        }
      };
      const browsers = Promise.all(managers.map((m, n) => browse(m, n)));
      try {
        // 60 reports at once, spread over both servers; every fourth also sent to the other
        // server with the same key at the same moment (a retry through another instance).
        const filings = Array.from({ length: REPORTS }, (_, i) => {
          const reporter = reporters[i % reporters.length];
          const fields = {
            submissionKey: randomUUID(),
            accountId: org.account.id,
            occurredAt: yesterdayLocal(),
            timeZone: "UTC",
            channel: "PHONE",
            severity: ["LOW", "MEDIUM", "HIGH"][i % 3],
            categories: "VERBAL_ABUSE",
            narrative: `Scale-out report ${i}: the caller shouted and swore at me.`,
          };
          const targets = i % 4 === 0 ? [s1, s2] : [i % 2 === 0 ? s1 : s2];
          return { key: fields.submissionKey, reporter, fields, targets };
        });
        const phases: string[] = [];
        let t0 = Date.now();
        const phase = (name: string) => {
          phases.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          t0 = Date.now();
        };
        const answers = await Promise.all(
          filings.map((f) =>
            Promise.all(
              f.targets.map((base) =>
                request(base, "/reports/new", { cookie: as(f.reporter.id, base), form: f.fields }),
              ),
            ),
          ),
        );
        phase("filing");
        expect(
          hits.filter((h) => h.status >= 500),
          serverLogs(),
        ).toEqual([]);
        const slowestFiling = Math.max(
          ...hits.filter((h) => h.path === "/reports/new").map((h) => h.ms),
        );
        const referenceOf = new Map<string, string>();
        answers.forEach((sent, i) => {
          for (const a of sent) {
            expect(a.status, `filing ${i}: ${a.text.slice(0, 300)}`).toBe(302);
            expect(a.location).toMatch(/^\/reports\/INC-[\w-]+\?filed=1$/);
          }
          // Both servers answered the same key with the same report.
          expect(new Set(sent.map((a) => a.location)).size, `filing ${i}`).toBe(1);
          referenceOf.set(filings[i].key, sent[0].location!.split("/")[2].split("?")[0]);
        });

        // Filed exactly once each, under the reference the answer named.
        const filed = await db.incident.findMany({
          where: { submissionKey: { in: filings.map((f) => f.key) } },
          select: { id: true, reference: true, submissionKey: true, assigneeId: true },
        });
        expect(filed).toHaveLength(REPORTS);
        expect(new Set(filed.map((r) => r.reference)).size).toBe(REPORTS);
        for (const r of filed) expect(r.reference).toBe(referenceOf.get(r.submissionKey!));
        expect(
          await db.incident.count({ where: { reporterId: { in: reporters.map((r) => r.id) } } }),
        ).toBe(REPORTS + EXTRA_CLOCKS);
        for (const r of filed) caseOf.set(r.reference, r.assigneeId!);

        // Every clock of these reports, and the extra ones, falls due at one moment.
        const incidentIds = [
          ...filed.map((r) => r.id),
          ...Array.from({ length: EXTRA_CLOCKS }, (_, i) => `${extraBatch}-${i}`),
        ];
        const past = new Date(Date.now() - 3600_000);
        const { count: due } = await db.deadline.updateMany({
          where: { incidentId: { in: incidentIds }, metAt: null },
          data: { dueAt: past, remindAt: past },
        });
        expect(due).toBe(REPORTS * 4 + EXTRA_CLOCKS);
        const clocks = await db.deadline.findMany({
          where: { incidentId: { in: incidentIds } },
          select: { id: true, incidentId: true, kind: true },
        });

        // The workers escalate while the managers browse; then their mails go out. (Bounded
        // waits, not timing assertions: what is unfinished then fails the counts below.)
        const inCases = { incidentId: { in: incidentIds } };
        await waitUntil(
          async () =>
            (await db.deadline.count({ where: { ...inCases, escalationLevel: 0 } })) === 0,
        );
        phase("escalating");
        await waitUntil(
          async () =>
            (await db.notification.count({ where: { ...inCases, status: { not: "SENT" } } })) === 0,
        );
        phase("mailing");
        browsing = false;
        await browsers;

        // Not one 5xx (or dropped connection) from either server, listed with its request.
        expect(
          hits.filter((h) => h.status >= 500),
          serverLogs(),
        ).toEqual([]);
        expect(hits.length).toBeGreaterThan(REPORTS);
        expect(browseProblems).toEqual([]);
        // Nor a failed worker tick.
        const failedTicks = workers.flatMap((w) =>
          w.output.filter((l) => /tick failed|failed:/.test(l)).map((l) => `${w.name}: ${l}`),
        );
        expect(failedTicks).toEqual([]);

        // Every clock escalated exactly once, to level 1.
        const escalations = await db.escalation.findMany({
          where: { incidentId: { in: incidentIds } },
          select: { deadlineId: true, level: true },
        });
        expect(escalations).toHaveLength(clocks.length);
        expect(new Set(escalations.map((e) => e.deadlineId)).size).toBe(clocks.length);
        expect(escalations.every((e) => e.level === 1)).toBe(true);

        // One timeline entry per clock, and one mail per recipient that entry names.
        const events = await db.caseEvent.findMany({
          where: { incidentId: { in: incidentIds }, type: "ESCALATED" },
          select: { incidentId: true, data: true },
        });
        const entries = events.map((e) => ({
          incidentId: e.incidentId,
          ...(JSON.parse(e.data) as { kind: string; level: number; toUserIds: string[] }),
        }));
        expect(new Set(entries.map((e) => `${e.incidentId}|${e.kind}`)).size).toBe(clocks.length);
        expect(entries).toHaveLength(clocks.length);
        const clockId = new Map(clocks.map((c) => [`${c.incidentId}|${c.kind}`, c.id]));
        const expectedKeys = entries.flatMap((e) =>
          e.toUserIds.map(
            (u) => `deadline:${clockId.get(`${e.incidentId}|${e.kind}`)}:escalation:1:${u}`,
          ),
        );
        expect(expectedKeys.length).toBeGreaterThanOrEqual(clocks.length);
        const escalationMails = await db.notification.findMany({
          where: { incidentId: { in: incidentIds }, template: "DEADLINE_ESCALATION" },
          select: { idempotencyKey: true },
        });
        expect(escalationMails.map((m) => m.idempotencyKey).sort()).toEqual(expectedKeys.sort());

        // Every mail of these cases delivered, each exactly once by its Message-ID.
        const mails = await db.notification.findMany({
          where: { incidentId: { in: incidentIds } },
          select: { id: true, status: true },
        });
        expect(mails.filter((m) => m.status !== "SENT")).toEqual([]);
        const received = new Map<string, number>();
        for (const m of smtp.messages) {
          received.set(m.messageId ?? "", (received.get(m.messageId ?? "") ?? 0) + 1);
        }
        const wrongCount = mails
          .map((m) => ({ id: m.id, times: received.get(`<${m.id}@incident-portal>`) ?? 0 }))
          .filter((m) => m.times !== 1);
        expect(wrongCount).toEqual([]);
        expect(smtp.messages).toHaveLength(mails.length);

        // Every case's hash chain verifies.
        const broken = [];
        for (const id of incidentIds) {
          const verdict = await verifyIncidentChain(db, id);
          if (!verdict.ok) broken.push({ id, ...verdict });
        }
        expect(broken).toEqual([]);

        // How the work was shared (for the log; any split is correct).
        const shares = workers.map((w) =>
          w.output
            .map((l) => /deadlines: \d+ reminders, (\d+) escalations/.exec(l)?.[1])
            .reduce((sum, n) => sum + Number(n ?? 0), 0),
        );
        expect(shares.reduce((a, b) => a + b, 0)).toBe(clocks.length);
        console.log(
          `escalations per worker: ${shares.join(", ")}; requests answered: ${hits.length}; ` +
            `${phases.join(", ")} (slowest filing ${(slowestFiling / 1000).toFixed(1)} s)`,
        );
      } finally {
        browsing = false;
        await browsers;
      }
    },
  );
});
