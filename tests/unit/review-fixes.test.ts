import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, verifyChain, type StoredChainEvent } from "~/domain/case-chain";
import { occurredAtInstant, reportFormSchema } from "~/domain/report-form";

// Rules added after review: impossible dates, invisible characters, duplicate categories, and
// a chain whose end is checked against the head recorded on the incident.

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

describe("report form input", () => {
  const valid = {
    accountId: "acc",
    occurredAt: "2026-11-20T10:15",
    channel: "PHONE",
    severity: "LOW",
    narrative: "ok",
  };

  it("treats 30 February and 31 April as impossible dates", () => {
    expect(Number.isNaN(occurredAtInstant("2026-02-30T10:00", "Europe/London").getTime())).toBe(
      true,
    );
    expect(Number.isNaN(occurredAtInstant("2026-04-31T10:00", "Europe/London").getTime())).toBe(
      true,
    );
    expect(occurredAtInstant("2028-02-29T10:00", "UTC").toISOString()).toBe(
      "2028-02-29T10:00:00.000Z",
    );
  });

  it.each([
    ["a C1 control", "abc\u0085def"],
    ["a right-to-left override", "pay \u202Etnemyap"],
    ["an isolate", "x\u2066y"],
  ])("refuses %s in free text", (_label, narrative) => {
    expect(reportFormSchema.safeParse({ ...valid, narrative }).success).toBe(false);
  });

  it("keeps each category once", () => {
    const parsed = reportFormSchema.parse({
      ...valid,
      categories: ["THREATS", "THREATS", "OTHER"],
    });
    expect(parsed.categories).toEqual(["THREATS", "OTHER"]);
  });
});
