import { describe, expect, it } from "vitest";
import {
  conductAfterDecision,
  decisionProblem,
  DECISIONS,
  SANCTIONS,
  SANCTION_LABELS,
} from "~/domain/sanctions";

describe("sanctions ladder and decisions", () => {
  it("labels every step of the ladder, with the names the seed uses", () => {
    for (const s of SANCTIONS) expect(SANCTION_LABELS[s]).toBeTruthy();
    for (const s of [
      "RECORD_FACTS",
      "WRITTEN_WARNING",
      "CONDITIONS",
      "STOP_WORK",
      "LEGAL_OR_POLICE",
    ])
      expect(SANCTIONS).toContain(s);
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
