import { serverT } from "~/i18n/resources.server";
import type { Db } from "~/utils/db.server";
import { appendCaseEvent, verifyIncidentChain } from "./case-event.server";
import { listCaseMessages } from "./case-message.server";
import { witnessesOfCase } from "./case-support.server";
import { getTimelineItems } from "./timeline-view.server";
import { namesByIds } from "./user.server";

// Everything the case file (PDF, app/models/case-file-pdf.server.ts) holds, read in one place:
// the report, what the employee asked for and each answer, the messages between reporter and
// handler, the witnesses and their statements, actions, decisions, evidence with hashes, the
// timeline and the chain's verdict. The same reads the case page makes, so the file shows what
// the handler saw.

export async function getCaseFile(db: Db, incidentId: string) {
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      id: true,
      reference: true,
      status: true,
      outcome: true,
      channel: true,
      reporterSeverity: true,
      assessedSeverity: true,
      occurredAt: true,
      createdAt: true,
      resolvedAt: true,
      narrative: true,
      impact: true,
      reporterId: true,
      reporter: { select: { name: true } },
      assignee: { select: { name: true } },
      account: { select: { name: true, crmId: true, conductStatus: true } },
      contacts: { select: { contact: { select: { name: true } } } },
      categories: { select: { category: true } },
      supportRequests: {
        orderBy: { kind: "asc" },
        select: {
          kind: true,
          answer: true,
          answerReason: true,
          answeredAt: true,
          answeredById: true,
        },
      },
      evidence: {
        orderBy: { createdAt: "asc" },
        select: { fileName: true, mimeType: true, sizeBytes: true, sha256: true, createdAt: true },
      },
      actions: {
        orderBy: { createdAt: "asc" },
        select: {
          catalogue: true,
          type: true,
          status: true,
          outcome: true,
          reason: true,
          dueAt: true,
          createdAt: true,
          owner: { select: { name: true } },
        },
      },
      decisions: {
        orderBy: { createdAt: "asc" },
        select: {
          decision: true,
          rationale: true,
          employeesConsulted: true,
          createdAt: true,
          decidedBy: { select: { name: true } },
          approver: { select: { name: true } },
        },
      },
    },
  });
  const [timeline, chain, messages, witnesses, answerers] = await Promise.all([
    // The case file is printed in English (its font has no Japanese: decision 076).
    getTimelineItems(db, incidentId, { forReporter: false, t: serverT("en") }),
    verifyIncidentChain(db, incidentId),
    listCaseMessages(db, incidentId),
    witnessesOfCase(db, incidentId),
    namesByIds(
      db,
      incident.supportRequests.flatMap((s) => (s.answeredById ? [s.answeredById] : [])),
    ),
  ]);
  const { supportRequests, reporterId, ...rest } = incident;
  return {
    incident: rest,
    support: supportRequests.map((s) => ({
      kind: s.kind,
      answer: s.answer,
      answerReason: s.answerReason,
      answeredAt: s.answeredAt,
      answeredBy: s.answeredById ? (answerers.get(s.answeredById) ?? null) : null,
    })),
    messages: messages.map((m) => ({
      at: m.createdAt,
      authorName: m.authorName,
      fromReporter: m.authorId === reporterId,
      body: m.body,
    })),
    witnesses: witnesses.map((w) => ({
      name: w.name,
      requestedAt: w.request?.requestedAt ?? null,
      submittedAt: w.request?.submittedAt ?? null,
      statement: w.request?.statement ?? null,
    })),
    timeline,
    chain,
  };
}

export type CaseFile = Awaited<ReturnType<typeof getCaseFile>>;

/** Records an export on the case's timeline. */
export async function recordExport(
  db: Db,
  p: { incidentId: string; actorId: string; format: "PDF" | "CSV"; what: string; now?: Date },
) {
  return db.$transaction((tx) =>
    appendCaseEvent(tx, {
      incidentId: p.incidentId,
      type: "EXPORTED",
      actorId: p.actorId,
      at: p.now ?? new Date(),
      data: { format: p.format, what: p.what },
    }),
  );
}
