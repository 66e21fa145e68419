// `npm run restore -- <backup folder> [--database file:<path>] [--evidence-dir <dir>] [--force]`:
// restores a backup taken by `npm run backup` into DATABASE_URL and EVIDENCE_DIR (or the given
// ones). Checks the manifest's hashes first and refuses to overwrite existing data without
// --force. Stop the server before restoring over its own files.
import path from "node:path";
import { getEnv } from "~/utils/env.server";
import { restoreSqlite } from "./lib/backup";

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const from = args.find(
  (a, i) => !a.startsWith("--") && !["--database", "--evidence-dir"].includes(args[i - 1]),
);
if (!from) {
  console.error(
    "Usage: npm run restore -- <backup folder> [--database file:<path>] [--evidence-dir <dir>] [--force]",
  );
  process.exit(2);
}

try {
  const env = getEnv();
  const databaseUrl = option("--database") ?? env.DATABASE_URL;
  const evidenceDir = path.resolve(option("--evidence-dir") ?? env.EVIDENCE_DIR);
  const m = await restoreSqlite({
    from: path.resolve(from),
    databaseUrl,
    evidenceDir,
    force: args.includes("--force"),
  });
  console.log(
    `Restored ${m.counts.incidents} reports and ${m.evidence.length} evidence files into ${databaseUrl} and ${evidenceDir}. Check the timelines with: npm run verify-chains`,
  );
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
