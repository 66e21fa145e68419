import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";

// tests/fixtures/sqlite-yield.ts: however long a test file's run of queries, its worker's event
// loop turns, so the worker keeps reading the test runner's messages (vitest fails a worker whose
// reply waited 60 s). On SQLite, without the fixture, no timer fires until the run is over.
// SQLite only: on PostgreSQL every query waits on the network, so the loop turns anyway.
const QUERIES = 200;

describe("a test file's long run of queries", () => {
  it("lets timers fire between the queries", async () => {
    const db = await getDb();
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    try {
      for (let i = 0; i < QUERIES; i++) await db.user.count();
    } finally {
      clearInterval(tick);
    }
    expect(turns).toBeGreaterThan(0);
  });

  it("lets timers fire inside one transaction too, and keeps its writes in it", async () => {
    const db = await getDb();
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    try {
      await db.$transaction(async (tx) => {
        for (let i = 0; i < QUERIES; i++) {
          await tx.team.create({ data: { name: `Loop team ${i}` } });
        }
        expect(await tx.team.count({ where: { name: { startsWith: "Loop team" } } })).toBe(QUERIES);
      });
    } finally {
      clearInterval(tick);
    }
    expect(turns).toBeGreaterThan(0);
  });
});
