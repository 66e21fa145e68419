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

export function canHandleIncidents(role: Role): boolean {
  return role === "MANAGER" || role === "HR";
}

export function canSeeCaseNotes(viewer: Viewer, incident: IncidentFacts): boolean {
  return incidentAccess(viewer, incident) === "handler";
}

export function canSeeAggregates(role: Role): boolean {
  return role === "MANAGER" || role === "HR" || role === "LEADERSHIP";
}

export function canAdminister(role: Role): boolean {
  return role === "ADMIN";
}

export function canFileReports(_role: Role): boolean {
  // Everyone can be abused by a customer, whatever their role.
  return true;
}
