import { containsText, type Db } from "~/utils/db.server";

export async function namesByIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active colleagues to pick as witnesses or as involved, by name (the directory is small). */
export async function listColleagueChoices(db: Db, exceptUserId: string, q = "") {
  const rows = await db.user.findMany({
    where: { active: true, id: { not: exceptUserId }, ...(q ? { name: containsText(q) } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, team: { select: { name: true } } },
    take: 1000,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, team: r.team?.name ?? null }));
}
