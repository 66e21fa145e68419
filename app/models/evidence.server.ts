import type { StoredEvidence } from "~/utils/evidence-storage.server";
import type { Db, Tx } from "~/utils/db.server";
import { appendCaseEvent } from "./case-event.server";
import { enqueueNotification } from "./notification.server";

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

/** Bytes already stored for a report: files added later share its 100 MB. */
export async function evidenceBytes(db: Db, incidentId: string): Promise<number> {
  const sum = await db.evidence.aggregate({ where: { incidentId }, _sum: { sizeBytes: true } });
  return sum._sum.sizeBytes ?? 0;
}

/**
 * The reporter adds files to a report already sent: the rows, one EVIDENCE_ADDED entry and a
 * mail to whoever handles it (the assignee, or HR on the case when nobody is assigned), in
 * one transaction.
 */
export async function addEvidenceToReport(
  db: Db,
  p: { incidentId: string; uploadedById: string; files: StoredEvidence[]; now?: Date },
) {
  return db.$transaction(async (tx) => {
    const ids = await recordEvidence(tx, p);
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: p.incidentId },
      select: {
        reference: true,
        assignee: { select: { id: true, email: true } },
        participants: {
          where: { role: "HR" },
          select: { user: { select: { id: true, email: true } } },
        },
      },
    });
    const recipients = incident.assignee
      ? [incident.assignee]
      : incident.participants.map((x) => x.user);
    for (const r of recipients) {
      if (r.id === p.uploadedById) continue;
      await enqueueNotification(tx, {
        idempotencyKey: `incident:${p.incidentId}:evidence:${ids[0]}:${r.id}`,
        recipient: r,
        template: "EVIDENCE_ADDED",
        data: { reference: incident.reference, count: ids.length },
        incidentId: p.incidentId,
      });
    }
    return ids;
  });
}

/** Files already on a report: files added later share its limit of 20. */
export function evidenceCount(db: Db, incidentId: string): Promise<number> {
  return db.evidence.count({ where: { incidentId } });
}

/** Which of these stored names have an evidence row (for the orphan sweep). */
export async function storedNamesWithRows(db: Db, storedNames: string[]): Promise<Set<string>> {
  const rows = await db.evidence.findMany({
    where: { storedName: { in: storedNames } },
    select: { storedName: true },
  });
  return new Set(rows.map((r) => r.storedName));
}
