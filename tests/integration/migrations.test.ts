// Applies the real migrations (prisma/<provider>/migrations) with our runner to a fresh
// database: a temporary SQLite file, or, when DATABASE_URL is a postgres:// URL, a database
// created on that server for this test and dropped afterwards.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, providerFromUrl } from "../../scripts/lib/migrations";
import { dropPostgresDatabase } from "../fixtures/postgres-admin";

const serverUrl = process.env.DATABASE_URL?.startsWith("postgres")
  ? process.env.DATABASE_URL
  : undefined;
const provider = serverUrl ? "postgresql" : "sqlite";
const migrationNames = fs
  .readdirSync(new URL(`../../prisma/${provider}/migrations`, import.meta.url), {
    withFileTypes: true,
  })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let url = "";
let cleanup = async () => {};

/** Runs one SQL statement against the test database and returns its rows. */
async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  if (providerFromUrl(url) === "sqlite") {
    const db = new Database(url.slice("file:".length));
    try {
      const stmt = db.prepare(sql);
      return stmt.reader ? (stmt.all(...params) as T[]) : (stmt.run(...params), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Tests write SQLite-style `?` placeholders; pg wants $1, $2, …
    return (
      await client.query(
        sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split("?").length}`),
        params,
      )
    ).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (serverUrl) {
    const name = `migrations_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    const server = serverUrl;
    cleanup = () => dropPostgresDatabase(server, name);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-test-"));
    url = `file:${path.join(dir, "sub", "test.db")}`; // sub/ checks that the runner creates it
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
});

afterAll(() => cleanup());

describe(`applyMigrations (${provider})`, () => {
  it("has the same migrations for both providers, each with its SQL", () => {
    const dirs = (p: string) =>
      fs
        .readdirSync(new URL(`../../prisma/${p}/migrations`, import.meta.url), {
          withFileTypes: true,
        })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    expect(dirs("sqlite")).toEqual(dirs("postgresql"));
    for (const p of ["sqlite", "postgresql"])
      for (const name of dirs(p))
        expect(
          fs.statSync(
            new URL(`../../prisma/${p}/migrations/${name}/migration.sql`, import.meta.url),
          ).size,
          `${p}/${name}/migration.sql`,
        ).toBeGreaterThan(0);
  });

  it("applies every migration to a fresh database, two runners at once", async () => {
    // Concurrent runs must take turns (advisory lock / BEGIN IMMEDIATE), applying each once.
    const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(migrationNames);

    const tables =
      provider === "sqlite"
        ? await query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        : await query<{ name: string }>(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
          );
    const names = tables.map((t) => t.name);
    for (const t of ["Incident", "CaseEvent", "User", "Notification", "_prisma_migrations"])
      expect(names).toContain(t);

    const rows = await query<{ migration_name: string; finished_at: unknown; checksum: string }>(
      `SELECT migration_name, finished_at, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("applies nothing the second time", async () => {
    expect((await applyMigrations(url)).applied).toEqual([]);
  });

  it("refuses when an applied migration was edited", async () => {
    const name = migrationNames[0];
    const [row] = await query<{ checksum: string }>(
      `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ?`,
      [name],
    );
    const checksum = row?.checksum;
    await query(`UPDATE "_prisma_migrations" SET checksum = ? WHERE migration_name = ?`, [
      "0".repeat(64),
      name,
    ]);
    await expect(applyMigrations(url)).rejects.toThrow(
      `migration ${name} was edited after it was applied`,
    );
    await query(`UPDATE "_prisma_migrations" SET checksum = ? WHERE migration_name = ?`, [
      checksum,
      name,
    ]);
    expect((await applyMigrations(url)).applied).toEqual([]);
  });

  it("keeps every trigger of the search index (a migration redefining a table drops them)", async () => {
    // docs/decisions/086-full-text-search.md: redefine a table, recreate its triggers.
    const names =
      provider === "sqlite"
        ? (
            await query<{ name: string }>(
              `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'IncidentSearch%'`,
            )
          ).map((t) => t.name)
        : (
            await query<{ name: string }>(
              `SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE 'IncidentSearch%'`,
            )
          ).map((t) => t.name);
    const expected =
      provider === "sqlite"
        ? [
            "IncidentSearchFts_delete",
            "IncidentSearchFts_insert",
            "IncidentSearchFts_update",
            "IncidentSearch_account_rename",
            "IncidentSearch_contact_link_delete",
            "IncidentSearch_contact_link_insert",
            "IncidentSearch_contact_rename",
            "IncidentSearch_incident_delete",
            "IncidentSearch_incident_insert",
            "IncidentSearch_incident_update",
            "IncidentSearch_message_delete",
            "IncidentSearch_message_insert",
            "IncidentSearch_message_update",
            "IncidentSearch_reporter_rename",
          ]
        : [
            "IncidentSearch_account_rename",
            "IncidentSearch_contact_link",
            "IncidentSearch_contact_rename",
            "IncidentSearch_incident",
            "IncidentSearch_message",
            "IncidentSearch_reporter_rename",
          ];
    expect(names.sort()).toEqual(expected);
  });
});

describe(`the full-text search migration (${provider})`, () => {
  it("indexes the cases already in the database", async () => {
    // A second database, migrated by hand up to the search migration, with one case in it.
    const fts = migrationNames.findIndex((n) => n.endsWith("_full_text_search"));
    expect(fts).toBeGreaterThan(0);
    const sqlOf = (name: string) =>
      fs.readFileSync(
        new URL(`../../prisma/${provider}/migrations/${name}/migration.sql`, import.meta.url),
        "utf8",
      );
    const seed = `
      INSERT INTO "User" ("id", "email", "name", "role", "updatedAt")
        VALUES ('u1', 'u1@example.test', 'Perpetua Vance', 'EMPLOYEE', CURRENT_TIMESTAMP);
      INSERT INTO "CustomerAccount" ("id", "crmId", "name", "segment", "updatedAt")
        VALUES ('a1', 'crm-1', 'Globex Backfill', 'SMB', CURRENT_TIMESTAMP);
      INSERT INTO "Incident" ("id", "reference", "reporterId", "accountId", "occurredAt", "channel",
          "reporterSeverity", "narrative", "updatedAt")
        VALUES ('i1', 'INC-2020-0001', 'u1', 'a1', CURRENT_TIMESTAMP, 'PHONE', 'LOW',
          'An older report about a Capybara.', CURRENT_TIMESTAMP);`;
    const check = `SELECT "doc" FROM "IncidentSearch" WHERE "incidentId" = 'i1'`;
    let docs: { doc: string }[];
    if (provider === "sqlite") {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fts-backfill-"));
      const db = new Database(path.join(dir, "old.db"));
      try {
        for (const name of migrationNames.slice(0, fts)) db.exec(sqlOf(name));
        db.exec(seed);
        db.exec(sqlOf(migrationNames[fts]));
        docs = db.prepare(check).all() as { doc: string }[];
        const found = db
          .prepare(
            `SELECT rowid FROM "IncidentSearchFts" WHERE "IncidentSearchFts" MATCH '"capybara"'`,
          )
          .all();
        expect(found).toHaveLength(1);
      } finally {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else {
      const name = `fts_backfill_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const u = new URL(serverUrl!);
      u.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: u.toString() });
      await client.connect();
      try {
        for (const m of migrationNames.slice(0, fts)) await client.query(sqlOf(m));
        await client.query(seed);
        await client.query(sqlOf(migrationNames[fts]));
        docs = (await client.query(check)).rows as { doc: string }[];
        const found = await client.query(
          `SELECT 1 FROM "IncidentSearch" WHERE "doc" LIKE incident_search_fold('%CAPYBARA%')`,
        );
        expect(found.rowCount).toBe(1);
      } finally {
        await client.end();
        await dropPostgresDatabase(serverUrl!, name);
      }
    }
    expect(docs).toHaveLength(1);
    expect(docs[0].doc.toLowerCase()).toContain("inc-2020-0001 perpetua vance globex backfill");
  });
});

