import type { IncidentStatus, Role } from "./vocabulary";

// What the case page may do to a case, as pure rules the action checks before any change.
// The page hides what is refused, but the action refuses it too: hiding is not a rule.

export const CASE_INTENTS = [
  "view",
  "acknowledge",
  "assess",
  "note",
  "message",
  "update",
  "protect",
  "sanction",
  "action-status",
  "reassign",
  "resolve",
  "reopen",
  "decide",
  "support-answer",
  "witness-request",
] as const;
export type CaseIntent = (typeof CASE_INTENTS)[number];

/**
 * What stays possible on a resolved case: looking, private notes, talking with the reporter
 * and reopening. Everything else changes the case and needs it reopened first. ("Resolve" again
 * is let through: the model answers that it is already resolved and changes nothing, so a
 * double click is not an error.)
 */
const WHILE_RESOLVED: ReadonlySet<CaseIntent> = new Set([
  "view",
  "note",
  "message",
  "update",
  "reopen",
  "resolve",
]);

/** Why this intent is refused on a case in this status, or null when it may go ahead. */
export function caseIntentProblem(intent: CaseIntent, status: IncidentStatus): string | null {
  if (status === "RESOLVED" && !WHILE_RESOLVED.has(intent)) {
    return "This case is resolved. Reopen it first to change it.";
  }
  return null;
}

export type CasePeople = {
  reporterId: string;
  /** Colleagues named in the report: excluded from it everywhere. */
  namedUserIds: string[];
};

export type Candidate = { id: string; role: Role; active: boolean };

/**
 * Who may own an action on a case: an active manager, HR or leadership member who is neither
 * the reporter nor named in the report (they may not even see it).
 */
export function mayOwnAction(person: Candidate, people: CasePeople): boolean {
  if (!person.active) return false;
  if (!(person.role === "MANAGER" || person.role === "HR" || person.role === "LEADERSHIP")) {
    return false;
  }
  return person.id !== people.reporterId && !people.namedUserIds.includes(person.id);
}

/**
 * Who may be asked for a witness statement: an active colleague the reporter listed as a
 * witness, who is not the reporter and not named as involved.
 */
export function mayGiveStatement(
  person: { id: string; active: boolean },
  people: CasePeople & { witnessIds: string[] },
): boolean {
  return (
    person.active &&
    people.witnessIds.includes(person.id) &&
    person.id !== people.reporterId &&
    !people.namedUserIds.includes(person.id)
  );
}

export const SUPPORT_ANSWERS = ["ARRANGED", "DECLINED"] as const;
export type SupportAnswer = (typeof SUPPORT_ANSWERS)[number];
export const SUPPORT_ANSWER_LABELS: Record<SupportAnswer, string> = {
  ARRANGED: "Arranged",
  DECLINED: "Declined",
};

/** A declined request needs a reason the reporter can read; an arranged one may have a note. */
export function supportAnswerProblem(answer: SupportAnswer, reason: string | null): string | null {
  if (answer === "DECLINED" && !reason?.trim()) return "Please give the reason for declining.";
  return null;
}

export type NextStep =
  | "reopenIfNeeded"
  | "acknowledge"
  | "answerSupport"
  | "protect"
  | "assess"
  | "awaitStatements"
  | "updateAndResolve";

/** The one thing the handler should do next, from the case's state (the page words it). */
export function nextStep(s: {
  status: IncidentStatus;
  assessed: boolean;
  unansweredSupport: number;
  protectiveClockOpen: boolean;
  statementsAwaited: number;
}): NextStep {
  if (s.status === "RESOLVED") return "reopenIfNeeded";
  if (s.status === "SUBMITTED") return "acknowledge";
  if (s.unansweredSupport > 0) return "answerSupport";
  if (s.protectiveClockOpen) return "protect";
  if (!s.assessed) return "assess";
  if (s.statementsAwaited > 0) return "awaitStatements";
  return "updateAndResolve";
}

/**
 * What a person is chosen for on the case page, and the roles each choice allows: a new
 * handler (managers and HR), an action's owner (as `mayOwnAction`) or a decision's approver
 * (leadership and HR, decision 055). The reporter and the people named are never offered.
 */
export const CASE_PICKS = ["handler", "owner", "approver"] as const;
export type CasePick = (typeof CASE_PICKS)[number];

export const ROLES_FOR_PICK: Record<CasePick, readonly Role[]> = {
  handler: ["MANAGER", "HR"],
  owner: ["MANAGER", "HR", "LEADERSHIP"],
  approver: ["HR", "LEADERSHIP"],
};

export function isCasePick(v: unknown): v is CasePick {
  return typeof v === "string" && (CASE_PICKS as readonly string[]).includes(v);
}

/** The longest search the pickers send; longer is refused (no name is that long). */
export const PICK_QUERY_MAX = 100;
