import { GENESIS_HASH, hashEvent, verifyChain, type ChainVerdict } from "~/domain/case-chain";
import type { Db, Tx } from "~/utils/db.server";

export type CaseEventInput = {
  incidentId: string;
  type: string;
  actorId: string | null;
  data?: Record<string, unknown>;
  visibleToReporter?: boolean;
  at?: Date;
};

/**
 * Appends one event to an incident's hash chain, inside the caller's transaction.
 * Incrementing chainLength first takes the incident's row lock on PostgreSQL (and SQLite
 * serialises writers anyway), so two appends to one case can never read the same head.
 */
export async function appendCaseEvent(tx: Tx, input: CaseEventInput) {
  const head = await tx.incident.update({
    where: { id: input.incidentId },
    data: { chainLength: { increment: 1 } },
    select: { chainLength: true, chainHead: true },
  });
  const event = {
    incidentId: input.incidentId,
    seq: head.chainLength,
    type: input.type,
    actorId: input.actorId,
    at: input.at ?? new Date(),
    data: JSON.stringify(input.data ?? {}),
    visibleToReporter: input.visibleToReporter ?? false,
  };
  const prevHash = head.chainHead || GENESIS_HASH;
  const hash = hashEvent(prevHash, event);
  await tx.caseEvent.create({ data: { ...event, prevHash, hash } });
  await tx.incident.update({ where: { id: input.incidentId }, data: { chainHead: hash } });
  return { seq: event.seq, hash };
}

/**
 * Appends several events to one incident's chain in three statements, whatever their number:
 * the chain's length is advanced by all of them at once (taking the row lock, as above), the
 * hashes are chained in memory from the head it answered, the events are inserted together
 * and the new head is stored.
 */
export async function appendCaseEvents(tx: Tx, incidentId: string, inputs: CaseEventInput[]) {
  if (inputs.length === 0) return [];
  if (inputs.length === 1) return [await appendCaseEvent(tx, { ...inputs[0], incidentId })];
  const head = await tx.incident.update({
    where: { id: incidentId },
    data: { chainLength: { increment: inputs.length } },
    select: { chainLength: true, chainHead: true },
  });
  let prevHash = head.chainHead || GENESIS_HASH;
  const first = head.chainLength - inputs.length + 1;
  const rows = inputs.map((input, i) => {
    const event = {
      incidentId,
      seq: first + i,
      type: input.type,
      actorId: input.actorId,
      at: input.at ?? new Date(),
      data: JSON.stringify(input.data ?? {}),
      visibleToReporter: input.visibleToReporter ?? false,
    };
    const hash = hashEvent(prevHash, event);
    const row = { ...event, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.caseEvent.createMany({ data: rows });
  await tx.incident.update({ where: { id: incidentId }, data: { chainHead: prevHash } });
  return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
}

/**
 * Appends events to several incidents' chains at once, for a caller that already holds those
 * incidents (locked with FOR UPDATE on PostgreSQL, or inside SQLite's write transaction) and
 * read their heads: the chains are computed in memory, every event is inserted by one
 * statement and each incident's head is stored by one update.
 */
export async function appendCaseEventsLocked(
  tx: Tx,
  heads: { id: string; chainLength: number; chainHead: string }[],
  inputs: CaseEventInput[],
) {
  if (inputs.length === 0) return;
  const state = new Map(
    heads.map((h) => [h.id, { length: h.chainLength, hash: h.chainHead || GENESIS_HASH, n: 0 }]),
  );
  const rows = inputs.map((input) => {
    const head = state.get(input.incidentId);
    if (!head) throw new Error(`The case ${input.incidentId} is not held by this transaction`);
    const event = {
      incidentId: input.incidentId,
      seq: head.length + 1,
      type: input.type,
      actorId: input.actorId,
      at: input.at ?? new Date(),
      data: JSON.stringify(input.data ?? {}),
      visibleToReporter: input.visibleToReporter ?? false,
    };
    const prevHash = head.hash;
    const hash = hashEvent(prevHash, event);
    head.length++;
    head.hash = hash;
    head.n++;
    return { ...event, prevHash, hash };
  });
  await tx.caseEvent.createMany({ data: rows });
  for (const [id, head] of state) {
    if (head.n === 0) continue;
    await tx.incident.update({
      where: { id },
      data: { chainLength: head.length, chainHead: head.hash },
    });
  }
}

export async function verifyIncidentChain(db: Db, incidentId: string): Promise<ChainVerdict> {
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { chainLength: true, chainHead: true },
  });
  const events = await db.caseEvent.findMany({ where: { incidentId }, orderBy: { seq: "asc" } });
  return verifyChain(events, { length: incident.chainLength, hash: incident.chainHead });
}

export type TimelineEntry = {
  id: string;
  seq: number;
  type: string;
  at: Date;
  actorName: string | null;
  data: Record<string, unknown>;
};

/** The timeline; `forReporter` keeps only the entries meant for the person who reported. */
export async function getTimeline(
  db: Db,
  incidentId: string,
  opts: { forReporter: boolean },
): Promise<TimelineEntry[]> {
  const rows = await db.caseEvent.findMany({
    where: { incidentId, ...(opts.forReporter ? { visibleToReporter: true } : {}) },
    orderBy: { seq: "asc" },
    include: { actor: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    type: r.type,
    at: r.at,
    actorName: r.actor?.name ?? null,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}
