import type { Db } from "~/utils/db.server";
import { runRetention, type RetentionRun } from "~/models/retention.server";

// The retention pass in the worker: hourly is plenty for rules counted in years. Each case is
// purged in its own short transaction, so the pass never holds the write lock for long.

export const RETENTION_INTERVAL_MS = 3_600_000;

export function purgeDueCases(
  db: Db,
  opts: { now?: Date; log?: (msg: string) => void } = {},
): Promise<RetentionRun> {
  return runRetention(db, opts);
}
