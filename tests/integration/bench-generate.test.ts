import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/migrations";
import { generateScaleData } from "../../scripts/bench/generate";

// The scale benchmark's generator (scripts/bench/generate.ts) writes its millions of rows with
// the triggers and secondary indexes set aside, then puts them back. The file must end as the
// app would have written it: the same triggers and indexes as a freshly migrated file, a search
// document for every case, and an FTS index that answers for the generated cases.

const dir = os.tmpdir();
const generated = path.join(dir, `bench-gen-${process.pid}.db`);
const migrated = path.join(dir, `bench-gen-empty-${process.pid}.db`);
let db: Database.Database;

const schemaObjects = (file: string) =>
  new Database(file, { readonly: true })
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY type, name`,
    )
    .all();

beforeAll(async () => {
  await applyMigrations(`file:${migrated}`);
  await applyMigrations(`file:${generated}`);
  await generateScaleData(`file:${generated}`, "small", { now: new Date("2026-11-30T12:00:00Z") });
  db = new Database(generated);
}, 120_000);

afterAll(() => {
  db?.close();
  for (const f of [generated, migrated])
    for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(f + s, { force: true });
});

describe("the scale data set's generator", () => {
  it("leaves the same triggers and indexes as the migrations make", () => {
    const expected = schemaObjects(migrated);
    expect(expected.length).toBeGreaterThan(20);
    expect(schemaObjects(generated)).toEqual(expected);
  });

  it("writes a search document for every case, and the index finds a generated one", () => {
    const { cases, docs } = db
      .prepare(
        `SELECT (SELECT count(*) FROM "Incident") AS cases, (SELECT count(*) FROM "IncidentSearch") AS docs`,
      )
      .get() as { cases: number; docs: number };
    expect(cases).toBeGreaterThan(3_000);
    expect(docs).toBe(cases);
    const hits = db
      .prepare(
        `SELECT s."incidentId" FROM "IncidentSearchFts" f JOIN "IncidentSearch" s ON s.id = f.rowid
         WHERE "IncidentSearchFts" MATCH ?`,
      )
      .all('"Scale report 1234:"');
    expect(hits).toEqual([{ incidentId: "si0001234" }]);
    // FTS5's own check that the index matches its content table.
    db.exec(`INSERT INTO "IncidentSearchFts" ("IncidentSearchFts") VALUES ('integrity-check')`);
  });

  it("keeps each open case's next due time, the earliest of its running clocks", () => {
    const wrong = db
      .prepare(
        `SELECT count(*) AS n FROM "Incident" i WHERE i.status <> 'RESOLVED' AND i."nextDueAt" IS NOT
           (SELECT MIN(d."dueAt") FROM "Deadline" d WHERE d."incidentId" = i.id AND d."metAt" IS NULL)`,
      )
      .get() as { n: number };
    const open = db
      .prepare(
        `SELECT count(*) AS n FROM "Incident" WHERE status <> 'RESOLVED' AND "nextDueAt" IS NOT NULL`,
      )
      .get() as { n: number };
    expect(open.n).toBeGreaterThan(250);
    expect(wrong.n).toBe(0);
  });

  it("writes each case's search document as the app's trigger would", () => {
    const docOf = () =>
      (
        db.prepare(`SELECT doc FROM "IncidentSearch" WHERE "incidentId" = 'si0000042'`).get() as {
          doc: string;
        }
      ).doc;
    const written = docOf();
    expect(written).toContain("Scale report 42:");
    // A change and its undoing make the trigger write the document again from the case.
    db.exec(`UPDATE "Incident" SET narrative = narrative || '!' WHERE id = 'si0000042'`);
    db.exec(
      `UPDATE "Incident" SET narrative = substr(narrative, 1, length(narrative) - 1) WHERE id = 'si0000042'`,
    );
    expect(docOf()).toBe(written);
  });
});
