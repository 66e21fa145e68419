import {
  ACTION_STATUS_LABELS,
  DECISION_LABELS,
  SANCTION_LABELS,
  type AccountDecision,
  type ActionStatus,
  type Sanction,
} from "./sanctions";
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  DEADLINE_LABELS,
  SEVERITY_LABELS,
  SUPPORT_LABELS,
  type Category,
  type Channel,
  type DeadlineKind,
  type Severity,
  type SupportKind,
} from "./vocabulary";

const MEASURE_WORDS: Record<string, string> = {
  TIME_OFF: "time off",
  COUNSELLING: "counselling",
  REMOVED_FROM_ACCOUNT: "moved off the account",
  MANAGER_JOINS_CALLS: "a manager joins future calls",
  DEBRIEF: "a debrief",
};

function deadlineWords(kind: unknown): string {
  return (DEADLINE_LABELS[kind as DeadlineKind] ?? "a deadline").toLowerCase();
}

// One sentence per timeline event, in calm plain words. `names` resolves user ids that an
// event's data refers to (an assignee, say).

export function describeEvent(
  type: string,
  data: Record<string, unknown>,
  names: Map<string, string>,
  opts: { forReporter?: boolean } = {},
): string {
  switch (type) {
    case "SUBMITTED": {
      const sev = SEVERITY_LABELS[data.severity as Severity] ?? String(data.severity ?? "");
      const ch = CHANNEL_LABELS[data.channel as Channel] ?? "";
      return `Report submitted (${sev.toLowerCase()} severity${ch ? `, ${ch.toLowerCase()}` : ""})`;
    }
    case "ASSIGNED": {
      const who = typeof data.assigneeId === "string" ? names.get(data.assigneeId) : undefined;
      const hr = Array.isArray(data.hrIds) && data.hrIds.length > 0 ? "; HR has been informed" : "";
      return who ? `Sent to ${who}${hr}` : `Waiting to be assigned${hr}`;
    }
    case "ACKNOWLEDGED":
      return "Acknowledged: someone is now responsible for this report";
    case "REASSIGNED": {
      const who = typeof data.assigneeId === "string" ? names.get(data.assigneeId) : undefined;
      const reason = !opts.forReporter && data.reason ? ` (reason: ${String(data.reason)})` : "";
      return `Now handled by ${who ?? "someone else"}${reason}`;
    }
    case "MESSAGE":
      return "New message in the conversation below";
    case "EVIDENCE_ADDED": {
      const n = Number(data.count ?? (Array.isArray(data.files) ? data.files.length : 1));
      return `Evidence added (${n} ${n === 1 ? "file" : "files"})`;
    }
    case "REPORTER_UPDATED":
      return `Update: ${String(data.text ?? "")}`;
    case "PROTECTIVE_ACTION":
      return `Protective measure arranged: ${MEASURE_WORDS[String(data.measure)] ?? "support"}`;
    case "RESOLVED":
      return `Resolved (${String(data.outcome ?? "")
        .toLowerCase()
        .replace(/_/g, " ")})`;
    case "REMINDER_SENT":
      return `Reminder sent: ${deadlineWords(data.kind)} is due soon`;
    case "ESCALATED": {
      const who = Array.isArray(data.toUserIds)
        ? data.toUserIds.map((id) => names.get(String(id)) ?? "someone").join(", ")
        : "";
      return `Missed deadline (${deadlineWords(data.kind)}) escalated${who ? ` to ${who}` : ""}`;
    }
    case "SEVERITY_ASSESSED": {
      const sev = SEVERITY_LABELS[data.severity as Severity] ?? String(data.severity ?? "");
      const cats = Array.isArray(data.categories)
        ? data.categories.map((c) => CATEGORY_LABELS[c as Category] ?? String(c)).join(", ")
        : "";
      return `Harm assessed: ${sev.toLowerCase()} severity${cats ? `; ${cats.toLowerCase()}` : ""}`;
    }
    case "STATUS_CHANGED":
      return `Status changed to ${String(data.to ?? "")
        .toLowerCase()
        .replace(/_/g, " ")}`;
    case "NOTE":
      return `Private note: ${String(data.text ?? "")}`;
    case "ACTION": {
      const label = SANCTION_LABELS[data.type as Sanction] ?? String(data.text ?? data.type ?? "");
      const reason = data.reason ? ` (reason: ${String(data.reason)})` : "";
      return `Action on the account: ${label}${reason}`;
    }
    case "ACTION_UPDATED": {
      const status = ACTION_STATUS_LABELS[data.status as ActionStatus] ?? String(data.status ?? "");
      const outcome = data.outcome ? `: ${String(data.outcome)}` : "";
      const owner =
        typeof data.ownerId === "string"
          ? `; owner now ${names.get(data.ownerId) ?? "someone else"}`
          : "";
      const due =
        "dueAt" in data
          ? typeof data.dueAt === "string"
            ? `; due ${data.dueAt.slice(0, 10)}`
            : "; no due date"
          : "";
      return `Action ${String(data.type ?? "")
        .toLowerCase()
        .replace(/_/g, " ")} now ${status.toLowerCase()}${outcome}${owner}${due}`;
    }
    case "DECISION": {
      const label =
        DECISION_LABELS[data.decision as AccountDecision] ?? String(data.decision ?? "");
      const who = typeof data.approverId === "string" ? names.get(data.approverId) : undefined;
      return `Decision on the account: ${label}${who ? `, approved by ${who}` : ""}`;
    }
    case "DECISION_PROPOSED": {
      const label =
        DECISION_LABELS[data.decision as AccountDecision] ?? String(data.decision ?? "");
      const who = typeof data.approverId === "string" ? names.get(data.approverId) : undefined;
      return `Decision on the account proposed: ${label}${who ? `, waiting for ${who}` : ""}`;
    }
    case "DECISION_REJECTED": {
      const label =
        DECISION_LABELS[data.decision as AccountDecision] ?? String(data.decision ?? "");
      const who = typeof data.approverId === "string" ? names.get(data.approverId) : undefined;
      return `Proposed decision not approved: ${label}${who ? ` (by ${who})` : ""}`;
    }
    case "REOPENED": {
      const reason = !opts.forReporter && data.reason ? ` (reason: ${String(data.reason)})` : "";
      return `Reopened${reason}`;
    }
    case "VIEWED":
      return "Viewed the case";
    case "SUPPORT_ANSWERED": {
      const what = SUPPORT_LABELS[data.kind as SupportKind] ?? "A request for support";
      const answer = data.answer === "ARRANGED" ? "arranged" : "declined";
      const reason = data.reason ? ` (${String(data.reason)})` : "";
      return `Support asked for — ${what.toLowerCase()}: ${answer}${reason}`;
    }
    case "STATEMENT_REQUESTED": {
      const who = typeof data.witnessId === "string" ? names.get(data.witnessId) : undefined;
      return `Witness statement asked of ${who ?? "a witness"}`;
    }
    case "STATEMENT_GIVEN":
      return `Witness statement given: ${String(data.text ?? "")}`;
    case "EXPORTED":
      return `Exported ${String(data.what ?? "the case")} (${String(data.format ?? "")})`;
    case "LEGAL_HOLD_PLACED":
      return `Legal hold placed (matter: ${String(data.matter ?? "")}): nothing is purged or erased while it stands`;
    case "LEGAL_HOLD_RELEASED":
      return `Legal hold released (matter: ${String(data.matter ?? "")}; reason: ${String(data.reason ?? "")})`;
    case "OSHA_RECORDABLE_MARKED":
      return `Marked recordable under OSHA: case ${String(data.caseNumber ?? "")} of ${String(data.year ?? "")}${data.privacyCase ? " (privacy case)" : ""}`;
    case "OSHA_RECORD_UPDATED":
      return `OSHA record updated: case ${String(data.caseNumber ?? "")} of ${String(data.year ?? "")}${data.privacyCase ? " (privacy case)" : ""}`;
    case "RETENTION_PURGED":
      return `Content removed under the retention rule (${String(data.rule ?? "")}); the timeline is kept`;
    default:
      return type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, " ");
  }
}

/** User ids mentioned in events' data, to look their names up in one query. */
export function referencedUserIds(events: { data: Record<string, unknown> }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (typeof e.data.assigneeId === "string") ids.add(e.data.assigneeId);
    if (typeof e.data.approverId === "string") ids.add(e.data.approverId);
    if (typeof e.data.ownerId === "string") ids.add(e.data.ownerId);
    if (typeof e.data.witnessId === "string") ids.add(e.data.witnessId);
    if (Array.isArray(e.data.toUserIds)) for (const id of e.data.toUserIds) ids.add(String(id));
  }
  return [...ids];
}

/** A timeline entry as pages show it. */
export type TimelineItem = {
  id: string;
  type: string;
  at: string;
  actorName: string | null;
  summary: string;
};
