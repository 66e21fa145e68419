import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/utils/env.server";
import { verifyChain } from "~/domain/case-chain";
import { searchCases } from "~/models/incident-search.server";
import { createIncident } from "~/models/incident.server";
import { createDb, getDb, type Db } from "~/utils/db.server";
import { applyMigrations } from "../../scripts/lib/migrations";
import {
  copySqliteToPostgres,
  createScratchDatabase,
  dropScratchDatabase,
} from "../../scripts/bench/to-postgres";
import { createTestOrg } from "../fixtures/org";

// PostgreSQL only: the scale benchmark's copy of a SQLite file into PostgreSQL
// (scripts/bench/to-postgres.ts) keeps every row and value the app reads — booleans, instants,
// money, the hash chains — and leaves foreign keys and the full-text table as the migrations
// make them.

const file = path.join(os.tmpdir(), `bench-copy-${process.pid}.db`);
const server = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL!;
const name = `bench_copy_${process.pid}`;
let lite: Db;
let pgDb: Db;
let pgUrl: string;
let reference: string;

beforeAll(async () => {
  // The SQLite side runs as the app would on SQLite: the models pick their SQL by DATABASE_URL.
  const testDatabase = process.env.DATABASE_URL;
  process.env.DATABASE_URL = `file:${file}`;
  resetEnvCache();
  await applyMigrations(`file:${file}`);
  lite = await createDb(`file:${file}`);
  const org = await createTestOrg(lite, "bc");
  const filed = await createIncident(
    lite,
    {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: new Date("2026-11-23T10:15:00.123Z"),
      channel: "PHONE",
      severity: "HIGH",
      categories: ["VERBAL_ABUSE"],
      narrative: "Copied across: the customer shouted at me about the invoice.",
      contactIds: [org.contact.id],
    },
    new Date("2026-11-23T11:00:00Z"),
  );
  reference = filed.reference;
  await lite.$disconnect();
  process.env.DATABASE_URL = testDatabase;
  resetEnvCache();
  pgUrl = await createScratchDatabase(server, name);
  await copySqliteToPostgres(file, pgUrl);
  pgDb = await createDb(pgUrl);
});

afterAll(async () => {
  await pgDb?.$disconnect();
  await dropScratchDatabase(server, name);
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
});

describe("copying the benchmark's SQLite file into PostgreSQL", () => {
  it("copies every table's rows", async () => {
    const sqlite = new Database(file, { readonly: true });
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
      );
      expect(tables.length).toBeGreaterThan(30);
      let nonEmpty = 0;
      for (const { t } of tables) {
        const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${t}"`);
        const want = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
        expect({ table: t, rows: Number(rows[0].n) }).toEqual({ table: t, rows: want });
        if (want > 0) nonEmpty++;
      }
      expect(nonEmpty).toBeGreaterThan(10);
      // The foreign keys are back (added after the load, checking every row).
      const { rows: fks } = await client.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
      );
      expect(Number(fks[0].n)).toBeGreaterThan(30);
    } finally {
      sqlite.close();
      await client.end();
    }
  });

  it("keeps instants, booleans, money and the timeline's hash chain", async () => {
    const c = await pgDb.incident.findUniqueOrThrow({
      where: { reference },
      include: { events: { orderBy: { seq: "asc" } }, account: true },
    });
    expect(c.occurredAt.toISOString()).toBe("2026-11-23T10:15:00.123Z");
    expect(c.createdAt.toISOString()).toBe("2026-11-23T11:00:00.000Z");
    expect(c.events.length).toBeGreaterThan(1);
    expect(verifyChain(c.events, { length: c.chainLength, hash: c.chainHead })).toEqual({
      ok: true,
      length: c.events.length,
    });
    expect(typeof c.account.arrMinor).toBe("bigint");
    // Whole tables read back through each database's client: every value as the app sees it.
    const again = await createDb(`file:${file}`);
    try {
      const read = (db: Db) =>
        Promise.all([
          db.user.findMany({ orderBy: { id: "asc" } }),
          db.customerAccount.findMany({ orderBy: { id: "asc" } }),
          db.incident.findMany({ orderBy: { id: "asc" } }),
          db.caseEvent.findMany({ orderBy: { id: "asc" } }),
          db.deadline.findMany({ orderBy: { id: "asc" } }),
          db.notification.findMany({ orderBy: { id: "asc" } }),
          db.session.findMany({ orderBy: { id: "asc" } }),
        ]);
      const [fromSqlite, fromPostgres] = await Promise.all([read(again), read(pgDb)]);
      expect(fromPostgres).toEqual(fromSqlite);
    } finally {
      await again.$disconnect();
    }
  });

  it("rebuilds the full-text table, so HR finds the copied case by a word of it", async () => {
    const hr = await pgDb.user.findFirstOrThrow({ where: { role: "HR" } });
    // DATABASE_URL (this file's own test database) is PostgreSQL too: the same query path.
    const found = await searchCases(
      pgDb,
      { id: hr.id, role: "HR", managedTeamIds: [] },
      { terms: ["invoice"] },
    );
    expect(found.rows.map((r) => r.reference)).toEqual([reference]);
    // Its indexes, set aside for the rebuild, are back as the migrations made them.
    const indexes = async (db: Db) =>
      (
        await db.$queryRawUnsafe<{ def: string }[]>(
          `SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'IncidentSearch' ORDER BY indexname`,
        )
      ).map((r) => r.def.replace(/ ON [^ ]+ USING/, " ON t USING"));
    const migrated = await indexes(await getDb());
    expect(migrated.some((d) => /USING gin/i.test(d))).toBe(true);
    expect(await indexes(pgDb)).toEqual(migrated);
  });
});
