import { describe, expect, it } from "vitest";
import { extractPdfText, wrapText } from "~/domain/pdf-text";
import { pdfSafeText, renderCaseFilePdf } from "~/models/case-export.server";

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
    const text = extractPdfText(bytes);
    expect(text).toContain("Case file INC-2026-0042");
    expect(text).toContain('They said "we know where you live" - twice.');
    expect(text).toContain("Written warning to the customer");
    expect(text).toContain(`SHA-256 ${"ab".repeat(32)}`);
    expect(text).toContain("Private note: entry number 3");
    expect(text).toContain("Hash chain verified: 3 events, unbroken.");
  });

  it("goes on to more pages when long, and never fails on characters Helvetica lacks", async () => {
    const bytes = await renderCaseFilePdf(caseFile("😡 雷 — ok", 300), "Hana HR");
    const text = extractPdfText(bytes);
    expect(text).toContain("Private note: entry number 300");
    expect(text).toContain("? ? - ok");
    expect(
      (
        Buffer.from(bytes)
          .toString("latin1")
          .match(/\/Type \/Page\b/g) ?? []
      ).length,
    ).toBeGreaterThan(1);
  });

  it("replaces what WinAnsi cannot encode", () => {
    expect(pdfSafeText("café ’quoted’ 🙂")).toBe("café 'quoted' ?");
  });

  // A narrative of one 20,000-character word used to take minutes (the old loop re-measured
  // ever-shorter prefixes); the 2 s timeout of this test is the bound.
  it("wraps a 20,000-character word without stalling", { timeout: 2_000 }, async () => {
    const word = "x".repeat(19_990) + "END";
    const bytes = await renderCaseFilePdf(caseFile(word), "Hana HR");
    const text = extractPdfText(bytes);
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
