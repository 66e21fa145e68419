// Our migration runner. `prisma migrate deploy` with the js engine fails on PostgreSQL here
// (decision 001), so this applies prisma/<provider>/migrations/<dir>/migration.sql itself:
// in directory-name order, each file in its own transaction, recorded in a table compatible
// with Prisma's `_prisma_migrations` (so `prisma migrate status` and friends still understand
// the database), refusing to run when an applied file was edited afterwards.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";

export type Provider = "sqlite" | "postgresql";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// The key `prisma migrate` itself locks on, so we also never race a Prisma CLI run.
const PG_LOCK_KEY = 72707369;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

export function providerFromUrl(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(?:ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: or postgres(ql)://, got ${redact(url)}`);
}

export async function applyMigrations(
  databaseUrl: string,
  opts: { log?: (s: string) => void } = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const provider = providerFromUrl(databaseUrl);
  const migrations = readMigrations(provider);
  const applied =
    provider === "sqlite"
      ? applySqlite(databaseUrl, migrations, log)
      : await applyPostgres(databaseUrl, migrations, log);
  return { applied };
}

function readMigrations(provider: Provider): Migration[] {
  const dir = path.join(ROOT, "prisma", provider, "migrations");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      // Prisma's checksum is the sha256 of the file's bytes, hex-encoded.
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    });
}

/** The migrations still to apply, after checking the recorded ones against the files. */
function pendingMigrations(migrations: Migration[], rows: Row[]): Migration[] {
  const applied = new Map<string, Row>();
  for (const row of rows) {
    if (row.rolled_back_at != null) continue; // marked rolled back: Prisma ignores these too
    if (row.finished_at == null) {
      // Only a failed `prisma migrate` leaves this; our runner records inside the transaction.
      throw new Error(
        `migration ${row.migration_name} was started but never finished; fix the database by hand, then delete or complete its _prisma_migrations row`,
      );
    }
    applied.set(row.migration_name, row);
  }
  for (const m of migrations) {
    const row = applied.get(m.name);
    if (row && row.checksum !== m.checksum) {
      throw new Error(
        `migration ${m.name} was edited after it was applied (recorded checksum ${row.checksum}, file now ${m.checksum}); restore the file and add a new migration instead`,
      );
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

function failed(m: Migration, err: unknown): Error {
  const msg = err instanceof Error ? err.message : String(err);
  return new Error(`migration ${m.name} failed and was rolled back: ${msg}`, { cause: err });
}

// --- SQLite -------------------------------------------------------------------------------

/** `file:./x.db`, `file:/abs/x.db` or `file:///abs/x.db`, relative paths from process.cwd(). */
export function sqlitePathFromUrl(url: string): string {
  const withoutQuery = url.replace(/\?.*$/, "");
  if (withoutQuery.startsWith("file://")) return fileURLToPath(withoutQuery);
  return path.resolve(process.cwd(), withoutQuery.slice("file:".length));
}

function applySqlite(url: string, migrations: Migration[], log: (s: string) => void): string[] {
  const file = sqlitePathFromUrl(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 15_000 }); // wait for another migrating process
  const applied: string[] = [];
  try {
    // Same columns as the table Prisma creates on SQLite.
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    // Prisma's SQLite migrations redefine tables (create new, copy, drop old, rename). With
    // foreign keys on, dropping the old table runs its children's ON DELETE actions: redefining
    // "Incident" would silently empty IncidentCategory (Cascade). The scripts' own
    // `PRAGMA foreign_keys=OFF` is a no-op inside a transaction, so switch it off here, before
    // BEGIN, and run foreign_key_check before COMMIT instead.
    db.pragma("foreign_keys = OFF");
    for (;;) {
      // IMMEDIATE takes the write lock before we read what is applied, so two processes
      // migrating one file at once take turns instead of applying a migration twice.
      db.exec("BEGIN IMMEDIATE");
      let next: Migration | undefined;
      try {
        const rows = db
          .prepare(
            `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
          )
          .all() as Row[];
        next = pendingMigrations(migrations, rows)[0];
        if (!next) {
          db.exec("COMMIT");
          break;
        }
        log(`applying ${next.name}`);
        const startedAt = isoNow();
        db.exec(next.sql);
        const violations = db.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) {
          throw new Error(
            `leaves ${violations.length} foreign key violation(s), e.g. ${JSON.stringify(violations[0])}`,
          );
        }
        // Prisma (through the SQLite adapter) stores these as ISO text, e.g. 2026-01-02T03:04:05.678+00:00.
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), next.checksum, isoNow(), next.name, startedAt);
        db.exec("COMMIT");
      } catch (err) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw next ? failed(next, err) : err;
      }
      applied.push(next.name);
    }
  } finally {
    db.close();
  }
  return applied;
}

function isoNow(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

// --- PostgreSQL ---------------------------------------------------------------------------

async function applyPostgres(
  url: string,
  migrations: Migration[],
  log: (s: string) => void,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // a dropped idle connection surfaces on the next query instead
  await client.connect();
  const applied: string[] = [];
  try {
    // Session-level lock held across all files: a second process waits here, then finds
    // everything applied. Held on this one connection, released by unlock or disconnect.
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    // Same columns as the table Prisma creates on PostgreSQL.
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<Row>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    for (const m of pendingMigrations(migrations, rows)) {
      log(`applying ${m.name}`);
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await client.query(m.sql); // no parameters: simple protocol, many statements allowed
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), m.checksum, m.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw failed(m, err);
      }
      applied.push(m.name);
    }
  } finally {
    await client.end(); // also releases the advisory lock
  }
  return applied;
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
