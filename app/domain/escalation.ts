import { nextAvailableManager, type RoutingPerson } from "./routing";

// Who hears about a missed deadline: level 1 the assignee's manager, level 2
// HR, level 3 and after leadership. Anyone named in the report, and the reporter, are never
// told; a tier with nobody available falls through to the next.

export type EscalationTier = "MANAGER" | "HR" | "LEADERSHIP";

/** Escalation stops repeating after this level (leadership has then been told three times). */
export const MAX_ESCALATION_LEVEL = 5;

export function tierForLevel(level: number): EscalationTier {
  if (level <= 1) return "MANAGER";
  if (level === 2) return "HR";
  return "LEADERSHIP";
}

export type EscalationInput = {
  level: number;
  assigneeId: string | null;
  reporterId: string;
  namedUserIds: string[];
  people: Map<string, RoutingPerson>;
};

function availableWithRole(input: EscalationInput, role: string, excluded: Set<string>): string[] {
  return [...input.people.values()]
    .filter((p) => p.role === role && p.active && !p.onLeave && !excluded.has(p.id))
    .map((p) => p.id);
}

export function escalationTargets(input: EscalationInput): {
  tier: EscalationTier;
  userIds: string[];
} {
  const excluded = new Set([...input.namedUserIds, input.reporterId]);
  const tiers: EscalationTier[] = ["MANAGER", "HR", "LEADERSHIP"];
  for (const tier of tiers.slice(tiers.indexOf(tierForLevel(input.level)))) {
    let ids: string[] = [];
    if (tier === "MANAGER") {
      const assignee = input.assigneeId ? input.people.get(input.assigneeId) : undefined;
      const excludeAssignee = new Set([
        ...excluded,
        ...(input.assigneeId ? [input.assigneeId] : []),
      ]);
      const manager = nextAvailableManager(
        assignee?.managerId ?? null,
        input.people,
        excludeAssignee,
      );
      ids = manager ? [manager.id] : [];
    } else {
      ids = availableWithRole(input, tier, excluded);
    }
    if (ids.length > 0) return { tier, userIds: ids };
  }
  return { tier: "LEADERSHIP", userIds: [] };
}
