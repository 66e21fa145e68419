import { describe, expect, it } from "vitest";
import {
  conductAfterDecision,
  decisionProblem,
  DECISIONS,
  SANCTIONS,
  SANCTION_LABELS,
} from "~/domain/sanctions";
import { ACTIONS_BY_SEVERITY, DECISIONS as SEEDED_DECISIONS } from "../../prisma/seed-data";

describe("sanctions ladder and decisions", () => {
  it("labels every step of the ladder, each differently", () => {
    const labels = SANCTIONS.map((s) => SANCTION_LABELS[s]);
    for (const label of labels) expect(label).toMatch(/^[A-Z].{3,}/);
    expect(new Set(labels).size).toBe(SANCTIONS.length);
  });

  it("knows every sanction the demo seed writes", () => {
    const seeded = [
      ...Object.values(ACTIONS_BY_SEVERITY)
        .flat()
        .filter((a) => a.catalogue === "SANCTION")
        .map((a) => a.type),
      ...SEEDED_DECISIONS.flatMap((d) => (d.action ? [d.action.type] : [])),
    ];
    expect(seeded.length).toBeGreaterThan(0);
    for (const type of seeded) expect(SANCTIONS).toContain(type);
  });

  it("sets the account's conduct status from the decision", () => {
    expect(DECISIONS.map((d) => conductAfterDecision(d))).toEqual([
      "GOOD",
      "CONDITIONS",
      "SUSPENDED",
      "TERMINATED",
    ]);
    expect(conductAfterDecision("KEEP", { watch: true })).toBe("WATCH");
  });

  it("refuses an approver who decides or owns the account", () => {
    expect(decisionProblem({ decidedById: "a", approverId: "a", accountOwnerId: null })).toMatch(
      /other than you/,
    );
    expect(decisionProblem({ decidedById: "a", approverId: "o", accountOwnerId: "o" })).toMatch(
      /owner/,
    );
    expect(decisionProblem({ decidedById: "a", approverId: "b", accountOwnerId: "o" })).toBeNull();
  });
});
