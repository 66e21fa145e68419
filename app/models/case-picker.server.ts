import { ROLES_FOR_PICK, type CasePick } from "~/domain/case-rules";
import { containsText, type Db, type Prisma } from "~/utils/db.server";

// The case page's people pickers (decision 125): a few matches at a time from SQL as the handler
// types, and one person's eligibility when a choice is posted. Both build their filter from
// `eligibleWhere`, so what the list offers and what the action accepts cannot drift apart.

/** The most people one search returns. */
export const CASE_PICK_MATCHES = 20;

export type CasePickChoice = { id: string; name: string; role: string; onLeave: boolean };

/** Who a choice for this case must never be, whatever it is for. */
async function caseFacts(db: Db, incidentId: string) {
  const facts = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      reporterId: true,
      assigneeId: true,
      namedUsers: { select: { userId: true } },
      account: { select: { ownerId: true } },
    },
  });
  return {
    excluded: [facts.reporterId, ...facts.namedUsers.map((n) => n.userId)],
    assigneeId: facts.assigneeId,
    accountOwnerId: facts.account.ownerId,
  };
}

/**
 * The rule for a choice, as a filter: active, in the roles the choice allows, neither the
 * reporter nor named in the report. An approver is also neither the proposer nor the account's
 * owner (decision 055).
 */
function eligibleWhere(
  pick: CasePick,
  facts: Awaited<ReturnType<typeof caseFacts>>,
  viewerId: string,
): Prisma.UserWhereInput {
  const excluded = [...facts.excluded];
  if (pick === "approver") {
    excluded.push(viewerId);
    if (facts.accountOwnerId) excluded.push(facts.accountOwnerId);
  }
  return { active: true, role: { in: [...ROLES_FOR_PICK[pick]] }, id: { notIn: excluded } };
}

/**
 * People whose name contains `q` (any case), by name, at most CASE_PICK_MATCHES. A new
 * handler is not the one who has the case already.
 */
export async function searchCasePeople(
  db: Db,
  incidentId: string,
  p: { pick: CasePick; q: string; viewerId: string },
): Promise<CasePickChoice[]> {
  // Prisma passes `contains` to LIKE unescaped: "%" or "_" would match everyone. No name needs
  // them, so they are dropped rather than read as patterns.
  const q = p.q.replace(/[%_\\]/g, "").trim();
  if (!q) return [];
  const facts = await caseFacts(db, incidentId);
  const rule = eligibleWhere(p.pick, facts, p.viewerId);
  const notCurrent =
    p.pick === "handler" && facts.assigneeId ? [{ id: { not: facts.assigneeId } }] : [];
  return db.user.findMany({
    where: { AND: [rule, ...notCurrent, { name: containsText(q) }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: CASE_PICK_MATCHES,
    select: { id: true, name: true, role: true, onLeave: true },
  });
}

/** This one person, if they may be chosen for `pick` on this case; null otherwise. */
export async function eligibleCasePerson(
  db: Db,
  incidentId: string,
  p: { pick: CasePick; userId: string; viewerId: string },
): Promise<CasePickChoice | null> {
  if (!p.userId) return null;
  const facts = await caseFacts(db, incidentId);
  return db.user.findFirst({
    where: { AND: [{ id: p.userId }, eligibleWhere(p.pick, facts, p.viewerId)] },
    select: { id: true, name: true, role: true, onLeave: true },
  });
}
