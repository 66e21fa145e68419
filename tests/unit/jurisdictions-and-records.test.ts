import { describe, expect, it } from "vitest";
import { DEFAULT_TARGETS } from "~/domain/deadlines";
import {
  CATEGORY_DEFAULTS,
  TEMPLATES,
  findTemplate,
  hasPlanChanges,
  parseCategoryForm,
  planTemplate,
  worstCaseDays,
} from "~/domain/jurisdictions";
import {
  parseDateRange,
  parseOshaForm,
  sb553Row,
  teamCode,
  SB553_HEADER,
} from "~/domain/regulator-records";
import { RETENTION_DEFAULTS } from "~/domain/retention";

const current = {
  targets: DEFAULT_TARGETS,
  retention: RETENTION_DEFAULTS,
  categories: CATEGORY_DEFAULTS,
  workdayMinutes: 480,
};

describe("jurisdiction templates", () => {
  it("each names its source and sets at least one of clocks, categories or retention", () => {
    expect(TEMPLATES.map((t) => t.code)).toHaveLength(5);
    for (const t of TEMPLATES) {
      expect(t.source.length).toBeGreaterThan(40);
      const sets =
        t.clocks.length +
        t.hrCategories.length +
        t.violenceCategories.length +
        (t.retentionMinYears ?? 0);
      expect(sets, t.code).toBeGreaterThan(0);
    }
  });

  it("EU: caps acknowledgement at 7 days and feedback at 3 months, only where longer", () => {
    const eu = findTemplate("EU_WHISTLEBLOWING")!;
    // The built-in clocks are already shorter: nothing changes.
    const unchanged = planTemplate(eu, current);
    expect(hasPlanChanges(unchanged)).toBe(false);
    expect(unchanged.alreadyMet.join(" ")).toContain("within 7 days");
    const slow = DEFAULT_TARGETS.map((t) =>
      t.kind === "ACKNOWLEDGE" && t.severity === "LOW"
        ? { ...t, minutes: 10 * 480 } // ten working days: two calendar weeks
        : t.kind === "RESOLVE"
          ? { ...t, minutes: 120 * 24 * 60 }
          : t,
    );
    const plan = planTemplate(eu, { ...current, targets: slow });
    const low = plan.targets.find((t) => t.kind === "ACKNOWLEDGE" && t.severity === "LOW")!;
    expect(low).toMatchObject({ minutes: 7 * 24 * 60, businessHours: false });
    expect(
      plan.targets.filter((t) => t.kind === "RESOLVE").every((t) => t.minutes === 90 * 24 * 60),
    ).toBe(true);
    expect(plan.changes.clocks.map((c) => c.what)).toContain("Acknowledge, low");
    // The other acknowledgement clocks were within the cap and stay as they were.
    const high = plan.targets.find((t) => t.kind === "ACKNOWLEDGE" && t.severity === "HIGH")!;
    expect(high).toEqual(
      DEFAULT_TARGETS.find((t) => t.kind === "ACKNOWLEDGE" && t.severity === "HIGH"),
    );
  });

  it("a business-hours clock counts weekends and holidays against a calendar-day cap", () => {
    expect(
      worstCaseDays(
        { severity: "LOW", kind: "ACKNOWLEDGE", minutes: 2 * 480, businessHours: true },
        480,
      ),
    ).toBe(6);
    expect(
      worstCaseDays(
        { severity: "LOW", kind: "ACKNOWLEDGE", minutes: 3 * 480, businessHours: true },
        480,
      ),
    ).toBe(8);
    expect(
      worstCaseDays(
        { severity: "LOW", kind: "RESOLVE", minutes: 30 * 1440, businessHours: false },
        480,
      ),
    ).toBe(30);
  });

  it("SB 553 raises retention to five years and never lowers a longer period", () => {
    const plan = planTemplate(findTemplate("CA_SB553")!, current);
    expect(plan.retention.withdrawnYears).toBe(5);
    expect(plan.retention.substantiatedYears).toBe(7);
    expect(plan.changes.retention).toEqual([
      { what: "Withdrawn reports", from: "2 years", to: "5 years" },
    ]);
  });

  it("UK and Japan add the categories that bring HR in; categories only ever grow", () => {
    const uk = planTemplate(findTemplate("UK_THIRD_PARTY_HARASSMENT")!, current);
    expect(uk.categories.hrCategories).toContain("INTIMIDATION");
    expect(uk.categories.hrCategories).toEqual(
      expect.arrayContaining([...CATEGORY_DEFAULTS.hrCategories]),
    );
    const jp = planTemplate(findTemplate("JP_CUSTOMER_HARASSMENT")!, {
      ...current,
      categories: uk.categories,
    });
    expect(jp.categories.hrCategories).toEqual(
      expect.arrayContaining(["INTIMIDATION", "VERBAL_ABUSE", "UNREASONABLE_DEMANDS"]),
    );
    expect(parseCategoryForm({ hrCategories: [], violenceCategories: [] }).ok).toBe(false);
    expect(
      parseCategoryForm({ hrCategories: ["THREATS", "NOPE"], violenceCategories: [] }),
    ).toEqual({
      ok: true,
      value: { hrCategories: ["THREATS"], violenceCategories: [] },
    });
  });
});

describe("SB 553 log entry", () => {
  it("is codes only: unknown codes become OTHER and free text cannot get in", () => {
    const row = sb553Row(
      {
        reference: "INC-2026-0042",
        occurredAt: new Date("2026-03-04T10:15:00Z"),
        channel: "Jane Doe's desk",
        teamId: "team-1",
        segment: "Jane Doe Ltd",
        categories: ["THREATS", "PHYSICAL_AGGRESSION", "called by Jane"],
        severity: "HIGH",
        status: "RESOLVED",
        outcome: "SUBSTANTIATED",
        protective: ["TIME_OFF"],
        sanctions: ["LEGAL_OR_POLICE"],
        handlerRole: "MANAGER",
      },
      "HR",
    );
    expect(row).toHaveLength(SB553_HEADER.length);
    expect(row.join("|")).not.toMatch(/Jane/);
    expect(row).toContain("OTHER");
    expect(row).toContain("CUSTOMER_OTHER");
    expect(row[4]).toBe(teamCode("team-1"));
    expect(row[6]).toBe("OTHER PHYSICAL_ATTACK THREAT");
    expect(row[14]).toBe("YES");
    expect(row.slice(-2)).toEqual(["Manager", "HR"]);
  });

  it("date ranges: real days, in order, at most five years", () => {
    expect(parseDateRange({ from: "2026-01-01", to: "2026-12-31" }).ok).toBe(true);
    expect(parseDateRange({ from: "2026-02-30", to: "2026-03-01" }).ok).toBe(false);
    expect(parseDateRange({ from: "2026-03-02", to: "2026-03-01" })).toMatchObject({ ok: false });
    expect(parseDateRange({ from: "2020-01-01", to: "2025-01-01" })).toMatchObject({ ok: false });
  });

  it("OSHA form: checks every field and caps day counts at 180", () => {
    const bad = parseOshaForm({ reference: "", daysAway: "181" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.errors).sort()).toEqual(
        [
          "classification",
          "daysAway",
          "injuryDescription",
          "injuryType",
          "jobTitle",
          "location",
          "reference",
          "whatHappened",
        ].sort(),
      );
    }
  });
});
