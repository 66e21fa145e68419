// `npm run bench:smoke`: the scale benchmark at small scale as CI's smoke test. Builds the app
// when there is no build, runs on SQLite, then on PostgreSQL when BENCH_PG_URL (or DATABASE_URL)
// names a PostgreSQL server. Fails on errors only (a 4xx/5xx, a refused connection, a filing
// that did not file), never on timings.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function run(args: string[], env: NodeJS.ProcessEnv) {
  console.log(`\n$ ${args.join(" ")}`);
  const result = spawnSync(args[0], args.slice(1), { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync("build/index.js")) run(["npm", "run", "build"], process.env);

const pgUrl =
  process.env.BENCH_PG_URL ??
  (process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined);
// SQLite first: without DATABASE_URL, so a PostgreSQL one does not redirect this run.
const sqliteEnv = { ...process.env };
delete sqliteEnv.DATABASE_URL;
const bench = [process.execPath, "--import", "tsx", "scripts/bench.ts", "--scale", "small"];
run(bench, sqliteEnv);
if (pgUrl) run([...bench, "--db-url", pgUrl], sqliteEnv);
else console.log("\nNo BENCH_PG_URL or PostgreSQL DATABASE_URL: PostgreSQL skipped.");