describe(`the kept figures migration (${provider})`, () => {
  it("fills the figures of the cases already in the database, as of today", async () => {
    // A second database, migrated by hand up to the kept figures migration, with two cases.
    const at = migrationNames.findIndex((n) => n.endsWith("_s5_rollups_kept_figures"));
    expect(at).toBeGreaterThan(0);
    const sqlOf = (name: string) =>
      fs.readFileSync(
        new URL(`../../prisma/${provider}/migrations/${name}/migration.sql`, import.meta.url),
        "utf8",
      );
    // Yesterday, in each provider's stored form of a date.
    const yesterday =
      provider === "sqlite"
        ? `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-1 day')`
        : `(now() AT TIME ZONE 'UTC') - INTERVAL '1 day'`;
    const seed = `
      INSERT INTO "User" ("id", "email", "name", "role", "updatedAt")
        VALUES ('u1', 'u1@example.test', 'Perpetua Vance', 'EMPLOYEE', CURRENT_TIMESTAMP);
      INSERT INTO "CustomerAccount" ("id", "crmId", "name", "segment", "updatedAt")
        VALUES ('a1', 'crm-1', 'Globex Backfill', 'SMB', CURRENT_TIMESTAMP);
      INSERT INTO "Incident" ("id", "reference", "reporterId", "accountId", "occurredAt", "channel",
          "reporterSeverity", "assessedSeverity", "narrative", "status", "updatedAt")
        VALUES ('i1', 'INC-2020-0001', 'u1', 'a1', ${yesterday}, 'PHONE', 'LOW', NULL, 'One.',
          'SUBMITTED', CURRENT_TIMESTAMP),
        ('i2', 'INC-2020-0002', 'u1', 'a1', ${yesterday}, 'PHONE', 'LOW', 'HIGH', 'Two.',
          'RESOLVED', CURRENT_TIMESTAMP);`;
    const queries = {
      figures: `SELECT "period", "incidents", "score", "employees", "open" FROM "AccountFigure"
        WHERE "accountId" = 'a1' ORDER BY "period"`,
      days: `SELECT "segment", "severity", "incidents" FROM "IncidentDayCount" ORDER BY "severity"`,
      reporters: `SELECT "segment" FROM "ReporterFigure" WHERE "reporterId" = 'u1' ORDER BY "segment"`,
      windows: `SELECT COUNT(*) AS "n" FROM "KeptFigureWindow"`,
    };
    let got: Record<keyof typeof queries, Record<string, unknown>[]>;
    if (provider === "sqlite") {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kept-backfill-"));
      const db = new Database(path.join(dir, "old.db"));
      try {
        for (const name of migrationNames.slice(0, at)) db.exec(sqlOf(name));
        db.exec(seed);
        db.exec(sqlOf(migrationNames[at]));
        got = Object.fromEntries(
          Object.entries(queries).map(([k, q]) => [k, db.prepare(q).all()]),
        ) as typeof got;
      } finally {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else {
      const name = `kept_backfill_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const u = new URL(serverUrl!);
      u.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: u.toString() });
      await client.connect();
      try {
        for (const m of migrationNames.slice(0, at)) await client.query(sqlOf(m));
        await client.query(seed);
        await client.query(sqlOf(migrationNames[at]));
        got = {} as typeof got;
        for (const [k, q] of Object.entries(queries))
          got[k as keyof typeof queries] = (await client.query(q)).rows;
      } finally {
        await client.end();
        await dropPostgresDatabase(serverUrl!, name);
      }
    }
    // Counts come back as numbers or numeric strings, depending on the driver.
    const num = (rows: Record<string, unknown>[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, /^-?\d+$/.test(String(v)) ? Number(v) : v]),
        ),
      );
    // Yesterday is inside every window: all time, 3 to 24 months, the last 90 and 180 days.
    expect(num(got.figures)).toEqual(
      [-180, -90, 0, 3, 6, 12, 18, 24].map((period) => ({
        period,
        incidents: 2,
        score: 7,
        employees: 1,
        open: 1,
      })),
    );
    expect(num(got.days)).toEqual([
      { segment: "SMB", severity: "HIGH", incidents: 1 },
      { segment: "SMB", severity: "LOW", incidents: 1 },
    ]);
    expect(got.reporters).toEqual([{ segment: "" }, { segment: "SMB" }]);
    expect(Number(got.windows[0].n)).toBe(8);
  });
});
