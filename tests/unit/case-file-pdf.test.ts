import { describe, expect, it } from "vitest";
import { fitToFont, wrapText } from "~/domain/pdf-text";
import { renderCaseFilePdf } from "~/models/case-file-pdf.server";
import { embeddedFontOutlines, extractPdfText } from "../fixtures/pdf-text";

type CaseFile = Parameters<typeof renderCaseFilePdf>[0];

function caseFile(narrative: string, events = 3): CaseFile {
  return {
    incident: {
      id: "i1",
      reference: "INC-2026-0042",
      status: "RESOLVED",
      outcome: "SUBSTANTIATED",
      channel: "PHONE",
      reporterSeverity: "HIGH",
      assessedSeverity: "CRITICAL",
      occurredAt: new Date("2026-03-01T10:00:00Z"),
      createdAt: new Date("2026-03-01T10:30:00Z"),
      resolvedAt: new Date("2026-03-05T10:30:00Z"),
      narrative,
      impact: null,
      reporter: { name: "Erin Employee" },
      assignee: { name: "Mia Manager" },
      account: { name: "Globex Ltd", crmId: "CRM-1", conductStatus: "WATCH" },
      contacts: [{ contact: { name: "Pat Shouter" } }],
      categories: [{ category: "THREATS" }],
      evidence: [
        {
          fileName: "call.png",
          mimeType: "image/png",
          sizeBytes: 1234,
          sha256: "ab".repeat(32),
          createdAt: new Date("2026-03-01T10:31:00Z"),
        },
      ],
      actions: [
        {
          catalogue: "SANCTION",
          type: "WRITTEN_WARNING",
          status: "DONE",
          outcome: "Customer apologised",
          reason: null,
          dueAt: null,
          createdAt: new Date("2026-03-02T10:00:00Z"),
          owner: { name: "Mia Manager" },
        },
      ],
      decisions: [],
    },
    support: [],
    messages: [],
    witnesses: [],
    timeline: Array.from({ length: events }, (_, i) => ({
      id: String(i),
      type: "NOTE",
      at: new Date(Date.UTC(2026, 2, 1, 11, i)).toISOString(),
      actorName: "Mia Manager",
      summary: `Private note: entry number ${i + 1}`,
    })),
    chain: { ok: true, length: events },
  } as CaseFile;
}

describe("case file PDF", () => {
  it("holds the timeline, actions, evidence hashes and the chain verdict", async () => {
    const bytes = await renderCaseFilePdf(
      caseFile("They said “we know where you live” — twice."),
      "Hana HR",
    );
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = await extractPdfText(bytes);
    expect(text).toContain("Case file INC-2026-0042");
    expect(text).toContain("They said “we know where you live” — twice.");
    expect(text).toContain("Written warning to the customer");
    expect(text).toContain(`SHA-256 ${"ab".repeat(32)}`);
    expect(text).toContain("Private note: entry number 3");
    expect(text).toContain("Hash chain verified: 3 events, unbroken.");
    // Two subsets (regular, bold) of a few dozen glyphs each, every one drawn but the space.
    const fonts = await embeddedFontOutlines(bytes);
    expect(fonts).toHaveLength(2);
    for (const f of fonts) {
      expect(f.glyphs).toBeGreaterThan(20);
      expect(f.glyphs).toBeLessThan(200);
      expect(f.blank).toBeLessThanOrEqual(1);
    }
    expect(bytes.length).toBeLessThan(100_000);
  });

  it("goes on to more pages when long, and never fails on characters the font lacks", async () => {
    const bytes = await renderCaseFilePdf(caseFile("雷 — Ελένη Иван ok", 300), "Hana HR");
    const text = await extractPdfText(bytes);
    expect(text).toContain("Private note: entry number 300");
    expect(text).toContain("? — Ελένη Иван ok");
    expect(
      (
        Buffer.from(bytes)
          .toString("latin1")
          .match(/\/Type \/Page\b/g) ?? []
      ).length,
    ).toBeGreaterThan(1);
  });

  it("keeps what the font has, and stands in for what it lacks", () => {
    const has = (code: number) => code < 0x2000 && code !== 0x219 && code !== 0x1ec7;
    expect(fitToFont("café ’x’ 🙂", has)).toBe("café ?x? ?");
    // Decomposed input is composed first; Romanian comma-below becomes the cedilla form;
    // a Vietnamese letter the font lacks keeps its base letter.
    expect(fitToFont("cafe\u0301 \u0219i \u1ec7", has)).toBe("café \u015fi e");
    expect(fitToFont("a\tb\r\nc\u0007", has)).toBe("a    b\nc?");
  });

  // A narrative of one 20,000-character word used to take minutes (the old loop re-measured
  // ever-shorter prefixes). The bound is not a time (a busy machine failed a 2 s one): wrapText's
  // test below counts the measurements.
  it("wraps a 20,000-character word without stalling", async () => {
    const word = "x".repeat(19_990) + "END";
    const bytes = await renderCaseFilePdf(caseFile(word), "Hana HR");
    const text = await extractPdfText(bytes);
    expect(text.replace(/\n/g, "")).toContain(word);
  });
});

describe("wrapText", () => {
  const unit = () => 1;
  it("joins words while they fit and cuts a word wider than the line", () => {
    expect(wrapText("aa bb cc dddddddd", unit, 5)).toEqual(["aa bb", "cc", "ddddd", "ddd"]);
    expect(wrapText("one\n\ntwo", unit, 10)).toEqual(["one", "", "two"]);
  });

  it("measures each character once per occurrence, not each prefix", () => {
    let calls = 0;
    const counting = (ch: string) => {
      calls++;
      return ch === "w" ? 3 : 1;
    };
    const text = "w".repeat(5_000) + " small words " + "a".repeat(3_000);
    const lines = wrapText(text, counting, 90);
    expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
    for (const line of lines)
      expect([...line].reduce((n, c) => n + counting(c), 0)).toBeLessThanOrEqual(90);
    calls = 0;
    wrapText(text, counting, 90);
    expect(calls).toBeLessThanOrEqual(2 * text.length + 1);
  });
});
