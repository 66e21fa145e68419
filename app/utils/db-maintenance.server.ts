import type { Db } from "./db.server";
import { providerOf } from "./db.server";
import { getEnv } from "./env.server";

// Planner statistics. Without them SQLite guesses, and at a large employer's scale a guess can
// turn the header's overdue count into a walk over every clock for every case (decision 035).
// PostgreSQL keeps its own through autovacuum/autoanalyze: nothing to do there.

/** Rows ANALYZE samples per index: enough for good plans, seconds even on millions of rows. */
const ANALYSIS_LIMIT = 1000;

/**
 * At start-up: gathers statistics when the file has none yet (a new or migrated database),
 * then lets SQLite refresh whatever is stale. Answers what it did, for the log.
 */
export async function keepPlannerStatistics(
  db: Db,
  opts: { startup?: boolean; url?: string } = {},
): Promise<"analyzed" | "optimized" | "skipped"> {
  if (providerOf(opts.url ?? getEnv().DATABASE_URL) !== "sqlite") return "skipped";
  await db.$queryRawUnsafe(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}`);
  if (opts.startup) {
    const stats = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`,
    );
    const has =
      Number(stats[0]?.n ?? 0) > 0 &&
      Number(
        (
          await db.$queryRawUnsafe<{ n: number | bigint }[]>(
            `SELECT COUNT(*) AS n FROM sqlite_stat1`,
          )
        )[0]?.n ?? 0,
      ) > 0;
    if (!has) {
      await db.$executeRawUnsafe("ANALYZE");
      return "analyzed";
    }
    // 0x10002: also consider tables the running process has not queried yet.
    await db.$queryRawUnsafe("PRAGMA optimize = 0x10002");
    return "optimized";
  }
  await db.$queryRawUnsafe("PRAGMA optimize");
  return "optimized";
}
