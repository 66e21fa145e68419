// The scale data set in PostgreSQL: generated into SQLite as usual (prepared statements in
// transactions), then every table copied into a fresh, migrated PostgreSQL database with COPY
// (psql's `\copy … FROM STDIN`, fed as CSV). Generic over the schema: the tables and their
// column types are read from PostgreSQL's catalogue, so a table added by a later migration is
// copied without a change here (docs/decisions/120-scale-benchmark-on-both-databases.md).
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { applyMigrations } from "../lib/migrations";

type Column = { name: string; type: string };

/** Tables the PostgreSQL migrations maintain themselves: rebuilt there, never copied. */
const REBUILT: Record<string, string> = {
  // The same statement as the full-text migration's backfill (the search document is folded
  // in PostgreSQL, and its "seq" identity is assigned in filing order).
  IncidentSearch: `INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", "incident_search_fold"(concat_ws(' ', i."reference", u."name", a."name",
      i."narrative", i."impact",
      (SELECT string_agg(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT string_agg(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id")))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    ORDER BY i."createdAt", i."id"`,
};

/** A database of its own on the given server; returns its URL. */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(serverUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** One value as PostgreSQL reads it from CSV (an unquoted empty field is NULL). */
function csvField(value: unknown, type: string): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (type === "boolean") text = value === 1 || value === 1n || value === true ? "t" : "f";
  else if (type.startsWith("timestamp") && (typeof value === "number" || typeof value === "bigint"))
    // The driver adapter's "unixepoch-ms" format (this project stores ISO 8601 text).
    text = new Date(Number(value)).toISOString();
  else if (type.startsWith("timestamp") && typeof value === "string")
    // ISO 8601 with "+00:00" (the adapter), or "YYYY-MM-DD HH:MM:SS" (a SQL default): both UTC.
    text = value.includes("T") || value.includes("+") ? value : `${value}+00`;
  else if (type === "bytea" && Buffer.isBuffer(value)) text = `\\x${value.toString("hex")}`;
  else text = String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/** psql reading CSV on its standard input into one table. */
function copyIn(url: string, table: string, columns: Column[], rows: Iterable<unknown[]>) {
  return new Promise<void>((resolve, reject) => {
    const cols = columns.map((c) => `"${c.name}"`).join(", ");
    const child = spawn(
      "psql",
      [
        url,
        "-v",
        "ON_ERROR_STOP=1",
        "-q",
        "-c",
        `\\copy "${table}" (${cols}) FROM STDIN WITH (FORMAT csv)`,
      ],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`COPY "${table}" failed: ${stderr}`)),
    );
    // Written in chunks, waiting for the pipe to drain, so memory stays flat at any scale.
    const it = rows[Symbol.iterator]();
    const pump = () => {
      let chunk = "";
      for (;;) {
        const next = it.next();
        if (next.done) {
          if (chunk) child.stdin.write(chunk);
          child.stdin.end();
          return;
        }
        chunk += next.value.map((v, i) => csvField(v, columns[i].type)).join(",") + "\n";
        if (chunk.length > 1 << 20) {
          if (!child.stdin.write(chunk)) {
            child.stdin.once("drain", pump);
            return;
          }
          chunk = "";
        }
      }
    };
    pump();
  });
}

/**
 * Copies every table of the SQLite file into a fresh PostgreSQL database (created and migrated
 * here), then ANALYZE. Foreign keys are dropped for the load and added back afterwards (which
 * checks every row), user triggers are off during the load, and trigger-kept tables are rebuilt.
 */
export async function copySqliteToPostgres(
  file: string,
  url: string,
  opts: { log?: (s: string) => void } = {},
): Promise<Record<string, number>> {
  const log = opts.log ?? (() => {});
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const lite = new Database(file, { readonly: true });
  lite.defaultSafeIntegers(true); // BigInt columns keep every digit
  const copied: Record<string, number> = {};
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND table_name <> '_prisma_migrations' ORDER BY table_name`,
    );
    const { rows: fks } = await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    );
    for (const fk of fks) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT "${fk.name}"`);
    const liteTables = new Set(
      (
        lite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );

    for (const { table_name: table } of tables) {
      if (table in REBUILT) continue;
      if (!liteTables.has(table)) {
        log(`  ${table}: not in the SQLite file, left empty`);
        continue;
      }
      // Columns PostgreSQL computes itself (GENERATED ALWAYS) are not copied.
      const { rows: pgCols } = await client.query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1
           AND is_generated = 'NEVER' AND COALESCE(identity_generation, '') <> 'ALWAYS'
         ORDER BY ordinal_position`,
        [table],
      );
      const liteCols = new Set(
        (
          lite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]
        ).map((r) => r.name),
      );
      const columns = pgCols.filter((c) => liteCols.has(c.name));
      const missing = pgCols.filter((c) => !liteCols.has(c.name)).map((c) => c.name);
      if (missing.length) log(`  ${table}: no SQLite column for ${missing.join(", ")}`);
      const total = Number(
        (lite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: bigint }).n,
      );
      if (total === 0) continue;
      const select = lite
        .prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(", ")} FROM "${table}"`)
        .raw(true);
      const t = Date.now();
      await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
      // Rows a migration wrote (the kept figures' windows) give way to the copied ones.
      await client.query(`DELETE FROM "${table}"`);
      await copyIn(url, table, columns, select.iterate() as Iterable<unknown[]>);
      await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
      copied[table] = total;
      if (total >= 10_000)
        log(`  ${table}: ${total} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      // A serial or BY DEFAULT identity column continues after the copied values.
      for (const c of columns) {
        const { rows: seq } = await client.query<{ s: string | null }>(
          `SELECT pg_get_serial_sequence($1, $2) AS s`,
          [`"${table}"`, c.name],
        );
        if (seq[0]?.s)
          await client.query(
            `SELECT setval($1, COALESCE((SELECT MAX("${c.name}") FROM "${table}"), 0) + 1, false)`,
            [seq[0].s],
          );
      }
    }

    // Statistics before the rebuild joins the copied tables: without them the planner takes the
    // millions of fresh rows for a handful (nested loops, at the large scale for hours).
    await client.query("ANALYZE");
    for (const [table, statement] of Object.entries(REBUILT)) {
      const t = Date.now();
      await client.query(`TRUNCATE "${table}"`);
      // Its plain indexes (the trigram GIN index) are built once over the rows, not row by row.
      const { rows: indexes } = await client.query<{ name: string; def: string }>(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1
           AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
        [table],
      );
      for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
      const { rowCount } = await client.query(statement);
      for (const i of indexes) await client.query(i.def);
      copied[table] = rowCount ?? 0;
      log(`  ${table}: rebuilt ${rowCount} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    let t = Date.now();
    for (const fk of fks)
      await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
    log(`  foreign keys checked and restored in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    await client.query("ANALYZE");
    log(`  ANALYZE: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    lite.close();
    await client.end();
  }
  return copied;
}
