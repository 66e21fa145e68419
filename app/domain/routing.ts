import { HR_CATEGORIES, type Category, type Severity } from "./vocabulary";

// Who receives a new report. Pure: the caller loads the people.

export type RoutingPerson = {
  id: string;
  role: string;
  active: boolean;
  onLeave: boolean;
  managerId: string | null;
};

export type RoutingInput = {
  reporter: RoutingPerson;
  /** Everyone reachable by id: the reporter's management line, HR and leadership. */
  people: Map<string, RoutingPerson>;
  namedUserIds: string[];
  categories: Category[];
  severity: Severity;
  /** The categories that bring HR in (jurisdiction settings); the built-in list when absent. */
  hrCategories?: readonly Category[];
};

export type RoutingResult = {
  assigneeId: string | null;
  hrIds: string[];
};

function available(p: RoutingPerson | undefined, excluded: Set<string>): boolean {
  return !!p && p.active && !p.onLeave && !excluded.has(p.id);
}

/** Walks up the reporting line from `start`, skipping anyone named, inactive or on leave. */
export function nextAvailableManager(
  startId: string | null,
  people: Map<string, RoutingPerson>,
  excluded: Set<string>,
): RoutingPerson | null {
  const seen = new Set<string>();
  let id = startId;
  while (id && !seen.has(id)) {
    seen.add(id);
    const p = people.get(id);
    if (!p) return null;
    if (available(p, excluded)) return p;
    id = p.managerId;
  }
  return null;
}

export function needsHr(
  categories: Category[],
  severity: Severity,
  hrCategories: readonly Category[] = HR_CATEGORIES,
): boolean {
  return severity === "CRITICAL" || categories.some((c) => hrCategories.includes(c));
}

export function routeReport(input: RoutingInput): RoutingResult {
  const excluded = new Set([...input.namedUserIds, input.reporter.id]);
  const manager = nextAvailableManager(input.reporter.managerId, input.people, excluded);
  const hr = [...input.people.values()].filter((p) => p.role === "HR" && available(p, excluded));
  const hrIds = needsHr(input.categories, input.severity, input.hrCategories)
    ? hr.map((p) => p.id)
    : [];
  // With no manager available at all, HR takes the case rather than nobody.
  const assigneeId = manager?.id ?? hr[0]?.id ?? null;
  return { assigneeId, hrIds: hrIds.filter((id) => id !== assigneeId) };
}
