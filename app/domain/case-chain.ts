import { createHash } from "node:crypto";

// Tamper evidence for the case timeline: each event's hash covers its own content and the
// previous event's hash, so changing, removing or reordering any row breaks every later link.

export type ChainEvent = {
  incidentId: string;
  seq: number;
  type: string;
  actorId: string | null;
  at: Date;
  data: string;
  visibleToReporter: boolean;
};

export const GENESIS_HASH = "0".repeat(64);

export function hashEvent(prevHash: string, event: ChainEvent): string {
  // A fixed field order: JSON of an array, not an object, so key order can never vary.
  const canonical = JSON.stringify([
    event.incidentId,
    event.seq,
    event.type,
    event.actorId,
    event.at.toISOString(),
    event.data,
    event.visibleToReporter,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

export type StoredChainEvent = ChainEvent & { prevHash: string; hash: string };

export type ChainVerdict =
  { ok: true; length: number } | { ok: false; brokenAtSeq: number; reason: string };

/**
 * Checks a whole timeline, ordered by seq, as read back from the database. `head` is the
 * length and last hash recorded on the incident itself: without it, removing or rewriting the
 * last event could not be told apart from a shorter, valid chain.
 */
export function verifyChain(
  events: StoredChainEvent[],
  head?: { length: number; hash: string },
): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== i + 1) return { ok: false, brokenAtSeq: e.seq, reason: "an event is missing" };
    if (e.prevHash !== prev)
      return { ok: false, brokenAtSeq: e.seq, reason: "the link to the previous event is broken" };
    if (hashEvent(prev, e) !== e.hash)
      return {
        ok: false,
        brokenAtSeq: e.seq,
        reason: "the event was changed after it was written",
      };
    prev = e.hash;
  }
  if (head && head.length !== events.length) {
    return {
      ok: false,
      brokenAtSeq: Math.min(head.length, events.length) + 1,
      reason: "events are missing from the end of the timeline",
    };
  }
  if (head && head.length > 0 && head.hash !== prev) {
    return { ok: false, brokenAtSeq: events.length, reason: "the last event was changed" };
  }
  return { ok: true, length: events.length };
}
