import { describe, expect, it } from "vitest";
import { occurredAtInstant, reportFormSchema } from "~/domain/report-form";

// The report form's input rules at their edges: impossible dates, invisible characters in free
// text, and duplicate categories.

describe("report form input", () => {
  const valid = {
    accountId: "acc",
    occurredAt: "2026-11-20T10:15",
    channel: "PHONE",
    severity: "LOW",
    narrative: "ok",
  };

  it("treats 30 February and 31 April as impossible dates", () => {
    expect(Number.isNaN(occurredAtInstant("2026-02-30T10:00", "Europe/London").getTime())).toBe(
      true,
    );
    expect(Number.isNaN(occurredAtInstant("2026-04-31T10:00", "Europe/London").getTime())).toBe(
      true,
    );
    expect(occurredAtInstant("2028-02-29T10:00", "UTC").toISOString()).toBe(
      "2028-02-29T10:00:00.000Z",
    );
  });

  it.each([
    ["a C1 control", "abc\u0085def"],
    ["a right-to-left override", "pay \u202Etnemyap"],
    ["an isolate", "x\u2066y"],
  ])("refuses %s in free text", (_label, narrative) => {
    expect(reportFormSchema.safeParse({ ...valid, narrative }).success).toBe(false);
  });

  it("keeps each category once", () => {
    const parsed = reportFormSchema.parse({
      ...valid,
      categories: ["THREATS", "THREATS", "OTHER"],
    });
    expect(parsed.categories).toEqual(["THREATS", "OTHER"]);
  });
});
