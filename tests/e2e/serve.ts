import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../scripts/lib/migrations";
import { TestSmtpServer } from "../fixtures/smtp";
import { testTmpDir } from "../fixtures/templates";

// The browser tests' server: a fresh SQLite file, migrated and seeded; a real SMTP server on
// loopback; and the production server (server.ts) with its worker, on E2E_PORT.
const port = process.env.E2E_PORT ?? "3100";
// Named by port, so a browser test can point a second server at the same file.
const file = path.join(testTmpDir(), `portal-e2e-${port}.db`);
const url = `file:${file}`;
for (const s of ["", "-wal", "-shm", ".writer-lock"]) rmSync(file + s, { force: true });

await applyMigrations(url);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  PORT: port,
  DATABASE_URL: url,
  APP_URL: `http://localhost:${port}`,
  COOKIE_SECURE: "false",
  WORKER_INTERVAL_MS: "1000",
  SEED_QUIET: "1",
  // The shared browser tests sign in as HR, leadership and admin with a password alone, as the
  // demo does; sign-in-security.spec.ts runs its own server with two-step sign-in required.
  TWO_FACTOR_REQUIRED: "false",
  // The webhooks test registers a receiver on 127.0.0.1 over plain http.
  WEBHOOK_ALLOW_HTTP_LOOPBACK: "true",
};
const tsx = path.resolve("node_modules/.bin/tsx");
await new Promise<void>((resolve, reject) => {
  const seed = spawn(tsx, ["prisma/seed.ts"], { stdio: "inherit", env });
  seed.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed failed: ${code}`))));
});

const smtp = new TestSmtpServer();
await smtp.start();
const server = spawn(tsx, ["server.ts"], {
  stdio: "inherit",
  env: { ...env, SMTP_URL: smtp.url },
});

const stop = async () => {
  server.kill("SIGTERM");
  await smtp.stop();
  for (const s of ["", "-wal", "-shm", ".writer-lock"]) rmSync(file + s, { force: true });
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  console.error(`server exited with ${code}`);
  process.exit(code ?? 1);
});
