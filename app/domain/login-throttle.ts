// How failed sign-ins slow the next attempt down. A delay, never a lock: after a few free
// failures each further one doubles the wait, up to a cap. Three counters apply at once:
//  - this account from this address: the usual guessing attack, slowed hard;
//  - this account from anywhere: guessing from many addresses, with a SHORT cap so a stranger
//    can never keep the real person out for more than a minute at a time;
//  - this address, any account: one address trying many accounts (password spraying).
// A successful sign-in clears the first two.

export type ThrottleRule = { freeFailures: number; maxDelaySeconds: number };

export const THROTTLE_RULES = {
  accountAddress: { freeFailures: 5, maxDelaySeconds: 15 * 60 },
  account: { freeFailures: 10, maxDelaySeconds: 60 },
  address: { freeFailures: 50, maxDelaySeconds: 15 * 60 },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleDimension = keyof typeof THROTTLE_RULES;

/** Failures are counted over this window from the first one; then the count starts again. */
export const FAILURE_WINDOW_SECONDS = 60 * 60;

/** Seconds to wait after the n-th failure in the window (0 while failures are still free). */
export function delayAfterFailures(failures: number, rule: ThrottleRule): number {
  if (!Number.isFinite(failures) || failures <= rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 30);
  return Math.min(2 ** doublings, rule.maxDelaySeconds);
}

/** "Please wait 2 minutes", in whole seconds under a minute, rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function throttledMessage(ms: number): string {
  return `Too many attempts to sign in. For your safety, please wait ${waitText(ms)} and try again.`;
}
