import { toSafeCsv } from "~/domain/csv-safety";
import type { Viewer } from "~/domain/permissions";
import { REFERENCE_PATTERN } from "~/domain/reference";
import {
  LOG_CAP,
  OSHA_CLASSIFICATION_LABELS,
  OSHA_INJURY_LABELS,
  PRIVACY_CASE,
  SB553_HEADER,
  SB553_LEGEND,
  sb553Lines,
  sb553Row,
  type DateRange,
  type OshaClassification,
  type OshaInjuryType,
  type OshaInput,
  type Sb553Source,
} from "~/domain/regulator-records";
import type { Db, Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { appendCaseEvent } from "./case-event.server";
import { createPdf } from "./case-file-pdf.server";
import { handlerScope } from "./incident.server";
import { getCategorySettings } from "./jurisdiction.server";

// Regulator records for HR: the SB 553 violent incident log and the OSHA 300 log, 301 reports
// and confidential list. Every export reads in pages of PAGE rows (no transaction held while
// reading), is capped (the page says so), and is recorded afterwards in the settings history
// in a short transaction of its own. Cases naming the person exporting are left out, as
// everywhere, and the file says how many were. These records are written in English whatever
// the reader's language: they are kept for a US regulator, in the fields the regulation names
// (decision 104).

const PAGE = 500;

export type ExportFormat = "CSV" | "PDF";

async function recordRecordsExport(
  db: Db,
  p: { actorId: string; what: string; format: string; cases: number; range?: string },
) {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: p.actorId,
      action: "RECORDS_EXPORTED",
      subjectType: "RECORDS",
      subjectId: null,
      data: { what: p.what, format: p.format, cases: p.cases, range: p.range ?? null },
    }),
  );
}

