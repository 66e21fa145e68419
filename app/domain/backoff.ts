/** After this many failed attempts a mail is set aside for an admin to look at. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
