import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { SUPPORT_ANSWER_LABELS, type SupportAnswer } from "~/domain/case-rules";
import { fitToFont, wrapText } from "~/domain/pdf-text";
import {
  ACTION_STATUS_LABELS,
  DECISION_LABELS,
  type AccountDecision,
  type ActionStatus,
} from "~/domain/sanctions";
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  SUPPORT_LABELS,
  type Category,
  type Channel,
  type IncidentStatus,
  type Outcome,
  type Severity,
  type SupportKind,
} from "~/domain/vocabulary";
import { actionLabel } from "./case-export.server";
import type { CaseFile } from "./case-file.server";

// The case file's layout. Text is drawn in DejaVu Sans (decision 076), embedded as a subset of
// the glyphs used, so names and statements in Latin, Greek and Cyrillic appear as written and
// the file stays small.

const FONT_PACKAGE = "dejavu-fonts-ttf";
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** The two font files, read once per process (1.4 MB, kept in memory). */
function loadFonts() {
  if (!fontBytes) {
    const require = createRequire(import.meta.url);
    const file = (p: string) => readFile(require.resolve(`${FONT_PACKAGE}/${p}`));
    fontBytes = Promise.all([file("ttf/DejaVuSans.ttf"), file("ttf/DejaVuSans-Bold.ttf")]).then(
      ([regular, bold]) => ({ regular, bold }),
    );
    fontBytes.catch(() => (fontBytes = undefined));
  }
  return fontBytes;
}

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type Font = ReturnType<Fontkit["create"]>;
const parsed = new WeakMap<Uint8Array, Font>();

/**
 * fontkit for pdf-lib, with two changes. A font file is parsed once and the parsed font shared
 * by every export, rather than parsed (and its character list built) again for each. And text
 * is not shaped: each character is drawn as the glyph the font's character map gives it.
 * Shaping (ligatures, kerning, local forms) was most of the drawing time, and pdf-lib draws
 * none of its positioning anyway; it changes nothing for NFC text in these scripts drawn left
 * to right. Without it each character is exactly one glyph, so wrapping measures what is drawn
 * and the text copied out of the PDF is the text written.
 */
const unshapedFontkit: Fontkit = {
  create(bytes) {
    let font = parsed.get(bytes);
    if (!font) {
      const f = fontkit.create(bytes);
      f.layout = ((text: string) => ({ glyphs: f.glyphsForString(text) })) as Font["layout"];
      parsed.set(bytes, (font = f));
    }
    return font;
  },
};

// Read and parse the fonts when the server starts rather than in the first export's request.
loadFonts()
  .then((f) => [f.regular, f.bold].forEach((b) => unshapedFontkit.create(b).characterSet))
  .catch(() => {});

const PAGE: [number, number] = [595.28, 841.89];

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  readonly margin = 50;
  private glyphs = new Map<PDFFont, Set<number>>();
  private widths = new Map<string, number>();
  constructor(
    private doc: PDFDocument,
    private font: PDFFont,
    private bold: PDFFont,
  ) {
    this.newPage();
  }
  private newPage() {
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - this.margin;
  }
  private hasGlyph(font: PDFFont) {
    let set = this.glyphs.get(font);
    if (!set) this.glyphs.set(font, (set = new Set(font.getCharacterSet())));
    return (code: number) => set.has(code);
  }
  private wrap(text: string, font: PDFFont, size: number, indent: number): string[] {
    // One width lookup per distinct character, font and size, then linear wrapping.
    const key = font === this.bold ? `b${size}:` : `r${size}:`;
    const charWidth = (ch: string) => {
      let w = this.widths.get(key + ch);
      if (w === undefined) this.widths.set(key + ch, (w = font.widthOfTextAtSize(ch, size)));
      return w;
    };
    return wrapText(
      fitToFont(text, this.hasGlyph(font)),
      charWidth,
      PAGE[0] - 2 * this.margin - indent,
    );
  }
  text(text: string, opts: { size?: number; bold?: boolean; gap?: number; indent?: number } = {}) {
    const size = opts.size ?? 10;
    const indent = opts.indent ?? 0;
    const font = opts.bold ? this.bold : this.font;
    for (const line of this.wrap(text, font, size, indent)) {
      if (this.y - size * 1.35 < this.margin) this.newPage();
      this.y -= size * 1.35;
      if (line) {
        this.page.drawText(line, {
          x: this.margin + indent,
          y: this.y,
          size,
          font,
          color: rgb(0, 0, 0),
        });
      }
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

/** A new A4 document in the embedded Unicode font, and a writer for it (every PDF export). */
export async function createPdf(title: string) {
  const fonts = await loadFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(unshapedFontkit);
  doc.setTitle(title);
  doc.setProducer("Incident portal");
  // Subsets (only the glyphs used) keep the file small.
  const font = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  return { doc, writer: new PdfWriter(doc, font, bold) };
}

export async function renderCaseFilePdf(file: CaseFile, exportedBy: string, now = new Date()) {
  const { incident, timeline, chain } = file;
  const { doc, writer: w } = await createPdf(`Case file ${incident.reference}`);
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

  w.heading("Support the employee asked for");
  if (file.support.length === 0) w.text("None asked for.");
  for (const s of file.support) {
    const asked = SUPPORT_LABELS[s.kind as SupportKind] ?? s.kind;
    const answer = s.answer
      ? `${SUPPORT_ANSWER_LABELS[s.answer as SupportAnswer] ?? s.answer} by ${s.answeredBy ?? "-"} on ${d(s.answeredAt)}`
      : "Not answered.";
    w.text(`${asked}: ${answer}`);
    if (s.answerReason) w.text(`Note to the employee: ${s.answerReason}`, { indent: 12 });
  }

  w.heading("Messages between the reporter and the handlers");
  if (file.messages.length === 0) w.text("No messages.");
  for (const m of file.messages) {
    w.text(`${d(m.at)}  ${m.authorName} (${m.fromReporter ? "reporter" : "handler"})`, {
      bold: true,
      gap: 0,
    });
    w.text(m.body, { indent: 12, gap: 4 });
  }

  w.heading("Witnesses and their statements");
  if (file.witnesses.length === 0) w.text("The reporter named no witnesses.");
  for (const x of file.witnesses) {
    const state = x.submittedAt
      ? `statement asked ${d(x.requestedAt)}, given ${d(x.submittedAt)}`
      : x.requestedAt
        ? `statement asked ${d(x.requestedAt)}, not given yet`
        : "no statement asked for";
    w.text(`${x.name}: ${state}`, { bold: !!x.statement, gap: x.statement ? 0 : 2 });
    if (x.statement) w.text(x.statement, { indent: 12, gap: 4 });
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
    w.text(`${e.fileName} (${e.mimeType}, ${e.sizeBytes} bytes, ${d(e.createdAt)})`, { gap: 0 });
    w.text(`SHA-256 ${e.sha256}`, { size: 8, indent: 12, gap: 4 });
  }

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
