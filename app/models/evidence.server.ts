import type { StoredEvidence } from "~/utils/evidence-storage.server";
import type { Db, Tx } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";

// Evidence rows. The files themselves live in EVIDENCE_DIR (app/utils/evidence-storage.server).

/** Records stored files against an incident with one EVIDENCE_ADDED timeline entry. */
export async function recordEvidence(
  tx: Tx,
  p: { incidentId: string; uploadedById: string; files: StoredEvidence[]; now?: Date },
) {
  if (p.files.length === 0) return [];
  const ids: string[] = [];
  for (const f of p.files) {
    const row = await tx.evidence.create({
      data: {
        incidentId: p.incidentId,
        uploadedById: p.uploadedById,
        fileName: f.fileName,
        storedName: f.storedName,
        mimeType: f.mimeType,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        createdAt: p.now,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  await appendCaseEvent(tx, {
    incidentId: p.incidentId,
    type: "EVIDENCE_ADDED",
    actorId: p.uploadedById,
    at: p.now,
    visibleToReporter: true,
    data: { evidenceIds: ids, count: ids.length },
  });
  return ids;
}

/** What a download needs, with the incident's reference for the access check. */
export function getEvidenceForDownload(db: Db, id: string) {
  return db.evidence.findUnique({
    where: { id },
    select: {
      storedName: true,
      fileName: true,
      mimeType: true,
      sizeBytes: true,
      incident: { select: { reference: true } },
    },
  });
}

export function listEvidence(db: Db, incidentId: string) {
  return db.evidence.findMany({
    where: { incidentId },
    orderBy: { createdAt: "asc" },
    select: { id: true, fileName: true, mimeType: true, sizeBytes: true, createdAt: true },
  });
}
