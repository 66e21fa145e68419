// The verifier shipped inside every investigator bundle: plain Node (18+), no dependencies,
// so counsel or an investigator can check a case's timeline without the portal. It recomputes
// each event's hash exactly as app/domain/case-chain.ts does (a unit test holds the two
// together) and checks each evidence file against the SHA-256 the timeline recorded.

export const BUNDLE_VERIFIER_SOURCE = `#!/usr/bin/env node
// Checks an investigator bundle from the incident portal. Usage:
//   node verify.mjs [path/to/timeline.json]
// Exit code 0: the timeline's hash chain is intact and every evidence file matches its hash.
// Exit code 1: something was changed; the event (seq) or file is named.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? join(here, "timeline.json");
const sha256 = (b) => createHash("sha256").update(b).digest("hex");
const problems = [];
let bundle;
try {
  bundle = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.log("FAILED: timeline.json cannot be read as JSON (" + e.message + ")");
  process.exit(1);
}
const events = Array.isArray(bundle.events) ? bundle.events : [];
let prev = "0".repeat(64);
for (let i = 0; i < events.length; i++) {
  const e = events[i];
  const name = "event " + e.seq + " (" + e.type + ")";
  if (e.seq !== i + 1) { problems.push(name + ": an event is missing before it"); break; }
  if (e.prevHash !== prev) { problems.push(name + ": the link to the previous event is broken"); break; }
  const canonical = JSON.stringify([
    e.incidentId, e.seq, e.type, e.actorId, new Date(e.at).toISOString(), e.data, e.visibleToReporter,
  ]);
  const hash = createHash("sha256").update(prev).update("\\n").update(canonical).digest("hex");
  if (hash !== e.hash) { problems.push(name + ": the event was changed after it was written"); break; }
  prev = e.hash;
}
if (!problems.length && bundle.chainLength !== events.length)
  problems.push("the timeline should have " + bundle.chainLength + " events but has " + events.length);
if (!problems.length && events.length > 0 && bundle.chainHead !== prev)
  problems.push("event " + events.length + ": the last event does not match the recorded head");
for (const ev of bundle.evidence ?? []) {
  if (!ev.path) continue;
  const p = join(dirname(file), ev.path);
  if (!existsSync(p)) { problems.push("evidence " + ev.path + ": missing from the bundle"); continue; }
  if (sha256(readFileSync(p)) !== ev.sha256) problems.push("evidence " + ev.path + ": its contents do not match the recorded hash");
}
if (problems.length) {
  console.log("FAILED: " + bundle.reference);
  for (const p of problems) console.log("  " + p);
  process.exit(1);
}
console.log("OK: " + bundle.reference + ": " + events.length + " events, chain intact; " +
  (bundle.evidence ?? []).filter((e) => e.path).length + " evidence file(s) match their hashes.");
`;