/** Reads `where` a page at a time, in a stable order, up to `cap` rows (plus one to tell). */
async function readPaged<T extends { id: string }>(
  read: (args: { take: number; cursor?: { id: string }; skip?: number }) => Promise<T[]>,
  cap: number,
): Promise<{ rows: T[]; capped: boolean }> {
  const rows: T[] = [];
  let cursor: string | undefined;
  while (rows.length <= cap) {
    const page = await read({
      take: Math.min(PAGE, cap + 1 - rows.length),
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    rows.push(...page);
    if (page.length === 0 || rows.length > cap) break;
    cursor = page[page.length - 1].id;
  }
  return { rows: rows.slice(0, cap), capped: rows.length > cap };
}

// ---- SB 553 -----------------------------------------------------------------------------------

const SB553_SELECT = {
  id: true,
  reference: true,
  occurredAt: true,
  channel: true,
  reporterSeverity: true,
  assessedSeverity: true,
  status: true,
  outcome: true,
  reporter: { select: { teamId: true } },
  account: { select: { segment: true } },
  assignee: { select: { role: true } },
  categories: { select: { category: true } },
  actions: { where: { status: { not: "CANCELLED" } }, select: { catalogue: true, type: true } },
} as const;

export type Sb553Log = {
  entries: Sb553Source[];
  capped: boolean;
  /** Cases in the range that name the person exporting: left out, another HR person exports. */
  leftOut: number;
  categories: string[];
};

export async function readSb553Log(
  db: Db,
  p: { viewer: Viewer; range: DateRange; cap: number },
): Promise<Sb553Log> {
  const { violenceCategories } = await getCategorySettings(db);
  const inLog: Prisma.IncidentWhereInput = {
    occurredAt: { gte: p.range.from, lte: p.range.to },
    categories: { some: { category: { in: violenceCategories } } },
  };
  const where: Prisma.IncidentWhereInput = { AND: [inLog, handlerScope(p.viewer)] };
  const [{ rows, capped }, all, visible] = await Promise.all([
    readPaged(
      (page) =>
        db.incident.findMany({
          where,
          orderBy: [{ id: "asc" }],
          select: SB553_SELECT,
          ...page,
        }),
      p.cap,
    ),
    db.incident.count({ where: inLog }),
    db.incident.count({ where }),
  ]);
  const entries = rows
    .map((r): Sb553Source => ({
      reference: r.reference,
      occurredAt: r.occurredAt,
      channel: r.channel,
      teamId: r.reporter.teamId,
      segment: r.account.segment,
      categories: r.categories.map((c) => c.category),
      severity: r.assessedSeverity ?? r.reporterSeverity,
      status: r.status,
      outcome: r.outcome,
      protective: r.actions.filter((a) => a.catalogue === "PROTECTIVE").map((a) => a.type),
      sanctions: r.actions.filter((a) => a.catalogue !== "PROTECTIVE").map((a) => a.type),
      handlerRole: r.assignee?.role ?? null,
    }))
    .sort(
      (a, b) =>
        a.occurredAt.getTime() - b.occurredAt.getTime() || a.reference.localeCompare(b.reference),
    );
  return { entries, capped, leftOut: all - visible, categories: violenceCategories };
}

function logNotes(log: Sb553Log, range: DateRange, cap: number): string[] {
  const notes = [`Incidents from ${range.fromText} to ${range.toText} (UTC).`];
  if (log.capped) notes.push(`Only the first ${cap} entries: choose a shorter range for the rest.`);
  if (log.leftOut)
    notes.push(
      `${log.leftOut} incident(s) naming the person exporting are left out: another HR person exports them.`,
    );
  return notes;
}

export async function exportSb553Log(
  db: Db,
  p: { viewer: Viewer; range: DateRange; format: ExportFormat; now?: Date },
): Promise<{ body: Uint8Array | string; fileName: string; count: number }> {
  const cap = LOG_CAP[p.format];
  const log = await readSb553Log(db, { viewer: p.viewer, range: p.range, cap });
  const now = p.now ?? new Date();
  const stamp = `${p.range.fromText}_${p.range.toText}`;
  let body: Uint8Array | string;
  if (p.format === "CSV") {
    body = toSafeCsv(
      [...SB553_HEADER],
      log.entries.map((e) => sb553Row(e, p.viewer.role)),
    );
  } else {
    const { doc, writer: w } = await createPdf("Violent incident log");
    w.text("Violent incident log (California Labor Code 6401.9)", { size: 16, bold: true });
    w.text(`Produced ${now.toISOString().slice(0, 10)}; completed by: HR.`);
    for (const line of [...SB553_LEGEND, ...logNotes(log, p.range, cap)]) w.text(line, { size: 9 });
    w.heading(`Entries (${log.entries.length})`);
    if (log.entries.length === 0) w.text("No incidents in this range.");
    for (const e of log.entries) {
      for (const line of sb553Lines(e, p.viewer.role)) w.text(line, { size: 9 });
      w.text("", { gap: 4 });
    }
    body = await doc.save({ useObjectStreams: false });
  }
  await recordRecordsExport(db, {
    actorId: p.viewer.id,
    what: "the SB 553 violent incident log",
    format: p.format,
    cases: log.entries.length,
    range: `${p.range.fromText} to ${p.range.toText}`,
  });
  return {
    body,
    fileName: `violent-incident-log_${stamp}.${p.format.toLowerCase()}`,
    count: log.entries.length,
  };
}

// ---- OSHA -------------------------------------------------------------------------------------

export type OshaSaveResult =
  | { ok: true; caseNumber: number; year: number; created: boolean }
  | { ok: false; status: 404 | 409; error: string };

/**
 * Marks a case recordable (or updates its OSHA fields). The case number counts per calendar year
 * of the event; the marking is an event on the case's timeline, with codes only.
 */
export async function saveOshaRecord(
  db: Db,
  p: { viewer: Viewer; input: OshaInput; now?: Date },
): Promise<OshaSaveResult> {
  const now = p.now ?? new Date();
  const notFound = {
    ok: false as const,
    status: 404 as const,
    error: "There is no case with this reference.",
  };
  if (!REFERENCE_PATTERN.test(p.input.reference)) return notFound;
  const incident = await db.incident.findFirst({
    where: { AND: [{ reference: p.input.reference }, handlerScope(p.viewer)] },
    select: { id: true, occurredAt: true },
  });
  if (!incident) return notFound;
  const { reference: _reference, ...fields } = p.input;
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.oshaRecord.findUnique({
        where: { incidentId: incident.id },
        select: { year: true, caseNumber: true },
      });
      const year = existing?.year ?? incident.occurredAt.getUTCFullYear();
      let caseNumber = existing?.caseNumber;
      if (caseNumber === undefined) {
        const last = await tx.oshaRecord.aggregate({ where: { year }, _max: { caseNumber: true } });
        caseNumber = (last._max.caseNumber ?? 0) + 1;
      }
      await tx.oshaRecord.upsert({
        where: { incidentId: incident.id },
        create: {
          incidentId: incident.id,
          year,
          caseNumber,
          ...fields,
          markedById: p.viewer.id,
          markedAt: now,
          updatedAt: now,
        },
        update: { ...fields, updatedAt: now },
      });
      await appendCaseEvent(tx, {
        incidentId: incident.id,
        type: existing ? "OSHA_RECORD_UPDATED" : "OSHA_RECORDABLE_MARKED",
        actorId: p.viewer.id,
        at: now,
        data: {
          year,
          caseNumber,
          classification: fields.classification,
          injuryType: fields.injuryType,
          privacyCase: fields.privacyCase,
        },
      });
      return { ok: true as const, caseNumber, year, created: !existing };
    });
  } catch (error) {
    // Two people marking different cases of one year at the same moment (PostgreSQL).
    if ((error as { code?: string }).code === "P2002")
      return {
        ok: false,
        status: 409,
        error: "Someone marked another case at the same time. Try again.",
      };
    throw error;
  }
}

