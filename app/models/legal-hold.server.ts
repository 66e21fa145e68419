import type { Viewer } from "~/domain/permissions";
import { REFERENCE_PATTERN } from "~/domain/reference";
import type { ActiveHold, HoldInput, HoldScope } from "~/domain/retention";
import type { Db, Prisma, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { appendCaseEvent } from "./case-event.server";
import { handlerScope } from "./incident.server";

// Legal holds. Placing or releasing one writes the hold, a settings-history row and an event on
// every case it covers, in one transaction: a hold never exists without its record on the
// timelines, and a refused one leaves nothing.

export type HoldTarget = {
  incidentId?: string;
  accountId?: string;
  userId?: string;
  label: string;
};

/** Finds what the typed target names; a case HR may not see is "not found", like any other. */
export async function resolveHoldTarget(
  db: Db,
  viewer: Viewer,
  scope: HoldScope,
  target: string,
): Promise<HoldTarget | null> {
  if (scope === "CASE") {
    const reference = target.toUpperCase();
    if (!REFERENCE_PATTERN.test(reference)) return null;
    const c = await db.incident.findFirst({
      where: { AND: [{ reference }, handlerScope(viewer)] },
      select: { id: true, reference: true },
    });
    return c ? { incidentId: c.id, label: `case ${c.reference}` } : null;
  }
  if (scope === "ACCOUNT") {
    const a = await db.customerAccount.findFirst({
      where: { OR: [{ crmId: target }, { name: target }] },
      select: { id: true, name: true },
    });
    return a ? { accountId: a.id, label: `the account ${a.name}` } : null;
  }
  const u = await db.user.findFirst({
    where: { email: target.toLowerCase() },
    select: { id: true, name: true },
  });
  return u ? { userId: u.id, label: `the employee ${u.name}` } : null;
}

function coveredWhere(h: {
  scope: string;
  incidentId: string | null;
  accountId: string | null;
  userId: string | null;
}): Prisma.IncidentWhereInput {
  if (h.scope === "CASE") return { id: h.incidentId ?? "" };
  if (h.scope === "ACCOUNT") return { accountId: h.accountId ?? "" };
  return { reporterId: h.userId ?? "" };
}

async function appendToCovered(
  tx: Tx,
  hold: Parameters<typeof coveredWhere>[0],
  event: { type: string; actorId: string; at: Date; data: Record<string, unknown> },
) {
  // Read a page of ids at a time: an account can have thousands of cases.
  let cursor: string | undefined;
  let count = 0;
  for (;;) {
    const page = await tx.incident.findMany({
      where: coveredWhere(hold),
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: { id: true },
    });
    for (const c of page) await appendCaseEvent(tx, { incidentId: c.id, ...event });
    count += page.length;
    if (page.length < 500) return count;
    cursor = page[page.length - 1].id;
  }
}

/**
 * A hold placed or released: its event on every case it covers, then its settings-history row
 * with the number of cases. Both name the hold's matter; `more` adds what each one says besides.
 */
async function recordHoldChange(
  tx: Tx,
  hold: Parameters<typeof coveredWhere>[0] & { id: string; matter: string },
  action: "LEGAL_HOLD_PLACED" | "LEGAL_HOLD_RELEASED",
  actorId: string,
  at: Date,
  more: { event: Record<string, unknown>; audit: Record<string, unknown> },
): Promise<number> {
  const cases = await appendToCovered(tx, hold, {
    type: action,
    actorId,
    at,
    data: { holdId: hold.id, matter: hold.matter, ...more.event },
  });
  await recordAudit(tx, {
    actorId,
    action,
    subjectType: "LEGAL_HOLD",
    subjectId: hold.id,
    data: { matter: hold.matter, ...more.audit, cases },
    at,
  });
  return cases;
}

export async function placeHold(
  db: Db,
  p: { actorId: string; input: HoldInput; target: HoldTarget; now?: Date },
) {
  const at = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const hold = await tx.legalHold.create({
      data: {
        scope: p.input.scope,
        incidentId: p.target.incidentId ?? null,
        accountId: p.target.accountId ?? null,
        userId: p.target.userId ?? null,
        matter: p.input.matter,
        reason: p.input.reason,
        placedById: p.actorId,
        placedAt: at,
      },
    });
    const cases = await recordHoldChange(tx, hold, "LEGAL_HOLD_PLACED", p.actorId, at, {
      event: { scope: hold.scope },
      audit: { reason: hold.reason, target: p.target.label },
    });
    return { id: hold.id, cases };
  });
}

