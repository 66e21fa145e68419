import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../../scripts/lib/migrations";
import { PDF_BYTES } from "../fixtures/evidence-files";

// kill -9 of the real server (the built app, as `npm start` runs it) while evidence uploads
// stream in, then a restart: no evidence file may remain without a database row, and every
// report the server acknowledged keeps its files.

const SAM = "sam.employee@demo.example";
const PASSWORD = "demo-portal-2026";
const work = path.join(os.tmpdir(), `portal-crash-${process.pid}`);
const dbFile = path.join(work, "portal.db");
const evidenceDir = path.join(work, "evidence");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  // node itself (not the tsx wrapper), so SIGKILL hits the server and nothing else.
  return spawn(process.execPath, ["--import", "tsx", "server.ts"], { env, stdio: "ignore" });
}

async function waitHealthy(base: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not start");
}

/** One report with a 1.5 MB PDF, streamed slowly so a kill finds it half sent. */
function slowUpload(port: number, base: string, cookie: string, n: number) {
  return new Promise<{ status: number; location: string | null }>((resolve, reject) => {
    const boundary = `----crash-${n}`;
    const field = (k: string, v: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    const head =
      field("submissionKey", crypto.randomUUID()) +
      field("accountId", "__new__") +
      field("newAccountName", `Crash test customer ${n}`) +
      field("occurredAt", "2026-11-20T10:15") +
      field("timeZone", "Europe/London") +
      field("channel", "PHONE") +
      field("severity", "MEDIUM") +
      field("narrative", `Report ${n}: the caller threatened me during the support call.`) +
      `--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="call-${n}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const file = Buffer.alloc(1_500_000, 0x20);
    file.set(PDF_BYTES);
    const tail = `\r\n--${boundary}--\r\n`;
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/reports/new",
        method: "POST",
        headers: {
          Cookie: cookie,
          Origin: base,
          Host: new URL(base).host,
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": Buffer.byteLength(head) + file.length + Buffer.byteLength(tail),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null }),
        );
      },
    );
    req.on("error", reject);
    req.write(head);
    let at = 0;
    const step = () => {
      if (at >= file.length) {
        req.end(tail);
        return;
      }
      req.write(file.subarray(at, at + 100_000));
      at += 100_000;
      setTimeout(step, 40);
    };
    step();
  });
}

test("kill -9 during uploads leaves no evidence file without a row after restart", async () => {
  test.setTimeout(240_000);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(evidenceDir, { recursive: true });
  const url = `file:${dbFile}`;
  await applyMigrations(url);
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: url,
    APP_URL: base,
    COOKIE_SECURE: "false",
    EVIDENCE_DIR: evidenceDir,
    WORKER_INTERVAL_MS: "500",
    SMTP_URL: "smtp://127.0.0.1:9", // nothing listens: mail waits in the outbox
    SEED_QUIET: "1",
  };
  await new Promise<void>((resolve, reject) => {
    const seed = spawn(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
      env,
      stdio: "ignore",
    });
    seed.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed failed: ${code}`))));
  });

  let server = startServer(env);
  try {
    await waitHealthy(base);
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: SAM, password: PASSWORD, redirectTo: "/" }),
    });
    expect(login.status).toBe(302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toContain("=");

    // Twelve lanes of uploads; the server is killed while they stream.
    const acknowledged: string[] = [];
    let n = 0;
    let killed = false;
    const lanes = Array.from({ length: 12 }, async () => {
      while (!killed) {
        try {
          const r = await slowUpload(port, base, cookie, n++);
          if (r.status === 302 && r.location)
            acknowledged.push(r.location.split("/")[2].split("?")[0]);
        } catch {
          return; // the connection died with the server
        }
      }
    });
    // Killed once some uploads were acknowledged and others are streaming, however busy the
    // machine is (a fixed delay found none acknowledged on a loaded machine).
    const started = Date.now();
    while (acknowledged.length < 2 && Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    killed = true;
    server.kill("SIGKILL");
    await Promise.all(lanes);
    const dead = server;
    if (dead.exitCode === null && dead.signalCode === null) {
      await new Promise((r) => dead.once("exit", r));
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    // The kill found uploads half received.
    expect(readdirSync(evidenceDir).filter((f) => f.endsWith(".part")).length).toBeGreaterThan(0);

    server = startServer(env);
    await waitHealthy(base);
    // The worker's first tick sweeps; give it a few ticks.
    for (let i = 0; i < 40; i++) {
      if (readdirSync(evidenceDir).every((f) => !f.endsWith(".part"))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1_000));

    const files = readdirSync(evidenceDir).sort();
    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = (
        db.prepare('SELECT "storedName" FROM "Evidence"').all() as { storedName: string }[]
      )
        .map((r) => r.storedName)
        .sort();
      expect(files.filter((f) => f.endsWith(".part"))).toEqual([]);
      expect(files.filter((f) => !rows.includes(f))).toEqual([]); // no file without a row
      expect(rows.filter((r) => !files.includes(r))).toEqual([]); // no row without its file
      for (const reference of acknowledged) {
        const count = db
          .prepare(
            'SELECT COUNT(*) AS n FROM "Evidence" e JOIN "Incident" i ON i."id" = e."incidentId" WHERE i."reference" = ?',
          )
          .get(reference) as { n: number };
        expect(count.n, reference).toBe(1);
      }
    } finally {
      db.close();
    }
  } finally {
    server.kill("SIGKILL");
    rmSync(work, { recursive: true, force: true });
  }
});
