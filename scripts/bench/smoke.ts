// `npm run bench:smoke`: the scale benchmark at small scale as CI's smoke test. Builds the app
// when there is no build, runs on SQLite and, when BENCH_PG_URL (or DATABASE_URL) names a
// PostgreSQL server, on PostgreSQL at the same time (each on its own port; each one's output is
// printed whole when it ends). Fails on errors only (a 4xx/5xx, a refused connection, a filing
// that did not file), never on timings.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("build/index.js")) {
  const built = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Runs one benchmark, keeping its output until it ends; resolves with its exit code. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(args[0], args.slice(1), { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => out.push(d));
    child.on("close", (code) => {
      process.stdout.write(`\n$ ${args.join(" ")}\n${Buffer.concat(out).toString()}`);
      resolve(code ?? 1);
    });
  });
}

const pgUrl =
  process.env.BENCH_PG_URL ??
  (process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined);
// Without DATABASE_URL, so a PostgreSQL one does not redirect the SQLite run.
const env = { ...process.env };
delete env.DATABASE_URL;
const bench = [process.execPath, "--import", "tsx", "scripts/bench.ts", "--scale", "small"];
const port = Number(process.env.BENCH_PORT ?? 3190);
const runs = [run(bench, { ...env, BENCH_PORT: String(port) })];
if (pgUrl) runs.push(run([...bench, "--db-url", pgUrl], { ...env, BENCH_PORT: String(port + 1) }));
else console.log("\nNo BENCH_PG_URL or PostgreSQL DATABASE_URL: PostgreSQL skipped.");
const codes = await Promise.all(runs);
process.exit(codes.find((c) => c !== 0) ?? 0);
