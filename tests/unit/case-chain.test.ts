import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  hashEvent,
  verifyChain,
  type ChainEvent,
  type StoredChainEvent,
} from "~/domain/case-chain";

const event = (over: Partial<ChainEvent> = {}): ChainEvent => ({
  incidentId: "inc-1",
  seq: 1,
  type: "SUBMITTED",
  actorId: "u-1",
  at: new Date("2026-01-05T10:00:00.000Z"),
  data: "{}",
  visibleToReporter: true,
  ...over,
});

/** Four events written the way the app writes them, each linked to the one before. */
function chain(): StoredChainEvent[] {
  const rows: ChainEvent[] = [
    event({ seq: 1, type: "SUBMITTED", actorId: "u-1", data: '{"severity":"HIGH"}' }),
    event({
      seq: 2,
      type: "ASSIGNED",
      actorId: null,
      at: new Date("2026-01-05T10:00:01.000Z"),
      data: '{"assigneeId":"m-1"}',
    }),
    event({
      seq: 3,
      type: "NOTE",
      actorId: "m-1",
      at: new Date("2026-01-05T11:00:00.000Z"),
      data: '{"text":"called them"}',
      visibleToReporter: false,
    }),
    event({
      seq: 4,
      type: "ACKNOWLEDGED",
      actorId: "m-1",
      at: new Date("2026-01-05T11:05:00.000Z"),
    }),
  ];
  let prev = GENESIS_HASH;
  return rows.map((r) => {
    const hash = hashEvent(prev, r);
    const stored = { ...r, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

describe("hashEvent", () => {
  it("is SHA-256 of the previous hash, a newline and the fields as a JSON array", () => {
    const canonical = '["inc-1",1,"SUBMITTED","u-1","2026-01-05T10:00:00.000Z","{}",true]';
    const expected = createHash("sha256").update(`${GENESIS_HASH}\n${canonical}`).digest("hex");
    expect(hashEvent(GENESIS_HASH, event())).toBe(expected);
  });

  it("starts from 64 zeros", () => {
    expect(GENESIS_HASH).toBe("0000000000000000000000000000000000000000000000000000000000000000");
  });

  it("depends on the previous hash", () => {
    expect(hashEvent("a".repeat(64), event())).not.toBe(hashEvent(GENESIS_HASH, event()));
  });

  it("tells a null actor from the string 'null'", () => {
    expect(hashEvent(GENESIS_HASH, event({ actorId: null }))).not.toBe(
      hashEvent(GENESIS_HASH, event({ actorId: "null" })),
    );
  });

  it("cannot be fooled by moving text between fields", () => {
    expect(hashEvent(GENESIS_HASH, event({ type: "NOTE", data: 'x","y' }))).not.toBe(
      hashEvent(GENESIS_HASH, event({ type: 'NOTE","x', data: "y" })),
    );
  });
});

describe("verifyChain", () => {
  it("accepts an untouched chain", () => {
    expect(verifyChain(chain())).toEqual({ ok: true, length: 4 });
  });

  it("accepts an empty timeline", () => {
    expect(verifyChain([])).toEqual({ ok: true, length: 0 });
  });

  const changes: [string, (e: StoredChainEvent) => void][] = [
    ["incidentId", (e) => (e.incidentId = "inc-2")],
    ["type", (e) => (e.type = "RESOLVED")],
    ["actorId", (e) => (e.actorId = e.actorId === "u-9" ? "u-8" : "u-9")],
    ["actorId to null", (e) => (e.actorId = e.actorId === null ? "u-9" : null)],
    ["at", (e) => (e.at = new Date(e.at.getTime() + 1))],
    ["data", (e) => (e.data = `${e.data} `)],
    ["visibleToReporter", (e) => (e.visibleToReporter = !e.visibleToReporter)],
  ];

  for (const seq of [1, 2, 3, 4]) {
    it.each(changes)(`reports a changed %s at seq ${seq}`, (_field, change) => {
      const events = chain();
      change(events[seq - 1]);
      expect(verifyChain(events)).toEqual({
        ok: false,
        brokenAtSeq: seq,
        reason: "the event was changed after it was written",
      });
    });

    it(`reports a changed seq at event ${seq}`, () => {
      const events = chain();
      events[seq - 1].seq = 7;
      expect(verifyChain(events)).toEqual({
        ok: false,
        brokenAtSeq: 7,
        reason: "an event is missing",
      });
    });

    it(`reports a changed prevHash at seq ${seq}`, () => {
      const events = chain();
      events[seq - 1].prevHash = "f".repeat(64);
      expect(verifyChain(events)).toEqual({
        ok: false,
        brokenAtSeq: seq,
        reason: "the link to the previous event is broken",
      });
    });
  }

  it("reports a removed event at the first event after the gap", () => {
    const events = chain();
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      brokenAtSeq: 3,
      reason: "an event is missing",
    });
  });

  it("reports a removed first event", () => {
    const events = chain().slice(1);
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      brokenAtSeq: 2,
      reason: "an event is missing",
    });
  });

  it("reports two swapped events", () => {
    const events = chain();
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it("reports swapped contents even when the seq numbers are put back in order", () => {
    const events = chain();
    [events[1], events[2]] = [
      { ...events[2], seq: 2 },
      { ...events[1], seq: 3 },
    ];
    expect(verifyChain(events)).toEqual({
      ok: false,
      brokenAtSeq: 2,
      reason: "the link to the previous event is broken",
    });
  });

  it("a forged event with a recomputed hash breaks the next link", () => {
    const events = chain();
    const forged = events[1];
    forged.data = '{"assigneeId":"someone-else"}';
    forged.hash = hashEvent(forged.prevHash, forged);
    expect(verifyChain(events)).toEqual({
      ok: false,
      brokenAtSeq: 3,
      reason: "the link to the previous event is broken",
    });
  });

  it("a forged last event with a recomputed hash is accepted: only the head hash anchors it", () => {
    // Documents the limit of a chain without an external anchor, so nobody relies on more.
    const events = chain();
    const last = events[3];
    last.data = '{"forged":true}';
    last.hash = hashEvent(last.prevHash, last);
    expect(verifyChain(events).ok).toBe(true);
  });

  it("rejects a first event that does not start from the genesis hash", () => {
    const events = chain();
    const first = { ...events[0], prevHash: "1".repeat(64) };
    first.hash = hashEvent(first.prevHash, first);
    events[0] = first;
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAtSeq: 1 });
  });
});
