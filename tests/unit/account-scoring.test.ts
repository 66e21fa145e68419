import { describe, expect, it } from "vitest";
import {
  beforeAndAfter,
  effectiveSeverity,
  formatMoney,
  incidentsPerMillion,
  median,
  monthlyBySeverity,
  monthsBetween,
  quadrantOf,
  quadrantThresholds,
  severityScore,
  trend,
} from "~/domain/account-scoring";
import type { Severity } from "~/domain/vocabulary";

const DAY = 24 * 3_600_000;

describe("account scoring", () => {
  it("weights severities 1/3/6/10 and prefers the assessed severity", () => {
    expect(severityScore(["LOW", "MEDIUM", "HIGH", "CRITICAL"])).toBe(20);
    expect(severityScore([])).toBe(0);
    expect(effectiveSeverity({ assessedSeverity: "HIGH", reporterSeverity: "LOW" })).toBe("HIGH");
    expect(effectiveSeverity({ assessedSeverity: null, reporterSeverity: "MEDIUM" })).toBe(
      "MEDIUM",
    );
  });

  it("normalises per 1M of ARR, and gives null for no ARR", () => {
    expect(incidentsPerMillion(30, 185_000_000)).toBeCloseTo(30 / 1.85);
    expect(incidentsPerMillion(3, 1_450_000)).toBeCloseTo(3 / 0.0145);
    expect(incidentsPerMillion(1, 0)).toBeNull();
  });

  it("compares the last 90 days with the 90 before", () => {
    const end = new Date("2026-11-23T00:00:00Z");
    const at = (days: number) => new Date(end.getTime() - days * DAY);
    expect(trend([at(1), at(10), at(100)], end)).toEqual({
      recent: 2,
      previous: 1,
      direction: "UP",
    });
    expect(trend([at(100), at(170), at(200)], end)).toMatchObject({ recent: 0, previous: 2 });
    expect(trend([], end).direction).toBe("FLAT");
  });

  it("splits quadrants at the median ARR and the median score of accounts with incidents", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    const rows = [
      { arrMinor: 100, score: 0 },
      { arrMinor: 200, score: 2 },
      { arrMinor: 300, score: 10 },
      { arrMinor: 400, score: 30 },
    ];
    const t = quadrantThresholds(rows);
    expect(t).toEqual({ arrMinor: 250, score: 10 });
    expect(rows.map((r) => quadrantOf(r, t))).toEqual([
      "LOW_VALUE_LOW_ABUSE",
      "LOW_VALUE_LOW_ABUSE",
      "HIGH_VALUE_HIGH_ABUSE",
      "HIGH_VALUE_HIGH_ABUSE",
    ]);
    // No incidents at all: nobody is "high abuse".
    const quiet = [{ arrMinor: 1, score: 0 }];
    expect(quadrantOf(quiet[0], quadrantThresholds(quiet))).toBe("HIGH_VALUE_LOW_ABUSE");
  });

  it("lists months and formats money in the account's currency", () => {
    expect(
      monthsBetween(new Date("2025-11-23T00:00:00Z"), new Date("2026-02-10T00:00:00Z")),
    ).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(formatMoney(185_000_000, "GBP")).toBe("£1,850,000");
    expect(formatMoney(185_000_000, "USD", true)).toMatch(/^US\$1\.9m$/i);
  });
});

describe("an account's history", () => {
  const at = (iso: string, severity: Severity = "LOW") => ({ occurredAt: new Date(iso), severity });

  it("counts incidents per month and severity over the last months, empty months included", () => {
    const rows = monthlyBySeverity(
      [
        at("2026-09-03T10:00:00Z", "HIGH"),
        at("2026-09-30T23:59:00Z", "HIGH"),
        at("2026-11-01T00:00:00Z", "CRITICAL"),
        at("2026-11-20T09:00:00Z"),
        at("2026-05-31T12:00:00Z", "MEDIUM"), // before the window
      ],
      new Date("2026-11-23T12:00:00Z"),
      6,
    );
    expect(rows.map((r) => r.month)).toEqual([
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(rows[3]).toEqual({ month: "2026-09", LOW: 0, MEDIUM: 0, HIGH: 2, CRITICAL: 0 });
    expect(rows[5]).toEqual({ month: "2026-11", LOW: 1, MEDIUM: 0, HIGH: 0, CRITICAL: 1 });
    expect(rows.reduce((n, r) => n + r.LOW + r.MEDIUM + r.HIGH + r.CRITICAL, 0)).toBe(4);
  });

  it("compares the time since a decision with as long a time before it", () => {
    const dates = [
      "2026-08-01T00:00:00Z", // before the window before the decision
      "2026-09-15T00:00:00Z",
      "2026-10-10T00:00:00Z",
      "2026-10-31T23:00:00Z",
      "2026-11-05T00:00:00Z",
    ].map((d) => new Date(d));
    expect(
      beforeAndAfter(dates, new Date("2026-11-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z")),
    ).toEqual({ days: 60, before: 3, after: 1 });
    expect(
      beforeAndAfter(dates, new Date("2026-11-06T00:00:00Z"), new Date("2026-11-06T00:00:00Z")),
    ).toEqual({ days: 0, before: 0, after: 0 });
  });
});