export type ReleaseResult = { ok: true; cases: number } | { ok: false; error: string };

export async function releaseHold(
  db: Db,
  p: { actorId: string; holdId: string; reason: string; now?: Date },
): Promise<ReleaseResult> {
  const at = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    // Conditional: two people releasing at once release it once.
    const claimed = await tx.legalHold.updateMany({
      where: { id: p.holdId, releasedAt: null },
      data: { releasedAt: at, releasedById: p.actorId, releaseReason: p.reason },
    });
    if (claimed.count === 0) return { ok: false as const, error: "This hold is already released." };
    const hold = await tx.legalHold.findUniqueOrThrow({ where: { id: p.holdId } });
    const cases = await recordHoldChange(tx, hold, "LEGAL_HOLD_RELEASED", p.actorId, at, {
      event: { reason: p.reason },
      audit: { reason: p.reason },
    });
    return { ok: true as const, cases };
  });
}

export const HOLDS_PAGE = 50;

/** Holds for the HR page: active ones first, newest first, a page at a time. */
export async function listHolds(db: Db, opts: { released: boolean; skip?: number }) {
  const where = opts.released ? { releasedAt: { not: null } } : { releasedAt: null };
  const [rows, total] = await Promise.all([
    db.legalHold.findMany({
      where,
      orderBy: [{ placedAt: "desc" }, { id: "asc" }],
      take: HOLDS_PAGE,
      skip: opts.skip ?? 0,
    }),
    db.legalHold.count({ where }),
  ]);
  const ids = (k: "incidentId" | "accountId" | "userId") => [
    ...new Set(rows.flatMap((r) => (r[k] ? [r[k]] : []))),
  ];
  const people = [...new Set([...ids("userId"), ...rows.map((r) => r.placedById)])];
  const [cases, accounts, users] = await Promise.all([
    db.incident.findMany({
      where: { id: { in: ids("incidentId") } },
      select: { id: true, reference: true },
    }),
    db.customerAccount.findMany({
      where: { id: { in: ids("accountId") } },
      select: { id: true, name: true },
    }),
    db.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } }),
  ]);
  const name = new Map([
    ...cases.map((c) => [c.id, c.reference] as const),
    ...accounts.map((a) => [a.id, a.name] as const),
    ...users.map((u) => [u.id, u.name] as const),
  ]);
  return {
    total,
    holds: rows.map((r) => ({
      id: r.id,
      scope: r.scope,
      target: name.get(r.incidentId ?? r.accountId ?? r.userId ?? "") ?? "(removed)",
      matter: r.matter,
      reason: r.reason,
      placedAt: r.placedAt,
      placedBy: name.get(r.placedById) ?? "",
      releasedAt: r.releasedAt,
      releaseReason: r.releaseReason,
    })),
  };
}

/** Every active hold, for the purge and erasure checks (holds are few: a handful of matters). */
export function activeHolds(db: Db | Tx): Promise<ActiveHold[]> {
  return db.legalHold.findMany({
    where: { releasedAt: null },
    select: {
      id: true,
      scope: true,
      incidentId: true,
      accountId: true,
      userId: true,
      matter: true,
    },
  });
}

/** The active holds covering one case; for the case page to show. */
export async function holdsOnCase(db: Db, incidentId: string) {
  const c = await db.incident.findUnique({
    where: { id: incidentId },
    select: { accountId: true, reporterId: true },
  });
  if (!c) return [];
  return db.legalHold.findMany({
    where: {
      releasedAt: null,
      OR: [
        { scope: "CASE", incidentId },
        { scope: "ACCOUNT", accountId: c.accountId },
        { scope: "EMPLOYEE", userId: c.reporterId },
      ],
    },
    select: { id: true, matter: true, scope: true, placedAt: true },
  });
}
