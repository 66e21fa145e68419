import { recordAudit } from "./audit-log.server";
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
/** How many colleagues a type-ahead answers at once: a few to choose from, never the directory. */
export const COLLEAGUE_MATCHES = 20;

/**
 * Active colleagues (not the person asking) whose name or team contains q, alphabetically:
 * the people picker's type-ahead asks the server, so anyone among tens of thousands can be named.
 */
export async function listColleagueChoices(db: Db, exceptUserId: string, q = "") {
  const rows = await db.user.findMany({
    where: {
      active: true,
      id: { not: exceptUserId },
      ...(q ? { OR: [{ name: containsText(q) }, { team: { name: containsText(q) } }] } : {}),
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, team: { select: { name: true } } },
    take: COLLEAGUE_MATCHES,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, team: r.team?.name ?? null }));
}

/** Names for colleagues already chosen (a restored draft, a form sent back with an error). */
export async function getColleaguesByIds(db: Db, exceptUserId: string, ids: string[]) {
  const rows = await db.user.findMany({
    where: { active: true, id: { in: ids.slice(0, 50), not: exceptUserId } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, team: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, team: r.team?.name ?? null }));
}

/**
 * A person's own language setting (from /account). Recorded in the settings history like an
 * admin's change to the person, in the same transaction.
 */
export async function setOwnLanguage(db: Db, userId: string, language: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { language: true },
    });
    if (before.language === language) return;
    await tx.user.update({ where: { id: userId }, data: { language } });
    await recordAudit(tx, {
      actorId: userId,
      action: "PERSON_UPDATED",
      subjectType: "PERSON",
      subjectId: userId,
      data: { language: { from: before.language, to: language } },
    });
  });
}
