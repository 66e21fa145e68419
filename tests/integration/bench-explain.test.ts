import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIG_TABLE, explainStatements } from "../../scripts/bench/explain";

// The scale benchmark reads back the statements each page ran and reports those whose plan
// reads a whole large table (scripts/bench/explain.ts). On a real SQLite file: a look-up by an
// indexed column passes; a filter on an unindexed one is reported, by name and by alias; a
// scan of a small table is not.

const file = path.join(os.tmpdir(), `bench-explain-${process.pid}.db`);

beforeAll(() => {
  const db = new Database(file);
  db.exec(`CREATE TABLE "Big" (id TEXT PRIMARY KEY, owner TEXT, note TEXT)`);
  db.exec(`CREATE INDEX "Big_owner_idx" ON "Big"(owner)`);
  db.exec(`CREATE TABLE "Small" (id TEXT PRIMARY KEY, note TEXT)`);
  db.exec(`CREATE VIRTUAL TABLE "Text" USING fts5(doc, tokenize = 'trigram')`);
  const big = db.prepare(`INSERT INTO "Big" VALUES (?, ?, ?)`);
  db.transaction(() => {
    const text = db.prepare(`INSERT INTO "Text" (doc) VALUES (?)`);
    for (let i = 0; i <= BIG_TABLE; i++) {
      big.run(`b${i}`, `o${i % 100}`, `note ${i}`);
      text.run(`the customer shouted, report ${i}`);
    }
    db.prepare(`INSERT INTO "Small" VALUES ('s1', 'x')`).run();
  })();
  db.exec("ANALYZE");
  db.close();
});

afterAll(() => rmSync(file, { force: true }));

describe("reading the pages' statements with EXPLAIN", () => {
  it("reports whole-table reads of large tables only, with the pages that ran them", async () => {
    const report = await explainStatements(`file:${file}`, [
      { sql: `SELECT id FROM "Big" WHERE owner = ?`, params: ["o7"], page: "queue" },
      { sql: `SELECT id FROM "Big" WHERE note = ?`, params: ["note 9"], page: "search" },
      { sql: `SELECT id FROM "Big" WHERE note = ?`, params: ["note 8"], page: "case page" },
      { sql: `SELECT b.id FROM "Big" b WHERE b.note LIKE ?`, params: ["%9%"], page: "dashboard" },
      { sql: `SELECT id FROM "Small" WHERE note = ?`, params: ["x"], page: "home" },
      // A full-text match is answered by the FTS index, though SQLite calls it a SCAN.
      {
        sql: `SELECT rowid FROM "Text" WHERE "Text" MATCH ?`,
        params: ['"report 77"'],
        page: "search",
      },
      { sql: `BEGIN IMMEDIATE`, params: [], page: "filing" },
    ]);
    expect(report.statements).toBe(5);
    expect(report.failed).toEqual([]);
    expect(report.findings.map((f) => [f.pages, f.scans.length])).toEqual([
      [["search", "case page"], 1],
      [["dashboard"], 1],
    ]);
    expect(report.findings[0].scans[0]).toMatch(/^SCAN Big .*\(10001 rows\)$/);
  });

  it("names a statement it could not explain instead of stopping", async () => {
    const report = await explainStatements(`file:${file}`, [
      { sql: `SELECT id FROM "Gone"`, params: [], page: "home" },
    ]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0].scans[0]).toContain("no such table");
  });
});
