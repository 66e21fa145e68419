import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient as PgClient } from "../../prisma/generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "../../prisma/generated/sqlite/client.ts";
import { getEnv } from "./env.server";

// One Prisma client per process, its adapter picked from DATABASE_URL's scheme. The two
// generated clients have identical models (a test enforces it), so one type serves both.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Prisma } from "../../prisma/generated/sqlite/client.ts";

export function providerOf(url: string): "sqlite" | "postgresql" {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL).");
}

/**
 * The SQLite adapter, except that every transaction starts with BEGIN IMMEDIATE: it takes the
 * write lock up front (waiting up to busy_timeout for it) instead of at its first write, where
 * SQLite can only answer SQLITE_BUSY because the transaction has already read. The adapter
 * hard-codes "BEGIN", so its connection's prepare() swaps that one statement.
 */
class ImmediateTransactions extends PrismaBetterSQLite3 {
  async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: { prepare: (sql: string) => unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}

/**
 * Interactive transactions by default (calls may ask for more): wait up to 30 s for a pooled
 * connection, as the long jobs already do, and run up to 20 s. Prisma's own 2 s and 5 s
 * answered a burst of filings on two servers with 500s: a burst queues for the pool and for the
 * reference counter, correctly, for longer than that
 * (docs/decisions/089-scale-out-without-5xx.md).
 */
export const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 20_000 };

/** Prisma's query events, as JSON lines in `file`: `{ "sql": …, "params": […], "ms": … }`. */
function logQueriesTo(db: Db, file: string) {
  const events = db as unknown as {
    $on(event: "query", cb: (e: { query: string; params: string; duration: number }) => void): void;
  };
  events.$on("query", (e) =>
    appendFileSync(
      file,
      JSON.stringify({ sql: e.query, params: JSON.parse(e.params), ms: e.duration }) + "\n",
    ),
  );
}

export async function createDb(url: string, opts: { queryLog?: string } = {}): Promise<Db> {
  const log = opts.queryLog ? [{ level: "query" as const, emit: "event" as const }] : undefined;
  if (providerOf(url) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    const db = new PgClient({ adapter, transactionOptions: TRANSACTION_OPTIONS, log });
    if (opts.queryLog) logQueriesTo(db as unknown as Db, opts.queryLog);
    return db as unknown as Db;
  }
  const file = url.replace(/^file:/, "");
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // `timeout` is better-sqlite3's busy_timeout in milliseconds.
  const adapter = new ImmediateTransactions({ url, timeout: 10_000 });
  const db = new SqliteClient({ adapter, transactionOptions: TRANSACTION_OPTIONS, log });
  if (opts.queryLog) logQueriesTo(db, opts.queryLog);
  // WAL for concurrent readers; FULL sync so an answered report survives a power cut.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe("PRAGMA busy_timeout = 10000");
  return db;
}

const globalForDb = globalThis as unknown as { __db?: Promise<Db> };

/** The process-wide client. Kept on globalThis so dev rebuilds reuse it. */
export function getDb(): Promise<Db> {
  const env = getEnv();
  globalForDb.__db ??= createDb(env.DATABASE_URL, { queryLog: env.QUERY_LOG_FILE });
  return globalForDb.__db;
}

export async function disconnectDb() {
  const db = await globalForDb.__db;
  globalForDb.__db = undefined;
  await db?.$disconnect();
}

/**
 * A case-insensitive "contains" on both providers: SQLite's LIKE already ignores ASCII case
 * (and Prisma refuses `mode` there); PostgreSQL needs `mode: "insensitive"`.
 */
export function containsText(query: string): { contains: string } {
  // PostgreSQL refuses a NUL byte in a text parameter; nobody searches for one.
  const q = query.replace(/\0/g, "");
  return providerOf(getEnv().DATABASE_URL) === "postgresql"
    ? ({ contains: q, mode: "insensitive" } as { contains: string })
    : { contains: q };
}
