import type { RoutingPerson } from "~/domain/routing";
import type { Db, Tx } from "~/utils/db.server";

// The org chart as routing and escalation need it: the management line above a few people,
// walked in the database one level per query (an organisation of 100,000 is never loaded),
// plus the available HR and leadership people, who are a handful.

/** Deep enough for any real hierarchy; a longer line is treated as broken and cut off. */
export const MAX_CHAIN_DEPTH = 64;
/** HR and leadership are small groups; this only caps a misconfigured directory. */
const MAX_ROLE_GROUP = 500;

const PERSON = {
  id: true,
  email: true,
  role: true,
  active: true,
  onLeave: true,
  managerId: true,
  team: { select: { managerId: true, parent: { select: { managerId: true } } } },
} as const;

export type ChartPerson = RoutingPerson & { email: string };

type PersonRow = Omit<ChartPerson, "managerId"> & {
  managerId: string | null;
  team: { managerId: string | null; parent: { managerId: string | null } | null } | null;
};

/**
 * Whom a person reports to for routing: their manager; without one, their team's manager; for
 * that team's own manager, the manager of the team above. So a team chart alone is enough.
 */
function chartPerson({ team, ...p }: PersonRow): ChartPerson {
  const viaTeam = team
    ? team.managerId && team.managerId !== p.id
      ? team.managerId
      : (team.parent?.managerId ?? null)
    : null;
  return { ...p, managerId: p.managerId ?? (viaTeam !== p.id ? viaTeam : null) };
}

/**
 * Everyone routing or escalation may consider for cases starting at `startIds` (reporter,
 * assignee): those people, every manager above them, and the available HR and leadership.
 */
export async function loadRoutingPeople(
  db: Db | Tx,
  startIds: (string | null | undefined)[],
): Promise<Map<string, ChartPerson>> {
  const people = new Map<string, ChartPerson>();
  const groups = await db.user.findMany({
    where: { role: { in: ["HR", "LEADERSHIP"] }, active: true, onLeave: false },
    orderBy: { name: "asc" },
    take: MAX_ROLE_GROUP,
    select: PERSON,
  });
  for (const p of groups) people.set(p.id, chartPerson(p));
  // Someone already loaded (an HR manager, say) still has their own line to follow; `walked`
  // and the depth cap end any loop that slipped into the data.
  const walked = new Set<string>();
  let frontier = [...new Set(startIds.filter((id): id is string => !!id))];
  for (let depth = 0; frontier.length > 0 && depth < MAX_CHAIN_DEPTH; depth++) {
    const missing = frontier.filter((id) => !people.has(id));
    const rows = missing.length
      ? await db.user.findMany({ where: { id: { in: missing } }, select: PERSON })
      : [];
    for (const p of rows) people.set(p.id, chartPerson(p));
    const next = new Set<string>();
    for (const id of frontier) {
      walked.add(id);
      const managerId = people.get(id)?.managerId;
      if (managerId && !walked.has(managerId)) next.add(managerId);
    }
    frontier = [...next];
  }
  return people;
}

/**
 * Would making `managerId` the manager of `personId` close a loop? True when `personId` is
 * `managerId` or anywhere above it.
 */
export async function wouldCreateCycle(
  db: Db | Tx,
  personId: string,
  managerId: string | null,
): Promise<boolean> {
  const seen = new Set<string>();
  let id = managerId;
  while (id && !seen.has(id) && seen.size < MAX_CHAIN_DEPTH * 4) {
    if (id === personId) return true;
    seen.add(id);
    const row = await db.user.findUnique({ where: { id }, select: { managerId: true } });
    id = row?.managerId ?? null;
  }
  return id !== null && seen.has(id); // an existing loop above: refuse to join it too
}
