import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { toSafeCsvRows } from "~/domain/csv-safety";
import { wrapText } from "~/domain/pdf-text";
import {
  ACTION_STATUS_LABELS,
  DECISION_LABELS,
  SANCTION_LABELS,
  type AccountDecision,
  type ActionStatus,
  type Sanction,
} from "~/domain/sanctions";
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
  PROTECTIVE_MEASURE_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  type Category,
  type Channel,
  type IncidentStatus,
  type Outcome,
  type ProtectiveMeasure,
  type Severity,
} from "~/domain/vocabulary";
import type { Db } from "~/utils/db.server";
import { appendCaseEvent, verifyIncidentChain } from "./case-event.server";
import { statementLinesForCaseFile } from "./case-support.server";
import { getTimelineItems } from "./timeline-view.server";

// Exports for HR (and counsel): a case file as PDF and lists as CSV. Every export is itself
// an EXPORTED event on the case timeline, so the chain records who took what out, and when.

const WIN_ANSI_EXTRA: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
  "\u2022": "*",
  "\u00A0": " ",
  "\u2192": "->",
};

/** Text the standard Helvetica (WinAnsi) can draw: anything else becomes "?". */
export function pdfSafeText(text: string): string {
  let out = "";
  for (const ch of text.replace(/\t/g, "    ")) {
    const code = ch.codePointAt(0) ?? 0;
    if (WIN_ANSI_EXTRA[ch] !== undefined) out += WIN_ANSI_EXTRA[ch];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff)) out += ch;
    else out += "?";
  }
  return out;
}

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
      reporter: { select: { name: true } },
      assignee: { select: { name: true } },
      account: { select: { name: true, crmId: true, conductStatus: true } },
      contacts: { select: { contact: { select: { name: true } } } },
      categories: { select: { category: true } },
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
  const timeline = await getTimelineItems(db, incidentId, { forReporter: false });
  const chain = await verifyIncidentChain(db, incidentId);
  const statements = await statementLinesForCaseFile(db, incidentId);
  return { incident, timeline, chain, statements };
}

/** (Witness statements are optional: a file without the section still renders.) */
type CaseFile = Omit<Awaited<ReturnType<typeof getCaseFile>>, "statements"> & {
  statements?: string[];
};

export function actionLabel(catalogue: string, type: string): string {
  return catalogue === "PROTECTIVE"
    ? (PROTECTIVE_MEASURE_LABELS[type as ProtectiveMeasure] ?? type)
    : (SANCTION_LABELS[type as Sanction] ?? type);
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  readonly margin = 50;
  constructor(
    private doc: PDFDocument,
    private font: PDFFont,
    private bold: PDFFont,
  ) {
    this.newPage();
  }
  private newPage() {
    this.page = this.doc.addPage([595.28, 841.89]);
    this.y = 841.89 - this.margin;
  }
  private wrap(text: string, font: PDFFont, size: number): string[] {
    // One width lookup per distinct character and font size, then linear wrapping.
    const cache = new Map<string, number>();
    const charWidth = (ch: string) => {
      let w = cache.get(ch);
      if (w === undefined) cache.set(ch, (w = font.widthOfTextAtSize(ch, size)));
      return w;
    };
    return wrapText(pdfSafeText(text), charWidth, 595.28 - 2 * this.margin);
  }
  text(text: string, opts: { size?: number; bold?: boolean; gap?: number } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    for (const line of this.wrap(text, font, size)) {
      if (this.y - size < this.margin) this.newPage();
      this.y -= size * 1.35;
      if (line)
        this.page.drawText(line, { x: this.margin, y: this.y, size, font, color: rgb(0, 0, 0) });
    }
    this.y -= opts.gap ?? 2;
  }
  heading(text: string) {
    this.y -= 8;
    this.text(text, { size: 13, bold: true, gap: 4 });
  }
}

const d = (x: Date | null | undefined) =>
  x ? x.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "-";

