import { describe, expect, it } from "vitest";
import { createDb } from "~/utils/db.server";
import {
  createOverdueClocks,
  expectEscalatedOnce,
  RACE_CLOCKS,
  sweepUntilDone,
} from "../fixtures/deadlines";
import { orgForThisFile } from "../fixtures/org";

// PostgreSQL only (tests/postgres-pass.mjs): three workers, each with its own client and
// connection pool as separate worker processes would have, sweep the same overdue clocks at
// the same moment. Each clock must be escalated by exactly one of them.

const { db, org } = await orgForThisFile();

describe("several workers sweeping at once", () => {
  it(
    "escalate 1,000 overdue clocks exactly once each, with one mail each",
    { timeout: 240_000 },
    async () => {
      const now = new Date("2026-11-25T12:00:00Z");
      const batch = await createOverdueClocks(db, org);
      const url = process.env.DATABASE_URL!;
      expect(url).toMatch(/^postgres/);
      const workers = await Promise.all([createDb(url), createDb(url), createDb(url)]);
      try {
        const totals = await Promise.all(workers.map((w) => sweepUntilDone(w, now)));
        expect(totals.reduce((a, b) => a + b, 0)).toBe(RACE_CLOCKS);
      } finally {
        await Promise.all(workers.map((w) => w.$disconnect()));
      }
      await expectEscalatedOnce(db, batch, now);
    },
  );
});
