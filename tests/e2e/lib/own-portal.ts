import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../../../scripts/lib/migrations";

// A second portal server for a spec that needs settings the shared one does not have (two-step
// sign-in required, single sign-on): its own seeded SQLite file, the built app, its own port.

export type OwnPortal = { url: string; dbFile: string; stop: () => Promise<void> };

export async function startOwnPortal(
  port: number,
  env: Record<string, string>,
): Promise<OwnPortal> {
  const dbFile = path.join(os.tmpdir(), `portal-e2e-own-${process.pid}-${port}.db`);
  for (const s of ["", "-wal", "-shm"]) rmSync(dbFile + s, { force: true });
  const url = `http://localhost:${port}`;
  await applyMigrations(`file:${dbFile}`);
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: `file:${dbFile}`,
    APP_URL: url,
    COOKIE_SECURE: "false",
    SEED_QUIET: "1",
    // No mail is read here; deliveries to a closed port just wait in the outbox.
    SMTP_URL: "smtp://127.0.0.1:9",
    WORKER_IN_PROCESS: "false",
    ...env,
  };
  const tsx = path.resolve("node_modules/.bin/tsx");
  await new Promise<void>((resolve, reject) => {
    const seed = spawn(tsx, ["prisma/seed.ts"], { stdio: "inherit", env: fullEnv });
    seed.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`seed failed: ${c}`))));
  });
  const server: ChildProcess = spawn(tsx, ["server.ts"], { stdio: "inherit", env: fullEnv });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    // A limit, not a timing assertion: several helpers' servers may share two busy cores.
    if (i > 720 || server.exitCode !== null) {
      server.kill("SIGTERM"); // never leave it holding the port for the next run
      throw new Error("the spec's own portal server did not start");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dbFile,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      });
      for (const s of ["", "-wal", "-shm"]) rmSync(dbFile + s, { force: true });
    },
  };
}
