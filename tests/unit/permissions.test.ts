import { describe, expect, it } from "vitest";
import {
  can,
  CAPABILITIES,
  rolesWith,
  type Capability,
  incidentAccess,
  type IncidentAccess,
  type IncidentFacts,
  type Viewer,
} from "~/domain/permissions";
import { ROLES, type Role } from "~/domain/vocabulary";

// The access rules, plus the rule added with escalations (app/domain/permissions.ts): whoever a
// case is assigned or escalated to (its assignee or a participant) handles it, whatever their
// role. The viewer is always "me"; the incident is filed by "rep" of team-a unless a row says
// otherwise. Named people never see a report, whatever their role or involvement.

const ME = "me";

function viewer(role: Role, managedTeamIds: string[] = []): Viewer {
  return { id: ME, role, managedTeamIds };
}

function incident(over: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    reporterId: "rep",
    reporterTeamId: "team-a",
    assigneeId: "someone",
    participantIds: ["other"],
    namedUserIds: ["named-1"],
    ...over,
  };
}

const mine = { reporterId: ME };
const named = { namedUserIds: ["named-1", ME] };
const assigned = { assigneeId: ME };
const participant = { participantIds: ["other", ME] };

type Row = { label: string; viewer: Viewer; incident: IncidentFacts; expected: IncidentAccess };
const row = (label: string, v: Viewer, i: IncidentFacts, expected: IncidentAccess): Row => ({
  label,
  viewer: v,
  incident: i,
  expected,
});

const rows: Row[] = [
  // Employee: their own reports only, unless a case is handed to them.
  row("employee, someone else's report", viewer("EMPLOYEE"), incident(), null),
  row("employee, own report", viewer("EMPLOYEE"), incident(mine), "reporter"),
  row("employee, named", viewer("EMPLOYEE"), incident(named), null),
  row("employee, own report but named", viewer("EMPLOYEE"), incident({ ...mine, ...named }), null),
  row("employee, assigned", viewer("EMPLOYEE"), incident(assigned), "handler"),
  row("employee, participant", viewer("EMPLOYEE"), incident(participant), "handler"),
  row(
    "employee, assigned but named",
    viewer("EMPLOYEE"),
    incident({ ...assigned, ...named }),
    null,
  ),

  // Manager of team-a: their team's reports and cases they handle.
  row("manager, own team's report", viewer("MANAGER", ["team-a"]), incident(), "handler"),
  row("manager of several teams", viewer("MANAGER", ["team-x", "team-a"]), incident(), "handler"),
  row("manager, other team's report", viewer("MANAGER", ["team-b"]), incident(), null),
  row(
    "manager, team-less reporter",
    viewer("MANAGER", ["team-a"]),
    incident({ reporterTeamId: null }),
    null,
  ),
  row(
    "manager, other team, assigned",
    viewer("MANAGER", ["team-b"]),
    incident(assigned),
    "handler",
  ),
  row(
    "manager, other team, participant",
    viewer("MANAGER", ["team-b"]),
    incident(participant),
    "handler",
  ),
  row("manager, own report", viewer("MANAGER", ["team-a"]), incident(mine), "reporter"),
  row("manager, own report, other team", viewer("MANAGER"), incident(mine), "reporter"),
  row("manager, own team but named", viewer("MANAGER", ["team-a"]), incident(named), null),
  row(
    "manager, assigned but named",
    viewer("MANAGER", ["team-b"]),
    incident({ ...assigned, ...named }),
    null,
  ),
  row(
    "manager, participant but named",
    viewer("MANAGER"),
    incident({ ...participant, ...named }),
    null,
  ),
  row(
    "manager, own report but named",
    viewer("MANAGER", ["team-a"]),
    incident({ ...mine, ...named }),
    null,
  ),

  // HR: every report, except where named.
  row("HR, someone else's report", viewer("HR"), incident(), "handler"),
  row("HR, team-less reporter", viewer("HR"), incident({ reporterTeamId: null }), "handler"),
  row("HR, own report", viewer("HR"), incident(mine), "reporter"),
  row("HR, named", viewer("HR"), incident(named), null),
  row("HR, assigned but named", viewer("HR"), incident({ ...assigned, ...named }), null),
  row("HR, own report but named", viewer("HR"), incident({ ...mine, ...named }), null),

  // Leadership and admin: their own reports, and only cases handed to them.
  row("leadership, someone else's report", viewer("LEADERSHIP"), incident(), null),
  row("leadership with a team on record", viewer("LEADERSHIP", ["team-a"]), incident(), null),
  row("leadership, own report", viewer("LEADERSHIP"), incident(mine), "reporter"),
  row(
    "leadership, escalated to (participant)",
    viewer("LEADERSHIP"),
    incident(participant),
    "handler",
  ),
  row("leadership, assigned", viewer("LEADERSHIP"), incident(assigned), "handler"),
  row("leadership, named", viewer("LEADERSHIP"), incident(named), null),
  row(
    "leadership, escalated to but named",
    viewer("LEADERSHIP"),
    incident({ ...participant, ...named }),
    null,
  ),
  row(
    "leadership, own report but named",
    viewer("LEADERSHIP"),
    incident({ ...mine, ...named }),
    null,
  ),
  row("admin, someone else's report", viewer("ADMIN"), incident(), null),
  row("admin with a team on record", viewer("ADMIN", ["team-a"]), incident(), null),
  row("admin, own report", viewer("ADMIN"), incident(mine), "reporter"),
  row("admin, named", viewer("ADMIN"), incident(named), null),
  row("admin, own report but named", viewer("ADMIN"), incident({ ...mine, ...named }), null),
];

describe("incidentAccess", () => {
  it.each(rows)("$label → $expected", ({ viewer: v, incident: i, expected }) => {
    expect(incidentAccess(v, i)).toBe(expected);
  });
});

describe("the capability table", () => {
  // Written out here on purpose: a change to who may do what must change this test too.
  const E = "EMPLOYEE",
    M = "MANAGER",
    H = "HR",
    L = "LEADERSHIP",
    A = "ADMIN";
  const expected: Record<Capability, Role[]> = {
    "report:file": [E, M, H, L, A],
    "cases:handle": [M, H],
    "queue:view": [M, H, L],
    "cases:review": [H],
    "aggregates:view": [L, H, M],
    "aggregates:all": [L, H],
    "account:view": [L, H, M, A],
    "account:measures": [H, M, A],
    "accounts:manage": [H, A],
    "account:decide": [L, H],
    "decisions:approve": [H, L],
    "people:view": [A, H],
    "people:manage": [A],
    "settings:view": [A, H],
    "settings:manage": [A],
  };

  it("lists exactly these roles for each capability", () => {
    expect(Object.keys(CAPABILITIES).sort()).toEqual(Object.keys(expected).sort());
    for (const [capability, roles] of Object.entries(expected)) {
      for (const role of ROLES) {
        expect(can(role, capability as Capability), `${role} × ${capability}`).toBe(
          roles.includes(role),
        );
      }
    }
  });

  it("gives only admins the settings and only HR the case histories", () => {
    expect(rolesWith("settings:manage")).toEqual(["ADMIN"]);
    expect(rolesWith("cases:review")).toEqual(["HR"]);
  });
});
