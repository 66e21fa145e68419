import { describe, expect, it } from "vitest";
import { findManagerCycles } from "~/domain/people";
import {
  checkPeopleHeader,
  checkPeopleRows,
  planPeopleImport,
  type ImportFacts,
  type KnownPerson,
} from "~/domain/people-import";

const facts = (over: Partial<ImportFacts> = {}): ImportFacts => ({
  byEmployeeId: new Map(),
  byEmail: new Map(),
  outside: new Map(),
  missing: [],
  actorId: "admin",
  ...over,
});

const row = (employee_id: string, manager = "", extra: Record<string, string> = {}) => ({
  employee_id,
  email: `${employee_id.toLowerCase()}@x.example`,
  name: `Person ${employee_id}`,
  team: "",
  manager,
  role: "",
  time_zone: "",
  ...extra,
});

const known = (over: Partial<KnownPerson>): KnownPerson => ({
  id: "u1",
  employeeId: "E1",
  email: "e1@x.example",
  name: "Person E1",
  role: "EMPLOYEE",
  teamName: null,
  managerId: null,
  timeZone: "Europe/London",
  active: true,
  ...over,
});

describe("people import rules", () => {
  it("names missing and unknown columns", () => {
    expect(checkPeopleHeader(["email", "name", "shoe_size"])).toEqual([
      'The column "employee_id" is missing.',
      "Unknown column(s): shoe_size.",
    ]);
  });

  it("names each malformed or duplicated row by its line in the file", () => {
    const checks = checkPeopleRows([
      row("E1"),
      row("E2", "", { email: "not-an-email" }),
      row("E1", "", { email: "other@x.example" }),
      row("E3", "", { role: "boss", time_zone: "Mars/Olympus" }),
    ]);
    const bad = checks.filter((c) => !c.ok).map((c) => [c.line, !c.ok && c.errors.join(" ")]);
    expect(bad).toEqual([
      [3, "email: Not a valid email address."],
      [4, "employee_id: Also on line 2."],
      [5, expect.stringMatching(/role: Use one of .*time_zone: Not a time zone/)],
    ]);
  });

  it("refuses unknown managers and loops, naming the rows", () => {
    const plan = planPeopleImport(
      checkPeopleRows([row("A", "B"), row("B", "C"), row("C", "A"), row("D", "nobody@x.example")]),
      facts(),
      new Set(),
    );
    expect(plan.errors).toEqual([
      { line: 2, errors: ["manager: Lines 2, 3, 4 manage each other in a loop."] },
      { line: 3, errors: ["manager: Lines 2, 3, 4 manage each other in a loop."] },
      { line: 4, errors: ["manager: Lines 2, 3, 4 manage each other in a loop."] },
      { line: 5, errors: ["manager: Nobody in the file or the portal is “nobody@x.example”."] },
    ]);
  });

  it("finds a loop through someone the file does not list", () => {
    // X (in the portal, not in the file) reports to A; the file makes A report to X.
    const x = known({
      id: "ux",
      employeeId: null,
      email: "x@x.example",
      name: "X",
      managerId: "ua",
    });
    const a = known({ id: "ua", employeeId: "A", email: "a@x.example", name: "Person A" });
    const plan = planPeopleImport(
      checkPeopleRows([row("A", "x@x.example")]),
      facts({
        byEmployeeId: new Map([["A", a]]),
        byEmail: new Map([
          ["x@x.example", x],
          ["a@x.example", a],
        ]),
        outside: new Map([["ux", x]]),
      }),
      new Set(),
    );
    expect(plan.errors.map((e) => e.line)).toEqual([2]);
  });

  it("sees new, changed, unchanged and left-out people, and never the importer", () => {
    const same = known({});
    const moved = known({ id: "u2", employeeId: "E2", email: "e2@x.example", name: "Person E2" });
    const leaver = known({ id: "u9", employeeId: "E9", email: "e9@x.example", name: "Leaver" });
    const admin = known({ id: "admin", employeeId: "E0", email: "admin@x.example" });
    const plan = planPeopleImport(
      checkPeopleRows([row("E1"), row("E2", "E1", { team: "Support" }), row("E3")]),
      facts({
        byEmployeeId: new Map([
          ["E1", same],
          ["E2", moved],
        ]),
        missing: [leaver, admin],
      }),
      new Set(),
    );
    expect(plan.errors).toEqual([]);
    expect([plan.creates, plan.updates, plan.unchanged]).toEqual([1, 1, 1]);
    expect(plan.people[1].changes).toEqual({
      team: { from: null, to: "Support" },
      managerId: { from: null, to: "u1" },
    });
    expect(plan.deactivate.map((p) => p.id)).toEqual(["u9"]);
    expect(plan.newTeams).toEqual(["Support"]);
  });

  it("finds every loop in a reporting line", () => {
    const chart = new Map<string, string | null>([
      ["a", "b"],
      ["b", "a"],
      ["c", "d"],
      ["d", null],
      ["e", "e"],
    ]);
    expect(findManagerCycles(chart)).toEqual([["a", "b"], ["e"]]);
  });
});
