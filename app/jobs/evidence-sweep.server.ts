import { storedNamesWithRows } from "~/models/evidence.server";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { sweepEvidenceOrphans } from "~/utils/evidence-storage.server";

/** Uploads older than this cannot still be in flight (a 100 MB report over a slow phone link). */
export const EVIDENCE_ORPHAN_AGE_MS = 60 * 60_000;
/** How often the worker sweeps. */
export const EVIDENCE_SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Removes evidence files a crash left without a row. At start on SQLite no other process can
 * be uploading (one process per database file), so everything unrecorded from before this
 * process started goes at once; otherwise (the periodic sweep, or PostgreSQL with several
 * processes sharing the folder) only files older than the safety age.
 */
export function sweepEvidence(db: Db, opts: { atStart: boolean; now?: Date }) {
  const sqlite = getEnv().DATABASE_URL.startsWith("file:");
  const fromStart = opts.atStart && sqlite;
  return sweepEvidenceOrphans((names) => storedNamesWithRows(db, names), {
    minAgeMs: fromStart ? 0 : EVIDENCE_ORPHAN_AGE_MS,
    now: fromStart ? new Date(performance.timeOrigin) : opts.now,
  });
}
