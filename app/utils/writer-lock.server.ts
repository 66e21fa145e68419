import Database from "better-sqlite3";
import path from "node:path";
import { providerOf } from "./db.server";

// SQLite serves one app process. A second server or `npm run worker` on the same file would
// compete for the write lock (and, before transactions began IMMEDIATE, fail filings with
// SQLITE_BUSY). Each app process therefore claims the file at start: it holds an exclusive
// SQLite lock on a small companion file for as long as it lives. The operating system drops
// that lock when the process ends in any way (kill -9 included), so nothing goes stale.

export class SecondWriterError extends Error {}

const held = globalThis as unknown as { __writerLock?: Database.Database };

export function writerLockPath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, "")) + ".writer-lock";
}

/** Claims the SQLite file for this process (a no-op on PostgreSQL, or if already claimed). */
export function claimSqliteWriter(databaseUrl: string): void {
  if (providerOf(databaseUrl) !== "sqlite" || held.__writerLock) return;
  const file = writerLockPath(databaseUrl);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma("journal_mode = DELETE");
    lock.pragma("locking_mode = EXCLUSIVE");
    // An open write transaction that is never committed keeps the exclusive lock.
    lock.exec("BEGIN EXCLUSIVE");
    lock.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER)");
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
      throw new SecondWriterError(
        `Another process (a server or \`npm run worker\`) is already using the SQLite database ` +
          `${databaseUrl}. SQLite serves one app process: stop the other one, or use PostgreSQL ` +
          `(DATABASE_URL=postgres://…) to run several servers and workers.`,
      );
    }
    throw error;
  }
  held.__writerLock = lock;
}

/** Gives the claim up (tests, and an orderly shutdown). */
export function releaseSqliteWriter(): void {
  held.__writerLock?.close();
  held.__writerLock = undefined;
}
