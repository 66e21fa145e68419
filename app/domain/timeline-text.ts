import { CHANNEL_LABELS, SEVERITY_LABELS, type Channel, type Severity } from "./vocabulary";

// One sentence per timeline event, in calm plain words. `names` resolves user ids that an
// event's data refers to (an assignee, say).

export function describeEvent(
  type: string,
  data: Record<string, unknown>,
  names: Map<string, string>,
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
      return "Acknowledged: someone is now responsible for your report";
    default:
      return type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, " ");
  }
}

/** User ids mentioned in events' data, to look their names up in one query. */
export function referencedUserIds(events: { data: Record<string, unknown> }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) if (typeof e.data.assigneeId === "string") ids.add(e.data.assigneeId);
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
