import { describe, expect, it } from "vitest";
import {
  needsHr,
  nextAvailableManager,
  routeReport,
  type RoutingInput,
  type RoutingPerson,
} from "~/domain/routing";
import type { Category, Severity } from "~/domain/vocabulary";
import { reportingLine } from "../fixtures/reporting-line";

// The reporting line: rep → m1 → m2 → lead; hr1 and hr2 are HR.

const org = reportingLine;

function route(
  over: {
    people?: Map<string, RoutingPerson>;
    namedUserIds?: string[];
    categories?: Category[];
    severity?: Severity;
  } = {},
) {
  const people = over.people ?? org();
  const input: RoutingInput = {
    reporter: people.get("rep")!,
    people,
    namedUserIds: over.namedUserIds ?? [],
    categories: over.categories ?? ["VERBAL_ABUSE"],
    severity: over.severity ?? "MEDIUM",
  };
  return routeReport(input);
}

describe("routeReport: the assignee", () => {
  it("is the reporter's manager", () => {
    expect(route()).toEqual({ assigneeId: "m1", hrIds: [] });
  });

  it("goes one level up when the manager is named", () => {
    expect(route({ namedUserIds: ["m1"] }).assigneeId).toBe("m2");
  });

  it("goes one level up when the manager is on leave", () => {
    expect(route({ people: org({ m1: { onLeave: true } }) }).assigneeId).toBe("m2");
  });

  it("goes one level up when the manager is inactive", () => {
    expect(route({ people: org({ m1: { active: false } }) }).assigneeId).toBe("m2");
  });

  it("keeps climbing past several unavailable levels", () => {
    const people = org({ m1: { onLeave: true }, m2: { active: false } });
    expect(route({ people }).assigneeId).toBe("lead");
    expect(route({ people: org({ m1: { onLeave: true } }), namedUserIds: ["m2"] }).assigneeId).toBe(
      "lead",
    );
  });

  it("falls to HR when nobody in the line is available", () => {
    const people = org({ m1: { onLeave: true }, m2: { onLeave: true }, lead: { active: false } });
    expect(route({ people })).toEqual({ assigneeId: "hr1", hrIds: [] });
  });

  it("falls to HR when the reporter has no manager", () => {
    expect(route({ people: org({ rep: { managerId: null } }) }).assigneeId).toBe("hr1");
  });

  it("falls to HR when the manager is not among the people loaded", () => {
    expect(route({ people: org({ rep: { managerId: "ghost" } }) }).assigneeId).toBe("hr1");
  });

  it("skips a named or absent HR person when HR takes it", () => {
    const people = org({ rep: { managerId: null } });
    expect(route({ people, namedUserIds: ["hr1"] }).assigneeId).toBe("hr2");
    const hr1Away = org({ rep: { managerId: null }, hr1: { onLeave: true } });
    expect(route({ people: hr1Away }).assigneeId).toBe("hr2");
  });

  it("is nobody when there is no manager and no HR", () => {
    const people = org({
      rep: { managerId: null },
      hr1: { active: false },
      hr2: { onLeave: true },
    });
    expect(route({ people })).toEqual({ assigneeId: null, hrIds: [] });
  });

  it("does not loop on a reporting line with a cycle", () => {
    const people = org({
      m1: { onLeave: true, managerId: "m2" },
      m2: { onLeave: true, managerId: "m1" },
    });
    expect(route({ people }).assigneeId).toBe("hr1");
  });

  it("does not loop when someone is their own manager", () => {
    const people = org({ m1: { onLeave: true, managerId: "m1" } });
    expect(route({ people }).assigneeId).toBe("hr1");
  });

  it("never assigns the reporter their own report", () => {
    const people = org({ m1: { onLeave: true, managerId: "rep" } });
    expect(route({ people }).assigneeId).toBe("hr1");
  });
});

describe("routeReport: HR on the case", () => {
  it.each([
    "THREATS",
    "SEXUAL_HARASSMENT",
    "DISCRIMINATORY_REMARKS",
    "PHYSICAL_AGGRESSION",
  ] as const)("adds every available HR person for %s", (category) => {
    expect(route({ categories: [category], severity: "LOW" })).toEqual({
      assigneeId: "m1",
      hrIds: ["hr1", "hr2"],
    });
  });

  it("adds HR when one of several categories needs it", () => {
    expect(route({ categories: ["VERBAL_ABUSE", "THREATS"] }).hrIds).toEqual(["hr1", "hr2"]);
  });

  it("adds HR for anything critical", () => {
    expect(route({ categories: [], severity: "CRITICAL" }).hrIds).toEqual(["hr1", "hr2"]);
  });

  it("does not add HR otherwise", () => {
    expect(
      route({ categories: ["VERBAL_ABUSE", "PAYMENT_PRESSURE"], severity: "HIGH" }).hrIds,
    ).toEqual([]);
  });

  it("does not add a named HR person", () => {
    expect(route({ categories: ["THREATS"], namedUserIds: ["hr2"] }).hrIds).toEqual(["hr1"]);
  });

  it("does not add an HR person on leave or inactive", () => {
    const people = org({ hr1: { onLeave: true }, hr2: { active: false } });
    expect(route({ people, categories: ["THREATS"] }).hrIds).toEqual([]);
  });

  it("does not add the reporter when the reporter is in HR", () => {
    const people = org({ rep: { role: "HR", managerId: "m1" } });
    expect(route({ people, severity: "CRITICAL" }).hrIds).toEqual(["hr1", "hr2"]);
  });

  it("does not list the assignee twice when HR is assigned", () => {
    const people = org({ rep: { managerId: null } });
    expect(route({ people, severity: "CRITICAL" })).toEqual({ assigneeId: "hr1", hrIds: ["hr2"] });
  });
});

describe("nextAvailableManager", () => {
  const none = new Set<string>();

  it("returns the first available person up the line", () => {
    expect(nextAvailableManager("m1", org(), none)?.id).toBe("m1");
    expect(nextAvailableManager("m1", org(), new Set(["m1"]))?.id).toBe("m2");
  });

  it("returns null for no start", () => {
    expect(nextAvailableManager(null, org(), none)).toBeNull();
  });

  it("returns null for an unknown id", () => {
    expect(nextAvailableManager("ghost", org(), none)).toBeNull();
  });

  it("returns null when a cycle has nobody available", () => {
    const people = org({
      m1: { onLeave: true, managerId: "m2" },
      m2: { onLeave: true, managerId: "m1" },
    });
    expect(nextAvailableManager("m1", people, none)).toBeNull();
  });
});

describe("needsHr", () => {
  it.each([
    [["THREATS"], "LOW", true],
    [["SEXUAL_HARASSMENT"], "LOW", true],
    [["DISCRIMINATORY_REMARKS"], "MEDIUM", true],
    [["PHYSICAL_AGGRESSION"], "HIGH", true],
    [[], "CRITICAL", true],
    [["OTHER"], "CRITICAL", true],
    [["VERBAL_ABUSE"], "HIGH", false],
    [["INTIMIDATION"], "HIGH", false],
    [["UNREASONABLE_DEMANDS"], "MEDIUM", false],
    [["PAYMENT_PRESSURE"], "LOW", false],
    [["OTHER"], "LOW", false],
    [[], "HIGH", false],
  ] as [Category[], Severity, boolean][])("%j at %s → %s", (categories, severity, expected) => {
    expect(needsHr(categories, severity)).toBe(expected);
  });
});