export const OSHA_PAGE = 50;

type OshaRow = Awaited<ReturnType<typeof oshaPage>>[number];

async function oshaPage(
  db: Db,
  viewer: Viewer,
  year: number,
  args: { take: number; cursor?: { id: string }; skip?: number },
) {
  // OshaRecord has no relation: read a page of records, then their visible cases by id.
  const records = await db.oshaRecord.findMany({
    where: { year },
    orderBy: { caseNumber: "asc" },
    take: args.take,
    ...(args.cursor ? { cursor: { incidentId: args.cursor.id }, skip: 1 } : {}),
  });
  const cases = await db.incident.findMany({
    where: { AND: [{ id: { in: records.map((r) => r.incidentId) } }, handlerScope(viewer)] },
    select: { id: true, reference: true, occurredAt: true, reporter: { select: { name: true } } },
  });
  const byId = new Map(cases.map((c) => [c.id, c]));
  return records.map((r) => ({ ...r, id: r.incidentId, incident: byId.get(r.incidentId) ?? null }));
}

export async function listOshaRecords(db: Db, p: { viewer: Viewer; year: number; page: number }) {
  const skip = Math.max(0, p.page - 1) * OSHA_PAGE;
  const [records, total] = await Promise.all([
    db.oshaRecord.findMany({
      where: { year: p.year },
      orderBy: { caseNumber: "asc" },
      skip,
      take: OSHA_PAGE,
      select: { incidentId: true, caseNumber: true, classification: true, privacyCase: true },
    }),
    db.oshaRecord.count({ where: { year: p.year } }),
  ]);
  const cases = await db.incident.findMany({
    where: { AND: [{ id: { in: records.map((r) => r.incidentId) } }, handlerScope(p.viewer)] },
    select: { id: true, reference: true },
  });
  const refs = new Map(cases.map((c) => [c.id, c.reference]));
  return {
    total,
    rows: records.map((r) => ({
      caseNumber: r.caseNumber,
      // The code: the page shows it in the reader's language.
      classification: r.classification,
      privacyCase: r.privacyCase,
      // A case naming the viewer shows its number only.
      reference: refs.get(r.incidentId) ?? null,
    })),
  };
}

/** The current OSHA fields of a case, to edit them. */
export async function getOshaRecord(db: Db, viewer: Viewer, reference: string) {
  if (!REFERENCE_PATTERN.test(reference)) return null;
  const incident = await db.incident.findFirst({
    where: { AND: [{ reference }, handlerScope(viewer)] },
    select: { id: true, reference: true },
  });
  if (!incident) return null;
  const record = await db.oshaRecord.findUnique({ where: { incidentId: incident.id } });
  return { reference: incident.reference, record };
}

export const OSHA_300_HEADER = [
  "case_no",
  "employee_name",
  "job_title",
  "date_of_injury_or_illness",
  "where_event_occurred",
  "description",
  "death_G",
  "days_away_H",
  "job_transfer_or_restriction_I",
  "other_recordable_J",
  "days_away_K",
  "days_restricted_L",
  "injury_or_illness_M",
  "case_reference",
];

export type OshaKind = "300" | "301" | "PRIVACY";

async function readOsha(db: Db, viewer: Viewer, year: number, cap: number) {
  return readPaged<OshaRow>((args) => oshaPage(db, viewer, year, args), cap);
}

const mark = (yes: boolean) => (yes ? "X" : "");

