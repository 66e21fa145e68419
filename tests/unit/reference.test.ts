import { describe, expect, it } from "vitest";
import { REFERENCE_PATTERN, formatReference } from "~/domain/reference";

describe("formatReference", () => {
  it("pads the number to four digits", () => {
    expect(formatReference(2026, 42)).toBe("INC-2026-0042");
    expect(formatReference(2026, 1)).toBe("INC-2026-0001");
    expect(formatReference(2027, 9999)).toBe("INC-2027-9999");
  });

  it("never cuts a longer number short", () => {
    expect(formatReference(2026, 12345)).toBe("INC-2026-12345");
  });
});

describe("REFERENCE_PATTERN", () => {
  it.each(["INC-2026-0042", "INC-2026-0001", "INC-2026-12345"])("accepts %s", (ref) => {
    expect(REFERENCE_PATTERN.test(ref)).toBe(true);
  });

  it.each([
    "INC-2026-042",
    "INC-26-0042",
    "inc-2026-0042",
    "INC-2026-0042 ",
    " INC-2026-0042",
    "INC-2026-0042/edit",
    "INC-2026-00a2",
    "CASE-2026-0042",
    "",
  ])("refuses %j", (ref) => {
    expect(REFERENCE_PATTERN.test(ref)).toBe(false);
  });

  it("accepts what formatReference makes", () => {
    for (const n of [1, 10, 100, 1000, 10_000, 100_000]) {
      expect(formatReference(2026, n)).toMatch(REFERENCE_PATTERN);
    }
  });
});
