import {
  CHANNEL_LABELS,
  DEADLINE_LABELS,
  SEVERITY_LABELS,
  type Channel,
  type DeadlineKind,
  type Severity,
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
    default:
      return type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, " ");
  }
}

/** User ids mentioned in events' data, to look their names up in one query. */
export function referencedUserIds(events: { data: Record<string, unknown> }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (typeof e.data.assigneeId === "string") ids.add(e.data.assigneeId);
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
