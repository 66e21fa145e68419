import { describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "~/domain/backoff";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe("retryDelayMs", () => {
  it.each([
    [1, 30 * SECOND],
    [2, 1 * MINUTE],
    [3, 2 * MINUTE],
    [4, 4 * MINUTE],
    [5, 8 * MINUTE],
    [6, 16 * MINUTE],
    [7, 32 * MINUTE],
  ])("waits %i attempt(s) → %i ms", (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it("caps the wait at one hour", () => {
    expect(retryDelayMs(8)).toBe(60 * MINUTE);
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS)).toBe(60 * MINUTE);
    expect(retryDelayMs(1000)).toBe(60 * MINUTE);
  });

  it("treats zero or negative attempts as the first", () => {
    expect(retryDelayMs(0)).toBe(30 * SECOND);
    expect(retryDelayMs(-3)).toBe(30 * SECOND);
  });
});

describe("MAX_DELIVERY_ATTEMPTS", () => {
  it("is 8", () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
  });
});
