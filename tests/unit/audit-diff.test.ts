import { describe, expect, it } from "vitest";
import { auditDiff, auditValue, hasChanges } from "~/domain/audit-diff";

describe("auditDiff", () => {
  it("returns only the listed fields that changed, as {from, to}", () => {
    const before = { name: "Globex", segment: "SMB", daysOverdue: 0, secret: "a" };
    const after = { name: "Globex", segment: "ENTERPRISE", daysOverdue: 14, secret: "b" };
    expect(auditDiff(before, after, ["name", "segment", "daysOverdue"])).toEqual({
      segment: { from: "SMB", to: "ENTERPRISE" },
      daysOverdue: { from: 0, to: 14 },
    });
  });

  it("keeps money exact: BigInt minor units become strings", () => {
    const big = 9_007_199_254_740_993n; // past Number's exact range
    expect(auditDiff({ arrMinor: 120_000_000n }, { arrMinor: big }, ["arrMinor"])).toEqual({
      arrMinor: { from: "120000000", to: "9007199254740993" },
    });
    expect(auditDiff({ arrMinor: 5n }, { arrMinor: 5n }, ["arrMinor"])).toEqual({});
  });

  it("compares dates by instant and stores them as ISO strings", () => {
    const fields = ["renewalDate"] as const;
    const d = (s: string) => new Date(s);
    expect(
      auditDiff(
        { renewalDate: d("2027-03-31T00:00:00Z") },
        { renewalDate: d("2027-03-31T00:00:00Z") },
        fields,
      ),
    ).toEqual({});
    expect(
      auditDiff({ renewalDate: null }, { renewalDate: d("2027-03-31T00:00:00Z") }, fields),
    ).toEqual({ renewalDate: { from: null, to: "2027-03-31T00:00:00.000Z" } });
  });

  it("treats null and undefined as equal, and a missing before as all nulls", () => {
    expect(auditDiff({ jobTitle: undefined }, { jobTitle: null }, ["jobTitle"])).toEqual({});
    expect(auditDiff({}, { email: null }, ["email"])).toEqual({});
    expect(auditDiff(null, { name: "Pat" }, ["name"])).toEqual({
      name: { from: null, to: "Pat" },
    });
  });

  it("does not treat empty string, zero or false as missing", () => {
    expect(
      auditDiff({ a: null, b: null, c: null }, { a: "", b: 0, c: false }, ["a", "b", "c"]),
    ).toEqual({
      a: { from: null, to: "" },
      b: { from: null, to: 0 },
      c: { from: null, to: false },
    });
  });

  it("compares nested values by content, whatever the key order", () => {
    const fields = ["t"] as const;
    expect(
      auditDiff(
        { t: { minutes: 60, businessHours: true } },
        { t: { businessHours: true, minutes: 60 } },
        fields,
      ),
    ).toEqual({});
    expect(
      auditDiff(
        { t: { minutes: 60, businessHours: true } },
        { t: { minutes: 120, businessHours: true } },
        fields,
      ),
    ).toEqual({
      t: { from: { businessHours: true, minutes: 60 }, to: { businessHours: true, minutes: 120 } },
    });
  });

  it("hasChanges says whether anything changed", () => {
    expect(hasChanges({})).toBe(false);
    expect(hasChanges({ a: { from: 1, to: 2 } })).toBe(true);
  });
});

describe("auditValue", () => {
  it("makes values JSON-safe", () => {
    expect(auditValue(undefined)).toBeNull();
    expect(auditValue(12n)).toBe("12");
    expect(auditValue(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(auditValue({ b: 1n, a: [new Date(0)], skip: undefined })).toEqual({
      a: ["1970-01-01T00:00:00.000Z"],
      b: "1",
    });
    expect(JSON.stringify(auditValue({ arr: 1n }))).toBe('{"arr":"1"}');
  });
});
