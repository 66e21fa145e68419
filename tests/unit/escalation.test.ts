import { describe, expect, it } from "vitest";
import {
  MAX_ESCALATION_LEVEL,
  escalationTargets,
  tierForLevel,
  type EscalationInput,
} from "~/domain/escalation";
import type { RoutingPerson } from "~/domain/routing";
import { reportingLine } from "../fixtures/reporting-line";

// On breach escalate one level — the assignee's manager, then HR, then
// leadership. The reporting line: rep → m1 (the assignee) → m2 → lead.

function org(changes: Record<string, Partial<RoutingPerson>> = {}) {
  return reportingLine(changes, { secondLeader: true });
}

function targets(level: number, over: Partial<EscalationInput> = {}) {
  return escalationTargets({
    level,
    assigneeId: "m1",
    reporterId: "rep",
    namedUserIds: [],
    people: org(),
    ...over,
  });
}

describe("tierForLevel", () => {
  it.each([
    [0, "MANAGER"],
    [1, "MANAGER"],
    [2, "HR"],
    [3, "LEADERSHIP"],
    [4, "LEADERSHIP"],
    [MAX_ESCALATION_LEVEL, "LEADERSHIP"],
  ])("level %i → %s", (level, tier) => {
    expect(tierForLevel(level)).toBe(tier);
  });

  it("stops repeating after level 5", () => {
    expect(MAX_ESCALATION_LEVEL).toBe(5);
  });
});

describe("escalationTargets", () => {
  it("level 1 goes to the assignee's manager", () => {
    expect(targets(1)).toEqual({ tier: "MANAGER", userIds: ["m2"] });
  });

  it("level 1 skips a manager who is on leave, inactive or named", () => {
    expect(targets(1, { people: org({ m2: { onLeave: true } }) })).toEqual({
      tier: "MANAGER",
      userIds: ["lead"],
    });
    expect(targets(1, { people: org({ m2: { active: false } }) })).toEqual({
      tier: "MANAGER",
      userIds: ["lead"],
    });
    expect(targets(1, { namedUserIds: ["m2"] })).toEqual({ tier: "MANAGER", userIds: ["lead"] });
  });

  it("level 1 falls through to HR when the assignee has nobody above", () => {
    expect(targets(1, { people: org({ m1: { managerId: null } }) })).toEqual({
      tier: "HR",
      userIds: ["hr1", "hr2"],
    });
  });

  it("level 1 falls through to HR when nobody is assigned", () => {
    expect(targets(1, { assigneeId: null })).toEqual({ tier: "HR", userIds: ["hr1", "hr2"] });
  });

  it("never escalates to the assignee themselves", () => {
    expect(targets(1, { people: org({ m1: { managerId: "m1" } }) }).tier).toBe("HR");
  });

  it("never escalates to the reporter", () => {
    const people = org({ m1: { managerId: "rep" }, rep: { role: "MANAGER", managerId: "m2" } });
    expect(targets(1, { people })).toEqual({ tier: "MANAGER", userIds: ["m2"] });
  });

  it("level 2 goes to every available HR person", () => {
    expect(targets(2)).toEqual({ tier: "HR", userIds: ["hr1", "hr2"] });
  });

  it("level 2 leaves out a named or absent HR person", () => {
    expect(targets(2, { namedUserIds: ["hr1"] })).toEqual({ tier: "HR", userIds: ["hr2"] });
    expect(targets(2, { people: org({ hr2: { onLeave: true } }) })).toEqual({
      tier: "HR",
      userIds: ["hr1"],
    });
  });

  it("level 2 leaves out the reporter when the reporter is in HR", () => {
    const people = org({ rep: { role: "HR", managerId: "m1" } });
    expect(targets(2, { people })).toEqual({ tier: "HR", userIds: ["hr1", "hr2"] });
  });

  it("level 2 falls through to leadership when no HR is available", () => {
    const people = org({ hr1: { active: false }, hr2: { onLeave: true } });
    expect(targets(2, { people })).toEqual({ tier: "LEADERSHIP", userIds: ["lead", "lead2"] });
  });

  it("levels 3 and beyond go to leadership", () => {
    expect(targets(3)).toEqual({ tier: "LEADERSHIP", userIds: ["lead", "lead2"] });
    expect(targets(5)).toEqual({ tier: "LEADERSHIP", userIds: ["lead", "lead2"] });
  });

  it("does not tell a named leader", () => {
    expect(targets(3, { namedUserIds: ["lead"] })).toEqual({
      tier: "LEADERSHIP",
      userIds: ["lead2"],
    });
  });

  it("never goes back down a tier", () => {
    const people = org({ lead: { active: false }, lead2: { onLeave: true } });
    expect(targets(3, { people })).toEqual({ tier: "LEADERSHIP", userIds: [] });
  });
});
