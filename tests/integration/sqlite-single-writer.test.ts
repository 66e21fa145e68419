import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/utils/db.server";
import {
  claimSqliteWriter,
  releaseSqliteWriter,
  SecondWriterError,
  writerLockPath,
} from "~/utils/writer-lock.server";
import { applyMigrations } from "../../scripts/lib/migrations";

// SQLite is one app process per file, and its transactions take the write lock up front.
// This file uses a SQLite database of its own whatever DATABASE_URL says (PostgreSQL has
// neither rule).

const file = path.join(os.tmpdir(), `portal-single-writer-${process.pid}.db`);
const url = `file:${file}`;
let db: Db;

beforeAll(async () => {
  await applyMigrations(url);
  db = await createDb(url);
});

afterAll(async () => {
  releaseSqliteWriter();
  await db.$disconnect();
  for (const s of ["", "-wal", "-shm", "-journal", ".writer-lock"])
    rmSync(file + s, { force: true });
});

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), args, {
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("SQLite write transactions", () => {
  it("take the write lock when they begin, not at their first write", async () => {
    const other = new Database(file, { timeout: 0 });
    try {
      await db.$transaction(async (tx) => {
        await tx.user.count(); // a read first, as the filing transaction does
        expect(() => other.exec("BEGIN IMMEDIATE")).toThrow(/locked|busy/i);
      });
      // Once committed, the lock is free again.
      other.exec("BEGIN IMMEDIATE");
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
  });
});

describe("one app process per SQLite file", () => {
  it("refuses `npm run worker` beside a process that holds the file", async () => {
    claimSqliteWriter(url);
    const { code, output } = await run(["app/jobs/worker-cli.ts"], {
      DATABASE_URL: url,
      NODE_ENV: "test",
    });
    expect(code).not.toBe(0);
    expect(output).toContain("already using the SQLite database");
    expect(output).toContain("PostgreSQL");
  });

  it("refuses a second claim from another process, and frees the file when the holder stops", async () => {
    const script = `import { claimSqliteWriter } from "~/utils/writer-lock.server";
      try { claimSqliteWriter(${JSON.stringify(url)}); console.log("claimed"); }
      catch (e) { console.log(e.constructor.name); process.exit(3); }`;
    const probe = path.join(os.tmpdir(), `portal-claim-probe-${process.pid}.ts`);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(probe, script);
    try {
      claimSqliteWriter(url);
      const busy = await run(["--tsconfig", "tsconfig.json", probe], {});
      expect(busy.code).toBe(3);
      expect(busy.output).toContain(SecondWriterError.name);
      releaseSqliteWriter();
      const free = await run(["--tsconfig", "tsconfig.json", probe], {});
      expect(free.output).toContain("claimed");
      expect(free.code).toBe(0);
    } finally {
      rmSync(probe, { force: true });
    }
    expect(writerLockPath(url)).toBe(file + ".writer-lock");
  });
});
