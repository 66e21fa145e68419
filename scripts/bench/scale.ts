// `npm run bench -- --scale <small|medium|large> [--db <file>] [--db-url postgres://…]
//   [--conc 1,10,50] [--only <text>] [--no-baseline] [--no-explain] [--no-app] [--keep-db]`
//
// Generates the scale data set into a SQLite file (or reuses --db when that file exists), and with
// --db-url (or DATABASE_URL) naming a PostgreSQL server copies it into a fresh database there
// (scripts/bench/to-postgres.ts). Serves the built app (`npm run build` first) and measures the
// pages each role uses and the filing post over HTTP, then the raw-SQL baseline
// (scripts/bench/baseline-server.ts) doing the same work, and prints both side by side. First it
// opens each page once with the app's query log on and prints every statement whose plan still
// reads a whole large table (scripts/bench/explain.ts).
// small is the CI smoke test (about a minute); medium is a tenth of large.
import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { DEMO_PASSWORD } from "../../prisma/demo-logins.mjs";
import { applyMigrations } from "../lib/migrations";
import { explainStatements, formatPlanReport, readQueryLog, type LoggedStatement } from "./explain";
import { createScratchDatabase, copySqliteToPostgres, dropScratchDatabase } from "./to-postgres";
import { generateScaleData, SCALES, SCALE_EMAIL_DOMAIN, type ScaleName } from "./generate";
import {
  formatRow,
  HEADER,
  loginAs,
  measure,
  num,
  pageSize,
  startServer,
  type Measurement,
  type PageSpec,
} from "./http";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const scale = (arg("scale") ?? "small") as ScaleName;
if (!(scale in SCALES)) {
  console.error(`--scale must be one of ${Object.keys(SCALES).join(", ")}`);
  process.exit(2);
}
if (!existsSync("build/index.js")) {
  console.error("No build found: run `npm run build` first.");
  process.exit(2);
}
const concurrency = (arg("conc") ?? (scale === "small" ? "1,5" : "1,10,50")).split(",").map(Number);
const only = arg("only");
const withBaseline = !process.argv.includes("--no-baseline");
const pgServer =
  arg("db-url") ??
  (process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined);
if (pgServer !== undefined && !/^postgres(ql)?:\/\//.test(pgServer)) {
  console.error("--db-url must be a postgres:// URL (the SQLite file is --db).");
  process.exit(2);
}
const given = arg("db");
const file = path.resolve(
  given ?? path.join(os.tmpdir(), `portal-scale-${scale}-${process.pid}.db`),
);
const url = `file:${file}`;
const log = (s: string) => console.log(s);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