export async function renderCaseFilePdf(file: CaseFile, exportedBy: string, now = new Date()) {
  const { incident, timeline, chain } = file;
  const doc = await PDFDocument.create();
  doc.setTitle(`Case file ${incident.reference}`);
  doc.setProducer("Incident portal");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new PdfWriter(doc, font, bold);
  w.text(`Case file ${incident.reference}`, { size: 18, bold: true, gap: 6 });
  w.text(`Exported by ${exportedBy} on ${d(now)}. Confidential: HR and counsel only.`);
  w.heading("Summary");
  const severity = (incident.assessedSeverity ?? incident.reporterSeverity) as Severity;
  w.text(`Status: ${STATUS_LABELS[incident.status as IncidentStatus] ?? incident.status}`);
  if (incident.outcome)
    w.text(`Outcome: ${OUTCOME_LABELS[incident.outcome as Outcome] ?? incident.outcome}`);
  w.text(`Reported by: ${incident.reporter.name}`);
  w.text(`Handled by: ${incident.assignee?.name ?? "Unassigned"}`);
  w.text(`Customer account: ${incident.account.name} (${incident.account.crmId})`);
  if (incident.contacts.length)
    w.text(`Customer contacts: ${incident.contacts.map((c) => c.contact.name).join(", ")}`);
  w.text(`Happened: ${d(incident.occurredAt)}; reported ${d(incident.createdAt)}`);
  w.text(`Channel: ${CHANNEL_LABELS[incident.channel as Channel] ?? incident.channel}`);
  w.text(
    `Severity: ${SEVERITY_LABELS[severity] ?? severity}${incident.assessedSeverity ? " (assessed)" : " (as reported)"}`,
  );
  w.text(
    `Behaviour: ${incident.categories.map((c) => CATEGORY_LABELS[c.category as Category] ?? c.category).join(", ") || "-"}`,
  );
  w.heading("What happened");
  w.text(incident.narrative);
  if (incident.impact) {
    w.heading("Impact on the reporter");
    w.text(incident.impact);
  }
  w.heading("Actions");
  if (incident.actions.length === 0) w.text("None recorded.");
  for (const a of incident.actions) {
    w.text(
      `${a.catalogue === "PROTECTIVE" ? "Protective" : "Sanction"}: ${actionLabel(a.catalogue, a.type)}. Owner ${a.owner?.name ?? "-"}; due ${d(a.dueAt)}; status ${ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status}${a.outcome ? `; outcome: ${a.outcome}` : ""}${a.reason ? `; reason: ${a.reason}` : ""}`,
    );
  }
  w.heading("Decisions on the account");
  if (incident.decisions.length === 0) w.text("None recorded.");
  for (const x of incident.decisions) {
    w.text(
      `${d(x.createdAt)}: ${DECISION_LABELS[x.decision as AccountDecision] ?? x.decision}. Decided by ${x.decidedBy.name}, approved by ${x.approver.name}; employees consulted: ${x.employeesConsulted ? "yes" : "no"}. Rationale: ${x.rationale}`,
    );
  }
  w.heading("Evidence");
  if (incident.evidence.length === 0) w.text("No files.");
  for (const e of incident.evidence) {
    w.text(`${e.fileName} (${e.mimeType}, ${e.sizeBytes} bytes, ${d(e.createdAt)})`);
    w.text(`SHA-256 ${e.sha256}`, { size: 8 });
  }
  w.heading("Witness statements");
  const statements = file.statements ?? [];
  if (statements.length === 0) w.text("None asked for.");
  for (const line of statements) w.text(line);
  w.heading("Timeline");
  for (const t of timeline) {
    w.text(`${d(new Date(t.at))}  ${t.actorName ?? "System"}: ${t.summary}`, { size: 9 });
  }
  w.heading("Tamper evidence");
  w.text(
    chain.ok
      ? `Hash chain verified: ${chain.length} events, unbroken.`
      : `Hash chain BROKEN at event ${chain.brokenAtSeq}: ${chain.reason}.`,
  );
  return doc.save({ useObjectStreams: false });
}

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

export type CaseListRow = {
  id: string;
  reporterId: string;
  accountId: string;
  reference: string;
  createdAt: Date;
  occurredAt: Date;
  status: string;
  outcome: string | null;
  severity: string;
  categories: string[];
  accountName: string;
  reporterName: string;
  assigneeName: string | null;
  teamName: string | null;
  narrative: string;
};

// People read the labels; spreadsheets filter on the codes, each in its own column.
export const CASE_LIST_HEADER = [
  "Reference",
  "Reported",
  "Happened",
  "Status",
  "Status code",
  "Outcome",
  "Outcome code",
  "Severity",
  "Severity code",
  "Categories",
  "Category codes",
  "Account",
  "Reporter",
  "Team",
  "Handler",
  "What happened",
];

const label = <T extends string>(labels: Record<T, string>, code: string | null) =>
  code ? (labels[code as T] ?? code) : "";

/** CSV lines for these cases (no header): see CASE_LIST_HEADER. */
export function caseListCsvRows(rows: CaseListRow[]): string {
  return toSafeCsvRows(
    rows.map((r) => [
      r.reference,
      r.createdAt,
      r.occurredAt,
      label(STATUS_LABELS, r.status),
      r.status,
      label(OUTCOME_LABELS, r.outcome),
      r.outcome ?? "",
      label(SEVERITY_LABELS, r.severity),
      r.severity,
      r.categories.map((c) => label(CATEGORY_LABELS, c)).join("; "),
      r.categories.join("; "),
      r.accountName,
      r.reporterName,
      r.teamName ?? "",
      r.assigneeName ?? "",
      r.narrative,
    ]),
  );
}

export function caseListCsv(rows: CaseListRow[]): string {
  return toSafeCsvRows([CASE_LIST_HEADER]) + caseListCsvRows(rows);
}
