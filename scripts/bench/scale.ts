// `npm run bench -- --scale <small|medium|large> [--db <file>] [--conc 1,10,50] [--only <text>]`
//
// Generates the scale data set into a SQLite file (or reuses --db when that file exists), serves
// the built app (`npm run build` first) and measures the pages each role uses over HTTP.
// small is the CI smoke test (well under a minute); medium is a tenth of large.
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { DEMO_PASSWORD } from "../../prisma/demo-logins.mjs";
import { applyMigrations } from "../lib/migrations";
import { generateScaleData, SCALES, SCALE_EMAIL_DOMAIN, type ScaleName } from "./generate";
import {
  formatRow,
  HEADER,
  loginAs,
  measure,
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

// What to open: a recent open case and the busiest account, read back from the file.
const raw = new Database(file, { readonly: true });
const openCase = raw
  .prepare(
    `SELECT reference FROM "Incident" WHERE id LIKE 'si%' AND status <> 'RESOLVED' ORDER BY id DESC LIMIT 1`,
  )
  .get() as { reference: string };
raw.close();
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const who = {
  manager: `manager${pad(0, 5)}@${SCALE_EMAIL_DOMAIN}`,
  hr: `hr${pad(0, 4)}@${SCALE_EMAIL_DOMAIN}`,
  leadership: `lead${pad(0, 4)}@${SCALE_EMAIL_DOMAIN}`,
  employee: `employee${pad(1, 7)}@${SCALE_EMAIL_DOMAIN}`,
};

const pages: PageSpec[] = [
  { label: "home (manager)", path: "/", as: "manager" },
  { label: "manager queue", path: "/queue", as: "manager" },
  { label: "HR queue", path: "/queue", as: "hr" },
  // A word in every generated report (the full-text index's worst case), then a rare one.
  { label: "HR search", path: "/hr/cases?q=threatened", as: "hr" },
  { label: "HR search by reference", path: `/hr/cases?q=${openCase.reference}`, as: "hr" },
  { label: "case page (HR)", path: `/cases/${openCase.reference}`, as: "hr" },
  { label: "account page (leadership)", path: `/accounts/sa${pad(0, 6)}`, as: "leadership" },
  { label: "dashboard, 12 months", path: "/dashboard", as: "leadership" },
  { label: "report form", path: "/reports/new", as: "employee" },
  { label: "colleague type-ahead", path: "/resources/colleagues?q=Z", as: "employee" },
  { label: "account type-ahead", path: "/resources/accounts?q=Rossi", as: "employee" },
].filter((p) => !only || p.label.includes(only));

const port = Number(process.env.BENCH_PORT ?? 3190);
const server = await startServer({ databaseUrl: url, port, log });
let failures = 0;
try {
  const cookies: Record<string, string> = {};
  for (const [role, email] of Object.entries(who))
    cookies[role] = await loginAs(server.origin, email, DEMO_PASSWORD);

  log(`\nPage sizes (uncompressed):`);
  for (const p of pages) {
    t = Date.now();
    const { status, bytes } = await pageSize(server.origin, p.path, cookies[p.as]);
    if (status >= 400) failures++;
    log(
      `  ${p.label.padEnd(34)} ${String(status).padStart(3)} ${(bytes / 1024).toFixed(1).padStart(9)} kB  (first load ${Date.now() - t} ms)`,
    );
  }

  const timeout = scale === "large" ? 60 : 20;
  log(`\nLoad (${scale}; load average before: ${load()})`);
  log(HEADER);
  const rows: Measurement[] = [];
  for (const p of pages) {
    for (const c of concurrency) {
      const amount = scale === "small" ? Math.max(5, c) : Math.max(20, c * 4);
      const m = await measure(server.origin, p, cookies[p.as], c, amount, timeout);
      rows.push(m);
      failures += m.errors;
      log(formatRow(m));
    }
  }
  log(`load average after: ${load()}`);
} catch (error) {
  failures++;
  console.error(error);
} finally {
  await server.stop();
  if (!given) for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
}
if (failures) {
  console.error(`${failures} requests failed (4xx/5xx or refused).`);
  process.exit(1);
}
process.exit(0);
