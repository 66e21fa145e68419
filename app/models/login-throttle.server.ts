import { createHash } from "node:crypto";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import {
  delayAfterFailures,
  FAILURE_WINDOW_SECONDS,
  THROTTLE_RULES,
  type ThrottleDimension,
} from "~/domain/login-throttle";
import { getDb, type Db } from "~/utils/db.server";

// Failed sign-ins counted in the LoginThrottle table with rate-limiter-flexible's Prisma store,
// so every app instance sees the same counters. Per dimension, one limiter counts failures in
// the window and another holds the current wait (the library's block()). See
// docs/decisions/025-login-throttling.md.

type Limiters = { failures: RateLimiterPrisma; wait: RateLimiterPrisma };

let cache: { db: Db; limiters: Record<ThrottleDimension, Limiters> } | undefined;

function limitersFor(db: Db): Record<ThrottleDimension, Limiters> {
  if (cache?.db === db) return cache.limiters;
  const make = (prefix: string, points: number, duration: number, sweep = false) =>
    new RateLimiterPrisma({
      storeClient: db,
      tableName: "loginThrottle",
      keyPrefix: prefix,
      points,
      duration,
      // One limiter sweeps long-expired rows every few minutes; that is enough for the table.
      clearExpiredByTimeout: sweep,
    });
  const dims = Object.keys(THROTTLE_RULES) as ThrottleDimension[];
  const limiters = Object.fromEntries(
    dims.map((d, i) => [
      d,
      {
        // Counting only: the points are never "used up", the wait comes from the other limiter.
        failures: make(`fail:${d}`, 1_000_000, FAILURE_WINDOW_SECONDS, i === 0),
        wait: make(`wait:${d}`, 1, 1),
      },
    ]),
  ) as Record<ThrottleDimension, Limiters>;
  cache = { db, limiters };
  return limiters;
}

/** Keys never hold the email or address in clear: the table may be read by an operator. */
function keysFor(email: string, address: string): Record<ThrottleDimension, string> {
  const h = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);
  const account = h(`account:${email.trim().toLowerCase()}`);
  const addr = h(`address:${address}`);
  return { accountAddress: `${account}:${addr}`, account, address: addr };
}

/** Two first failures for one key at the same instant can both try to insert its row. */
async function retryOnce<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch {
    return fn();
  }
}

/** Milliseconds to wait before this sign-in may be tried, or 0. */
export async function signInWaitMs(email: string, address: string): Promise<number> {
  const limiters = limitersFor(await getDb());
  const keys = keysFor(email, address);
  let wait = 0;
  for (const d of Object.keys(keys) as ThrottleDimension[]) {
    const res = await limiters[d].wait.get(keys[d]);
    if (res && res.consumedPoints > 1 && res.msBeforeNext > 0)
      wait = Math.max(wait, res.msBeforeNext);
  }
  return wait;
}

/** Counts a failure on every dimension and sets the wait the new counts call for. */
export async function recordSignInFailure(email: string, address: string): Promise<number> {
  const limiters = limitersFor(await getDb());
  const keys = keysFor(email, address);
  let wait = 0;
  for (const d of Object.keys(keys) as ThrottleDimension[]) {
    const res = await retryOnce(() => limiters[d].failures.penalty(keys[d], 1));
    const seconds = delayAfterFailures(res.consumedPoints, THROTTLE_RULES[d]);
    if (seconds > 0) {
      await limiters[d].wait.block(keys[d], seconds);
      wait = Math.max(wait, seconds * 1000);
    }
  }
  return wait;
}

/** The real person got in: their account's counters start again (the address's do not). */
export async function recordSignInSuccess(email: string, address: string): Promise<void> {
  const limiters = limitersFor(await getDb());
  const keys = keysFor(email, address);
  for (const d of ["accountAddress", "account"] as const) {
    await limiters[d].failures.delete(keys[d]);
    await limiters[d].wait.delete(keys[d]);
  }
}
