import { auditValue } from "~/domain/audit-diff";
import { auditUserIds, type AuditAction, type AuditSubjectType } from "~/domain/audit-text";
import type { Db, Prisma, Tx } from "~/utils/db.server";

// The settings history: who changed a setting, when, and from what to what. A row is written
// by recordAudit inside the transaction of the change it records, so a change never lands
// without its row and a failed change leaves none.

export type AuditInput = {
  actorId: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string | null;
  /** For updates, only the changed fields as {field: {from, to}} (see ~/domain/audit-diff). */
  data?: Record<string, unknown>;
  at?: Date;
};

export async function recordAudit(tx: Tx, input: AuditInput) {
  return tx.auditEvent.create({
    data: {
      at: input.at ?? new Date(),
      actorId: input.actorId,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      // auditValue turns BigInt and Date into strings, which JSON.stringify cannot do itself.
      data: JSON.stringify(auditValue(input.data ?? {})),
    },
    select: { id: true },
  });
}

export type AuditSubject = {
  label: string;
  /** For a contact, the account it belongs to (its page lists the contacts). */
  accountId?: string;
  accountName?: string;
};

export type AuditEntry = {
  id: string;
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  /** The subject as it is now; null when there is none or it no longer exists. */
  subject: AuditSubject | null;
};

function parseData(data: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function countAuditEvents(db: Db): Promise<number> {
  return db.auditEvent.count();
}

/** Newest first, with the actor's name, the subjects' current names and referenced users. */
export async function listAuditEvents(
  db: Db,
  opts: { take: number; skip: number; subjectType?: string },
): Promise<{ total: number; events: AuditEntry[]; names: Map<string, string> }> {
  const where: Prisma.AuditEventWhereInput = opts.subjectType
    ? { subjectType: opts.subjectType }
    : {};
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: opts.take,
      skip: opts.skip,
      include: { actor: { select: { name: true } } },
    }),
  ]);
  const parsed = rows.map((r) => ({ ...r, data: parseData(r.data) }));
  const [subjects, users] = await Promise.all([
    loadSubjects(db, parsed),
    userIdsToNames(db, auditUserIds(parsed)),
  ]);
  return {
    total,
    names: users,
    events: parsed.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      actorName: r.actor?.name ?? null,
      data: r.data,
      subject: (r.subjectId && subjects.get(`${r.subjectType}:${r.subjectId}`)) || null,
    })),
  };
}

async function userIdsToNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** One query per kind of subject on the page, keyed "TYPE:id". */
async function loadSubjects(
  db: Db,
  rows: { subjectType: string; subjectId: string | null }[],
): Promise<Map<string, AuditSubject>> {
  const idsOf = (type: AuditSubjectType) => [
    ...new Set(rows.flatMap((r) => (r.subjectType === type && r.subjectId ? [r.subjectId] : []))),
  ];
  const [accounts, calendars, contacts, people, teams, tokens, webhooks] = await Promise.all([
    db.customerAccount.findMany({
      where: { id: { in: idsOf("ACCOUNT") } },
      select: { id: true, name: true },
    }),
    db.businessCalendar.findMany({
      where: { id: { in: idsOf("CALENDAR") } },
      select: { id: true, name: true },
    }),
    db.customerContact.findMany({
      where: { id: { in: idsOf("CONTACT") } },
      select: { id: true, name: true, account: { select: { id: true, name: true } } },
    }),
    db.user.findMany({ where: { id: { in: idsOf("PERSON") } }, select: { id: true, name: true } }),
    db.team.findMany({ where: { id: { in: idsOf("TEAM") } }, select: { id: true, name: true } }),
    db.apiToken.findMany({
      where: { id: { in: idsOf("API_TOKEN") } },
      select: { id: true, name: true },
    }),
    db.webhookEndpoint.findMany({
      where: { id: { in: idsOf("WEBHOOK") } },
      select: { id: true, url: true },
    }),
  ]);
  const out = new Map<string, AuditSubject>();
  for (const a of accounts) out.set(`ACCOUNT:${a.id}`, { label: a.name });
  for (const c of calendars) out.set(`CALENDAR:${c.id}`, { label: c.name });
  for (const p of people) out.set(`PERSON:${p.id}`, { label: p.name });
  for (const t of teams) out.set(`TEAM:${t.id}`, { label: t.name });
  for (const t of tokens) out.set(`API_TOKEN:${t.id}`, { label: t.name });
  for (const w of webhooks) out.set(`WEBHOOK:${w.id}`, { label: w.url });
  for (const c of contacts) {
    out.set(`CONTACT:${c.id}`, {
      label: c.name,
      accountId: c.account.id,
      accountName: c.account.name,
    });
  }
  return out;
}
