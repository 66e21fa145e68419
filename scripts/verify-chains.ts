// Verifies every case's hash-chained timeline (or one: --reference INC-2026-0042) in the
// database DATABASE_URL points at. Prints each broken case with its reference, the event (seq)
// where it breaks and why. Exit code: 0 all intact, 1 any break, 2 could not check.
// Usage: npx tsx scripts/verify-chains.ts [--reference REF]
import { verifyChains } from "~/models/case-history.server";
import { disconnectDb, getDb } from "~/utils/db.server";

const args = process.argv.slice(2);
const at = args.indexOf("--reference");
const reference = at >= 0 ? args[at + 1] : undefined;

let code = 0;
try {
  const db = await getDb();
  const { checked, broken, purged, purges } = await verifyChains(
    db,
    reference ? { reference } : {},
  );
  for (const b of broken) console.log(`BROKEN ${b.reference} seq ${b.seq}: ${b.reason}`);
  for (const p of purges)
    console.log(`PURGED ${p.reference} seq ${p.seq} at ${p.at.toISOString()}: ${p.rule}`);
  if (purged > purges.length) console.log(`… and ${purged - purges.length} more purged case(s).`);
  console.log(
    broken.length === 0
      ? `OK: ${checked} case timeline(s) verified, all intact.`
      : `${broken.length} of ${checked} case timeline(s) broken.`,
  );
  code = broken.length === 0 ? 0 : 1;
} catch (err) {
  console.error(`Could not verify: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await disconnectDb();
}
process.exit(code);
