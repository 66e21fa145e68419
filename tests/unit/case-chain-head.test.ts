import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, verifyChain, type StoredChainEvent } from "~/domain/case-chain";

// The end of a case timeline is checked against the head recorded on the incident: without it,
// removing or rewriting the last event could not be told apart from a shorter, valid chain.

function chain(n: number): StoredChainEvent[] {
  const out: StoredChainEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = {
      incidentId: "inc",
      seq,
      type: "NOTE",
      actorId: null,
      at: new Date(Date.UTC(2026, 0, seq)),
      data: "{}",
      visibleToReporter: false,
    };
    const hash = hashEvent(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("the chain head", () => {
  it("accepts a chain that matches the recorded head", () => {
    const events = chain(3);
    expect(verifyChain(events, { length: 3, hash: events[2].hash })).toEqual({
      ok: true,
      length: 3,
    });
  });

  it("notices the last event removed", () => {
    const events = chain(3);
    const verdict = verifyChain(events.slice(0, 2), { length: 3, hash: events[2].hash });
    expect(verdict).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });

  it("notices the last event rewritten with a recomputed hash", () => {
    const events = chain(3);
    const forged = { ...events[2], data: '{"text":"edited"}' };
    forged.hash = hashEvent(forged.prevHash, forged);
    const verdict = verifyChain([events[0], events[1], forged], {
      length: 3,
      hash: events[2].hash,
    });
    expect(verdict).toMatchObject({ ok: false, brokenAtSeq: 3 });
  });
});
