import { readFile } from "node:fs/promises";
import path from "node:path";
import { BUNDLE_VERIFIER_SOURCE } from "~/domain/bundle-verifier";
import type { Viewer } from "~/domain/permissions";
import { buildTar, type TarEntry } from "~/domain/tar";
import type { Db } from "~/utils/db.server";
import { evidenceDir } from "~/utils/evidence-storage.server";
import { appendCaseEvent } from "./case-event.server";
import { handlerScope } from "./incident.server";

// The investigator bundle: one case's timeline with every hash, its evidence files and a
// standalone verifier, as a .tar. Everything is read first; the EXPORTED event is then written
// in its own short transaction (so the write lock is held for a moment, not for the files),
// and the archive is built only after that event committed: no bundle leaves unrecorded.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "");
  return (cleaned || "file").slice(-60);
}

export async function buildInvestigatorBundle(
  db: Db,
  p: { viewer: Viewer; reference: string; now?: Date },
): Promise<{ fileName: string; tar: Uint8Array<ArrayBuffer> } | null> {
  const incident = await db.incident.findFirst({
    where: { AND: [{ reference: p.reference }, handlerScope(p.viewer)] },
    select: { id: true, reference: true, chainLength: true, chainHead: true },
  });
  if (!incident) return null;
  const [events, evidence] = await Promise.all([
    db.caseEvent.findMany({ where: { incidentId: incident.id }, orderBy: { seq: "asc" } }),
    db.evidence.findMany({
      where: { incidentId: incident.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, fileName: true, storedName: true, mimeType: true, sha256: true },
    }),
  ]);
  const dir = incident.reference;
  const files: TarEntry[] = [];
  const evidenceList = [];
  for (const e of evidence) {
    let bytes: Uint8Array | null = null;
    if (UUID.test(e.storedName)) {
      bytes = await readFile(path.join(evidenceDir(), e.storedName)).catch(() => null);
    }
    const rel = `evidence/${e.id}-${safeFileName(e.fileName)}`;
    if (bytes) files.push({ name: `${dir}/${rel}`, data: bytes });
    evidenceList.push({
      id: e.id,
      fileName: e.fileName,
      mimeType: e.mimeType,
      sha256: e.sha256,
      path: bytes ? rel : null,
      ...(bytes ? {} : { note: "the file is no longer stored" }),
    });
  }
  const at = p.now ?? new Date();
  // The event is recorded before the archive exists; the bundle holds the timeline up to it.
  await db.$transaction((tx) =>
    appendCaseEvent(tx, {
      incidentId: incident.id,
      type: "EXPORTED",
      actorId: p.viewer.id,
      at,
      data: { what: "the investigator bundle", format: "tar", events: events.length },
    }),
  );
  const timeline = {
    reference: incident.reference,
    exportedAt: at.toISOString(),
    chainLength: events.length,
    chainHead: events.length ? events[events.length - 1].hash : "",
    hashing:
      "sha256(prevHash + '\\n' + JSON.stringify([incidentId, seq, type, actorId, at, data, visibleToReporter])); the first prevHash is 64 zeros",
    events: events.map((e) => ({
      incidentId: e.incidentId,
      seq: e.seq,
      type: e.type,
      actorId: e.actorId,
      at: e.at.toISOString(),
      data: e.data,
      visibleToReporter: e.visibleToReporter,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    evidence: evidenceList,
  };
  const enc = new TextEncoder();
  const readme = `Investigator bundle for ${incident.reference}, exported ${at.toISOString()}.

timeline.json  every timeline event with its hash and the hash of the one before it
evidence/      the evidence files; timeline.json lists each with its SHA-256
verify.mjs     checks the chain and the files: node verify.mjs   (Node 18 or later, nothing to install)

The verifier prints OK, or FAILED with the event (seq) or file that does not match.
`;
  const tar = buildTar([
    { name: `${dir}/README.txt`, data: enc.encode(readme), mtime: at },
    {
      name: `${dir}/timeline.json`,
      data: enc.encode(JSON.stringify(timeline, null, 2)),
      mtime: at,
    },
    { name: `${dir}/verify.mjs`, data: enc.encode(BUNDLE_VERIFIER_SOURCE), mtime: at },
    ...files.map((f) => ({ ...f, mtime: at })),
  ]);
  return { fileName: `${incident.reference}-investigator-bundle.tar`, tar };
}
