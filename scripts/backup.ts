// `npm run backup [-- --out <folder>]`: a consistent backup of a SQLite deployment (database
// and evidence files, with a manifest of hashes) into backups/<timestamp>/ by default. Safe
// while the server runs. PostgreSQL: pg_dump (see the README).
import path from "node:path";
import { getEnv } from "~/utils/env.server";
import { backupSqlite } from "./lib/backup";

const args = process.argv.slice(2);
const at = args.indexOf("--out");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outDir = path.resolve(at >= 0 ? args[at + 1] : path.join("backups", stamp));

try {
  const env = getEnv();
  const m = await backupSqlite({
    databaseUrl: env.DATABASE_URL,
    evidenceDir: path.resolve(env.EVIDENCE_DIR),
    outDir,
  });
  console.log(
    `Backup written to ${outDir}: ${m.counts.incidents} reports, ${m.counts.caseEvents} timeline events, ${m.evidence.length} evidence files.`,
  );
  if (m.missingEvidence.length > 0) {
    console.warn(`Warning: ${m.missingEvidence.length} evidence files were missing on disk.`);
  }
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
