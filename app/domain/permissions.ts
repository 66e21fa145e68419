import type { Role } from "./vocabulary";

// The access rules as pure functions. Deny by default: every function answers "no" unless a rule
// below says "yes". Loaders turn a "no" into a 404 so nobody learns what exists.

export type Viewer = {
  id: string;
  role: Role;
  /** Teams this user manages (Team.managerId). */
  managedTeamIds: string[];
};

export type IncidentFacts = {
  reporterId: string;
  reporterTeamId: string | null;
  assigneeId: string | null;
  participantIds: string[];
  /** People named in the report: excluded from it everywhere, whatever their role. */
  namedUserIds: string[];
};

/** How a viewer may see an incident: as its reporter, as someone handling it, or not at all. */
export type IncidentAccess = "reporter" | "handler" | null;

export function incidentAccess(viewer: Viewer, incident: IncidentFacts): IncidentAccess {
  if (incident.namedUserIds.includes(viewer.id)) return null;
  if (incident.reporterId === viewer.id) return "reporter";
  if (viewer.role === "HR") return "handler";
  // Whoever the case was assigned or escalated to may act on it, whatever their role
  // (leadership is the last escalation step).
  if (incident.assigneeId === viewer.id || incident.participantIds.includes(viewer.id)) {
    return "handler";
  }
  if (viewer.role === "MANAGER") {
    const ownTeam =
      incident.reporterTeamId !== null && viewer.managedTeamIds.includes(incident.reporterTeamId);
    if (ownTeam) return "handler";
  }
  return null;
}

/**
 * What each role may do, in one table: loaders and actions ask `requirePermission(request, …)`
 * (app/utils/auth.server.ts), pages ask `can(role, …)` for their links and flags, and the
 * permission matrix test derives its expectations for role-gated pages from it. Rules that
 * depend on a case (reporter, handler, named people) are `incidentAccess` above.
 */
export const CAPABILITIES = {
  /** Report an incident: everyone can be abused by a customer, whatever their role. */
  "report:file": ["EMPLOYEE", "MANAGER", "HR", "LEADERSHIP", "ADMIN"],
  /** A queue of cases to handle (leadership's appears while a case is escalated to them). */
  "cases:handle": ["MANAGER", "HR"],
  "queue:view": ["MANAGER", "HR", "LEADERSHIP"],
  /** Case histories, search, exports, verification, holds and data rights. */
  "cases:review": ["HR"],
  /** Aggregate figures: the dashboard. */
  "aggregates:view": ["LEADERSHIP", "HR", "MANAGER"],
  /** Figures for the whole organisation rather than one's own teams. */
  "aggregates:all": ["LEADERSHIP", "HR"],
  "account:view": ["LEADERSHIP", "HR", "MANAGER", "ADMIN"],
  /** Protective measures per case on an account page (leadership sees a count). */
  "account:measures": ["HR", "MANAGER", "ADMIN"],
  "accounts:manage": ["HR", "ADMIN"],
  /** Decide on an account from its page; approve proposals (decision 055). */
  "account:decide": ["LEADERSHIP", "HR"],
  "decisions:approve": ["HR", "LEADERSHIP"],
  /** People, teams and the settings history: HR reads them, admins change them. */
  "people:view": ["ADMIN", "HR"],
  "people:manage": ["ADMIN"],
  "settings:view": ["ADMIN", "HR"],
  "settings:manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

/** Deny by default: a role has a capability only if the table lists it. */
export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** The roles that have a capability (for queries that list people who may do something). */
export function rolesWith(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability];
}