const reuse = given !== undefined && existsSync(file);
let t = Date.now();
await applyMigrations(url);
if (reuse) {
  log(`Reusing ${file}`);
} else {
  log(`Generating the ${scale} data set into ${file} …`);
  const { counts } = await generateScaleData(url, scale, { log });
  log(`Generated in ${((Date.now() - t) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);
}

// Planner statistics as the app keeps them (see app/utils/db-maintenance.server.ts).
{
  const raw = new Database(file);
  t = Date.now();
  raw.exec("ANALYZE");
  log(`ANALYZE: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  raw.close();
}

// What to open and what to file against, read back from the file.
const raw = new Database(file, { readonly: true });
const openCase = raw
  .prepare(
    `SELECT reference FROM "Incident" WHERE id LIKE 'si%' AND status <> 'RESOLVED' ORDER BY id DESC LIMIT 1`,
  )
  .get() as { reference: string };
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const busyAccount = `sa${pad(0, 6)}`;
const { id: busyContact } = raw
  .prepare(`SELECT id FROM "CustomerContact" WHERE "accountId" = ? ORDER BY id LIMIT 1`)
  .get(busyAccount) as { id: string };
raw.close();

// PostgreSQL: the same rows, copied into a database of this run's own.
const pgName = `portal_scale_${scale}_${process.pid}`;
let appUrl = url;
if (pgServer) {
  t = Date.now();
  log(`Copying into PostgreSQL database ${pgName} …`);
  appUrl = await createScratchDatabase(pgServer, pgName);
  await copySqliteToPostgres(file, appUrl, { log });
  log(`PostgreSQL ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
const database = pgServer ? "PostgreSQL" : "SQLite";

const who = {
  manager: `manager${pad(0, 5)}@${SCALE_EMAIL_DOMAIN}`,
  hr: `hr${pad(0, 4)}@${SCALE_EMAIL_DOMAIN}`,
  leadership: `lead${pad(0, 4)}@${SCALE_EMAIL_DOMAIN}`,
  employee: `employee${pad(1, 7)}@${SCALE_EMAIL_DOMAIN}`,
};

// The report form as a browser sends it (multipart, app/routes/reports.new.tsx), with a fresh
// submission key each time so every request files a report of its own.
let filed = 0;
function filingBody() {
  const boundary = `----portalbench${randomUUID()}`;
  const when = new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 16);
  const fields: [string, string][] = [
    ["submissionKey", randomUUID()],
    ["timeZone", "Europe/London"],
    ["accountId", busyAccount],
    ["contactId", busyContact],
    ["occurredAt", when],
    ["channel", "PHONE"],
    ["severity", "MEDIUM"],
    ["categories", "VERBAL_ABUSE"],
    ["narrative", `Benchmark filing ${++filed}: the customer shouted at me during a call.`],
  ];
  const body =
    fields
      .map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const FILING = "filing (POST /reports/new)";
const pages: PageSpec[] = [
  { label: "home (manager)", path: "/", as: "manager" },
  { label: "manager queue", path: "/queue", as: "manager" },
  { label: "HR queue", path: "/queue", as: "hr" },
  // A word in every generated report (the full-text index's worst case), then a rare one.
  { label: "HR search", path: "/hr/cases?q=threatened", as: "hr" },
  { label: "HR search by reference", path: `/hr/cases?q=${openCase.reference}`, as: "hr" },
  { label: "case page (HR)", path: `/cases/${openCase.reference}`, as: "hr" },
  { label: "account page (leadership)", path: `/accounts/${busyAccount}`, as: "leadership" },
  { label: "dashboard, 12 months", path: "/dashboard", as: "leadership" },
  { label: "report form", path: "/reports/new", as: "employee" },
  { label: "colleague type-ahead", path: "/resources/colleagues?q=Z", as: "employee" },
  { label: "account type-ahead", path: "/resources/accounts?q=Rossi", as: "employee" },
  { label: FILING, path: "/reports/new", as: "employee", post: filingBody },
].filter((p) => !only || p.label.includes(only));

/** The employee's reports in the database: every answered filing must have made one. */
async function reportsFiled(): Promise<number> {
  const sql = `SELECT COUNT(*) AS n FROM "Incident" WHERE "narrative" LIKE 'Benchmark filing %'`;
  if (!pgServer) {
    const db = new Database(file, { readonly: true });
    const n = Number((db.prepare(sql).get() as { n: number }).n);
    db.close();
    return n;
  }
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(sql);
  await client.end();
  return Number(rows[0].n);
}

const port = Number(process.env.BENCH_PORT ?? 3190);
const timeout = scale === "large" ? 60 : 20;
let failures = 0;

/** Serves one side (the app or the baseline), signs in, and measures every page. */
async function run(side: "app" | "baseline"): Promise<Map<string, Measurement>> {
  const results = new Map<string, Measurement>();
  // The app signs people in; the baseline reuses its sessions (the same Session rows).
  const server = await startServer({
    databaseUrl: appUrl,
    // One side after the other, so both may use the same port.
    port,
    log,
    script: side === "app" ? undefined : "scripts/bench/baseline-server.ts",
  });
  try {
    if (side === "app") {
      for (const [role, email] of Object.entries(who))
        cookies[role] = await loginAs(server.origin, email, DEMO_PASSWORD);
      log(`\nPage sizes (app, uncompressed):`);
      for (const p of pages.filter((x) => !x.post)) {
        t = Date.now();
        const { status, bytes } = await pageSize(server.origin, p.path, cookies[p.as]);
        if (status >= 400) failures++;
        log(
          `  ${p.label.padEnd(34)} ${String(status).padStart(3)} ${(bytes / 1024).toFixed(1).padStart(9)} kB  (first load ${Date.now() - t} ms)`,
        );
      }
    }
    log(
      `\n${side === "app" ? "The app" : "Raw-SQL baseline"} on ${database} (${scale}; load average before: ${load()})`,
    );
    log(HEADER);
    for (const p of pages) {
      const before = p.post ? await reportsFiled() : 0;
      let sent = 0;
      let timedOut = 0;
      for (const c of concurrency) {
        const amount = scale === "small" ? Math.max(5, c) : Math.max(20, c * 4);
        const m = await measure(server.origin, p, cookies[p.as], c, amount, timeout);
        results.set(`${p.label}|${c}`, m);
        failures += m.errors;
        sent += m.requests - m.errors;
        timedOut += m.timeouts;
        log(formatRow(m));
      }
      if (p.post) {
        const made = (await reportsFiled()) - before;
        log(`  (${made} reports filed for ${sent} answered filings)`);
        // A filing that timed out on our side may still have been filed by the server.
        if (made < sent || made > sent + timedOut) failures++;
      }
    }
    log(`load average after: ${load()}`);
  } finally {
    await server.stop();
  }
  return results;
}

/**
 * Opens every page (and files once) on an app that logs its statements, then reads each
 * distinct statement's plan: the ones that still read a whole large table are printed.
 */
async function explainPages() {
  const queryLog = path.join(os.tmpdir(), `portal-queries-${process.pid}.jsonl`);
  rmSync(queryLog, { force: true });
  const server = await startServer({
    databaseUrl: appUrl,
    port,
    log,
    env: { QUERY_LOG_FILE: queryLog },
  });
  const statements: LoggedStatement[] = [];
  try {
    let lines = 0;
    const take = (page: string) => {
      const read = readQueryLog(queryLog, lines, page);
      statements.push(...read.statements);
      lines = read.lines;
    };
    for (const [role, email] of Object.entries(who)) {
      cookies[role] = await loginAs(server.origin, email, DEMO_PASSWORD);
      take("signing in");
    }
    for (const p of pages) {
      if (p.post) await measure(server.origin, p, cookies[p.as], 1, 1, timeout);
      else await pageSize(server.origin, p.path, cookies[p.as]);
      take(p.label);
    }
  } finally {
    await server.stop();
    rmSync(queryLog, { force: true });
  }
  const report = await explainStatements(appUrl, statements);
  for (const line of formatPlanReport(report, database)) log(line);
  if (report.failed.length) failures++;
}

const cookies: Record<string, string> = {};
const cell = (m: Measurement | undefined) =>
  m
    ? `${num(m.p50).padStart(6)} ${num(m.p95).padStart(6)} ${num(m.rps, 1).padStart(7)}`
    : `${"—".padStart(6)} ${"—".padStart(6)} ${"—".padStart(7)}`;
try {
  if (!process.argv.includes("--no-explain")) await explainPages();
  // --no-app: the baseline alone (its sessions come from the plan reading's sign-ins).
  const app = process.argv.includes("--no-app") ? new Map<string, Measurement>() : await run("app");
  const base = withBaseline ? await run("baseline") : new Map<string, Measurement>();
  if (withBaseline) {
    log(`\nApp against the raw-SQL baseline on ${database} (${scale}); ms and requests/s;`);
    log(
      `"× p50" is the app's median over the baseline's, "× req/s" the baseline's rate over the app's.`,
    );
    log(
      `${"page".padEnd(34)} ${"conc".padStart(4)} | ${"app: p50".padStart(6)} ${"p95".padStart(6)} ${"req/s".padStart(7)} | ${"raw: p50".padStart(6)} ${"p95".padStart(6)} ${"req/s".padStart(7)} | ${"× p50".padStart(6)} ${"× req/s".padStart(7)}`,
    );
    for (const p of pages)
      for (const c of concurrency) {
        const a = app.get(`${p.label}|${c}`);
        const b = base.get(`${p.label}|${c}`);
        const ratio = a && b && b.p50 > 0 ? num(a.p50 / b.p50, 1) : "—";
        const rateRatio = a && b && a.rps > 0 ? num(b.rps / a.rps, 1) : "—";
        log(
          `${p.label.padEnd(34)} ${String(c).padStart(4)} | ${cell(a)} | ${cell(b)} | ${ratio.padStart(6)} ${rateRatio.padStart(7)}`,
        );
      }
  }
} catch (error) {
  failures++;
  console.error(error);
} finally {
  if (!given) for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  if (pgServer && !process.argv.includes("--keep-db")) await dropScratchDatabase(pgServer, pgName);
  else if (pgServer) log(`Kept ${appUrl.replace(/\/\/[^@]*@/, "//")}`);
}
if (failures) {
  console.error(`${failures} requests failed (4xx/5xx or refused), or filings went missing.`);
  process.exit(1);
}
process.exit(0);
