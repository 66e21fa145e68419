import { describe, expect, it } from "vitest";
import { createDb } from "~/utils/db.server";
import {
  createOverdueClocks,
  expectEscalatedOnce,
  RACE_CLOCKS,
  sweepUntilDone,
} from "../fixtures/deadlines";
import { orgForThisFile } from "../fixtures/org";

// The claim a deadline sweep takes on each clock, checked with three separate clients in turn:
// whatever one worker escalated, the next finds done. SQLite allows one app process per file,
// so there is no race to run on it; the same sweeps at the same moment run on PostgreSQL in
// escalation-race.pg.test.ts.

const { db, org } = await orgForThisFile();

describe("several workers sweeping one after another", () => {
  it(
    "escalate 1,000 overdue clocks exactly once each, with one mail each",
    { timeout: 240_000 },
    async () => {
      const now = new Date("2026-11-25T12:00:00Z");
      const batch = await createOverdueClocks(db, org, RACE_CLOCKS);
      const url = process.env.DATABASE_URL!;
      const workers = [await createDb(url), await createDb(url), await createDb(url)];
      const totals: number[] = [];
      try {
        for (const w of workers) totals.push(await sweepUntilDone(w, now));
      } finally {
        await Promise.all(workers.map((w) => w.$disconnect()));
      }
      expect(totals.reduce((a, b) => a + b, 0)).toBe(RACE_CLOCKS);
      expect(totals.slice(1)).toEqual([0, 0]); // the first did everything; nothing twice
      await expectEscalatedOnce(db, batch, now);
    },
  );
});