export async function exportOsha(
  db: Db,
  p: { viewer: Viewer; year: number; kind: OshaKind; now?: Date },
): Promise<{ body: Uint8Array | string; fileName: string; contentType: string; count: number }> {
  const cap = p.kind === "301" ? LOG_CAP.PDF : LOG_CAP.CSV;
  const { rows: all, capped } = await readOsha(db, p.viewer, p.year, cap);
  const rows = all.filter((r) => r.incident); // cases naming the viewer are left out
  const leftOut = all.length - rows.length;
  let out: { body: Uint8Array | string; fileName: string; contentType: string };
  if (p.kind === "300") {
    out = {
      body: toSafeCsv(
        OSHA_300_HEADER,
        rows.map((r) => [
          r.caseNumber,
          r.privacyCase ? PRIVACY_CASE : r.incident!.reporter.name,
          r.jobTitle,
          r.incident!.occurredAt.toISOString().slice(0, 10),
          r.location,
          r.injuryDescription,
          mark(r.classification === "DEATH"),
          mark(r.classification === "DAYS_AWAY"),
          mark(r.classification === "JOB_TRANSFER"),
          mark(r.classification === "OTHER_RECORDABLE"),
          r.daysAway,
          r.daysRestricted,
          OSHA_INJURY_LABELS[r.injuryType as OshaInjuryType] ?? "",
          r.incident!.reference,
        ]),
      ),
      fileName: `osha-300-log_${p.year}.csv`,
      contentType: "text/csv; charset=utf-8",
    };
  } else if (p.kind === "PRIVACY") {
    // 1904.29(b)(6): the names of privacy cases, kept apart from the log.
    out = {
      body: toSafeCsv(
        ["case_no", "employee_name", "case_reference"],
        rows
          .filter((r) => r.privacyCase)
          .map((r) => [r.caseNumber, r.incident!.reporter.name, r.incident!.reference]),
      ),
      fileName: `osha-privacy-cases_${p.year}_CONFIDENTIAL.csv`,
      contentType: "text/csv; charset=utf-8",
    };
  } else {
    const { doc, writer: w } = await createPdf(`OSHA 301 incident reports ${p.year}`);
    w.text(`OSHA Form 301 information, ${p.year}`, { size: 16, bold: true });
    w.text(
      "Injury and illness incident reports for the cases HR marked recordable. Privacy cases carry no name; their names are on the confidential list.",
      { size: 9 },
    );
    if (capped) w.text(`Only the first ${cap} cases.`, { size: 9 });
    if (leftOut)
      w.text(`${leftOut} case(s) naming the person exporting are left out.`, { size: 9 });
    if (rows.length === 0) w.text("No recordable cases this year.");
    for (const r of rows) {
      const i = r.incident!;
      w.heading(`Case ${r.caseNumber} (${i.reference})`);
      w.text(
        `Employee: ${r.privacyCase ? PRIVACY_CASE : i.reporter.name}; job title: ${r.jobTitle}`,
      );
      w.text(
        `Date of injury or illness: ${i.occurredAt.toISOString().slice(0, 10)}; time of event: ${i.occurredAt.toISOString().slice(11, 16)} UTC`,
      );
      w.text(`Where: ${r.location}`);
      w.text(`What happened: ${r.whatHappened}`);
      w.text(`Injury or illness: ${r.injuryDescription}`);
      w.text(
        `Classification: ${OSHA_CLASSIFICATION_LABELS[r.classification as OshaClassification] ?? "-"}; ${OSHA_INJURY_LABELS[r.injuryType as OshaInjuryType] ?? "-"}; days away ${r.daysAway}, days restricted ${r.daysRestricted}`,
      );
      w.text(
        `Treated in an emergency room: ${r.treatedInEr ? "yes" : "no"}; hospitalized overnight: ${r.hospitalized ? "yes" : "no"}`,
      );
    }
    out = {
      body: await doc.save({ useObjectStreams: false }),
      fileName: `osha-301-reports_${p.year}.pdf`,
      contentType: "application/pdf",
    };
  }
  const what = {
    "300": "the OSHA 300 log",
    "301": "the OSHA 301 reports",
    PRIVACY: "the OSHA confidential list of privacy cases",
  }[p.kind];
  const count = p.kind === "PRIVACY" ? rows.filter((r) => r.privacyCase).length : rows.length;
  await recordRecordsExport(db, {
    actorId: p.viewer.id,
    what,
    format: p.kind === "301" ? "PDF" : "CSV",
    cases: count,
    range: String(p.year),
  });
  return { ...out, count };
}
