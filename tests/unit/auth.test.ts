import { describe, expect, it } from "vitest";
import { sessionExpired } from "~/utils/auth.server";

// 12-hour absolute lifetime, 30-minute idle timeout; a session expires AT the limit.
const limits = { absoluteMs: 12 * 3_600_000, idleMs: 30 * 60_000 };
const created = new Date("2026-01-05T08:00:00.000Z");

function expired(lastSeenAt: string, now: string) {
  return sessionExpired(
    { createdAt: created, lastSeenAt: new Date(lastSeenAt) },
    new Date(now),
    limits,
  );
}

describe("sessionExpired", () => {
  it("keeps a fresh session", () => {
    expect(expired("2026-01-05T08:00:00.000Z", "2026-01-05T08:00:00.000Z")).toBe(false);
  });

  it("keeps a session idle for 1 ms less than the timeout", () => {
    expect(expired("2026-01-05T09:00:00.000Z", "2026-01-05T09:29:59.999Z")).toBe(false);
  });

  it("ends a session idle for exactly the timeout", () => {
    expect(expired("2026-01-05T09:00:00.000Z", "2026-01-05T09:30:00.000Z")).toBe(true);
  });

  it("keeps an active session 1 ms before its absolute lifetime", () => {
    expect(expired("2026-01-05T19:59:00.000Z", "2026-01-05T19:59:59.999Z")).toBe(false);
  });

  it("ends an active session at exactly its absolute lifetime", () => {
    expect(expired("2026-01-05T19:59:00.000Z", "2026-01-05T20:00:00.000Z")).toBe(true);
  });

  it("ends a session long past both limits", () => {
    expect(expired("2026-01-05T08:00:00.000Z", "2026-01-06T08:00:00.000Z")).toBe(true);
  });

  it("uses the limits it is given", () => {
    const s = { createdAt: created, lastSeenAt: created };
    const now = new Date("2026-01-05T08:05:00.000Z");
    expect(sessionExpired(s, now, { absoluteMs: 3_600_000, idleMs: 5 * 60_000 })).toBe(true);
    expect(sessionExpired(s, now, { absoluteMs: 3_600_000, idleMs: 6 * 60_000 })).toBe(false);
    expect(sessionExpired(s, now, { absoluteMs: 5 * 60_000, idleMs: 3_600_000 })).toBe(true);
  });
});
