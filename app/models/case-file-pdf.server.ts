import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { fitToFont, wrapText } from "~/domain/pdf-text";
import type { Severity } from "~/domain/vocabulary";
import { asLanguage, type SupportedLanguage } from "~/i18n/config";
import {
  ACTION_STATUS_KEYS,
  DECISION_KEYS,
  labelOf,
  OUTCOME_KEYS,
  PROTECTIVE_KEYS,
  SANCTION_KEYS,
  SUPPORT_ANSWER_KEYS,
} from "~/i18n/hr-labels";
import { hrMessage } from "~/i18n/hr-messages";
import { serverT } from "~/i18n/resources.server";
import { vocabLabel } from "~/i18n/vocabulary";
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

/**
 * The language a PDF's headings are written in for a reader of `language`. The embedded font
 * has no Japanese glyphs (decision 076), so a Japanese reader gets English headings rather than
 * question marks (decision 104); English and Spanish are drawn as they are.
 */
export function pdfLanguage(language: string | null | undefined): SupportedLanguage {
  const lang = asLanguage(language);
  return lang === "ja" ? "en" : lang;
}

export async function renderCaseFilePdf(
  file: CaseFile,
  exportedBy: string,
  now = new Date(),
  language: string = "en",
) {
  const { incident, timeline, chain } = file;
  const t = serverT(pdfLanguage(language));
  const title = t("exports.caseFile.title", { reference: incident.reference });
  const { doc, writer: w } = await createPdf(title);
  w.text(title, { size: 18, bold: true, gap: 6 });
  w.text(t("exports.caseFile.exportedBy", { name: exportedBy, date: d(now) }));

  w.heading(t("exports.caseFile.summary"));
  const severity = (incident.assessedSeverity ?? incident.reporterSeverity) as Severity;
  w.text(t("exports.caseFile.status", { value: vocabLabel(t, "status", incident.status) }));
  if (incident.outcome)
    w.text(t("exports.caseFile.outcome", { value: labelOf(t, OUTCOME_KEYS, incident.outcome) }));
  w.text(t("exports.caseFile.reportedBy", { name: incident.reporter.name }));
  w.text(
    incident.assignee
      ? t("exports.caseFile.handledBy", { name: incident.assignee.name })
      : t("exports.caseFile.unassigned"),
  );
  w.text(
    t("exports.caseFile.account", { name: incident.account.name, crmId: incident.account.crmId }),
  );
  if (incident.contacts.length)
    w.text(
      t("exports.caseFile.contacts", {
        names: incident.contacts.map((c) => c.contact.name).join(", "),
      }),
    );
  w.text(
    t("exports.caseFile.happened", {
      happened: d(incident.occurredAt),
      reported: d(incident.createdAt),
    }),
  );
  w.text(t("exports.caseFile.channel", { value: vocabLabel(t, "channel", incident.channel) }));
  w.text(
    t(
      incident.assessedSeverity
        ? "exports.caseFile.severityAssessed"
        : "exports.caseFile.severityReported",
      {
        value: vocabLabel(t, "severity", severity),
      },
    ),
  );
  w.text(
    t("exports.caseFile.behaviour", {
      value:
        incident.categories.map((c) => vocabLabel(t, "category", c.category)).join(", ") || "-",
    }),
  );

  w.heading(t("exports.caseFile.whatHappened"));
  w.text(incident.narrative);
  if (incident.impact) {
    w.heading(t("exports.caseFile.impact"));
    w.text(incident.impact);
  }

  w.heading(t("exports.caseFile.support"));
  if (file.support.length === 0) w.text(t("exports.caseFile.noSupport"));
  for (const s of file.support) {
    const asked = vocabLabel(t, "support", s.kind);
    const answer = s.answer
      ? t("exports.caseFile.supportAnswer", {
          answer: labelOf(t, SUPPORT_ANSWER_KEYS, s.answer),
          name: s.answeredBy ?? "-",
          date: d(s.answeredAt),
        })
      : t("exports.caseFile.notAnswered");
    w.text(`${asked}: ${answer}`);
    if (s.answerReason)
      w.text(t("exports.caseFile.noteToEmployee", { note: s.answerReason }), { indent: 12 });
  }

  w.heading(t("exports.caseFile.messages"));
  if (file.messages.length === 0) w.text(t("exports.caseFile.noMessages"));
  for (const m of file.messages) {
    w.text(
      t(m.fromReporter ? "exports.caseFile.fromReporter" : "exports.caseFile.fromHandler", {
        date: d(m.at),
        name: m.authorName,
      }),
      { bold: true, gap: 0 },
    );
    w.text(m.body, { indent: 12, gap: 4 });
  }

  w.heading(t("exports.caseFile.witnesses"));
  if (file.witnesses.length === 0) w.text(t("exports.caseFile.noWitnesses"));
  for (const x of file.witnesses) {
    const state = x.submittedAt
      ? t("exports.caseFile.statementGiven", { asked: d(x.requestedAt), given: d(x.submittedAt) })
      : x.requestedAt
        ? t("exports.caseFile.statementPending", { asked: d(x.requestedAt) })
        : t("exports.caseFile.statementNotAsked");
    w.text(`${x.name}: ${state}`, { bold: !!x.statement, gap: x.statement ? 0 : 2 });
    if (x.statement) w.text(x.statement, { indent: 12, gap: 4 });
  }

  w.heading(t("exports.caseFile.actions"));
  if (incident.actions.length === 0) w.text(t("exports.caseFile.noneRecorded"));
  for (const a of incident.actions) {
    const parts = [
      t(
        a.catalogue === "PROTECTIVE" ? "exports.caseFile.protective" : "exports.caseFile.sanction",
        {
          action: labelOf(
            t,
            a.catalogue === "PROTECTIVE" ? PROTECTIVE_KEYS : SANCTION_KEYS,
            a.type,
          ),
          owner: a.owner?.name ?? "-",
          due: d(a.dueAt),
          status: labelOf(t, ACTION_STATUS_KEYS, a.status),
        },
      ),
    ];
    if (a.outcome) parts.push(t("exports.caseFile.actionOutcome", { outcome: a.outcome }));
    if (a.reason) parts.push(t("exports.caseFile.actionReason", { reason: a.reason }));
    w.text(parts.join(""));
  }

  w.heading(t("exports.caseFile.decisions"));
  if (incident.decisions.length === 0) w.text(t("exports.caseFile.noneRecorded"));
  for (const x of incident.decisions) {
    w.text(
      t(
        x.employeesConsulted
          ? "exports.caseFile.decisionConsulted"
          : "exports.caseFile.decisionNotConsulted",
        {
          date: d(x.createdAt),
          decision: labelOf(t, DECISION_KEYS, x.decision),
          decidedBy: x.decidedBy.name,
          approver: x.approver.name,
          rationale: x.rationale,
        },
      ),
    );
  }

  w.heading(t("exports.caseFile.evidence"));
  if (incident.evidence.length === 0) w.text(t("exports.caseFile.noFiles"));
  for (const e of incident.evidence) {
    w.text(
      t("exports.caseFile.file", {
        name: e.fileName,
        type: e.mimeType,
        bytes: e.sizeBytes,
        date: d(e.createdAt),
      }),
      { gap: 0 },
    );
    w.text(`SHA-256 ${e.sha256}`, { size: 8, indent: 12, gap: 4 });
  }

  // Timeline entries are written in English where they are made (app/domain/timeline-text.ts).
  w.heading(t("exports.caseFile.timeline"));
  for (const entry of timeline) {
    const actor = entry.actorName ?? t("exports.caseFile.system");
    w.text(`${d(new Date(entry.at))}  ${actor}: ${entry.summary}`, { size: 9 });
  }

  w.heading(t("exports.caseFile.tamper"));
  w.text(
    chain.ok
      ? t("exports.caseFile.chainOk", { count: chain.length })
      : t("exports.caseFile.chainBroken", {
          seq: chain.brokenAtSeq,
          reason: hrMessage(t, chain.reason, pdfLanguage(language)),
        }),
  );
  return doc.save({ useObjectStreams: false });
}
