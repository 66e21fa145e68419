import { createHash, randomBytes } from "node:crypto";
import type { Submission } from "@conform-to/react";
import { redirect } from "@remix-run/node";
import { MAX_CODE_ATTEMPTS, secondStepFor, type SecondStep } from "~/domain/two-factor";
import type { Role } from "~/domain/vocabulary";
import { recordSignInFailure, recordSignInSuccess } from "~/models/login-throttle.server";
import { isEnrolled } from "~/models/two-factor.server";
import { startSession } from "./auth.server";
import { getDb } from "./db.server";
import { cookieSecure, getEnv } from "./env.server";

// The step between a correct password and a session, for people who need a second factor.
// The browser holds a random token in a short-lived cookie; the database keeps only its hash,
// the person, an expiry and the number of wrong codes.

const PENDING_COOKIE = "portal_2fa";
const PENDING_MINUTES = 10;

export type Pending = { tokenHash: string; userId: string; email: string; role: Role };

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Reads one cookie by name without decoding: our tokens are base64url, anything else is ignored. */
export function readCookieToken(request: Request, name: string): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [k, v] = part.split("=", 2).map((x) => x?.trim());
    if (k === name && v && /^[A-Za-z0-9_-]{20,100}$/.test(v)) return v;
  }
  return null;
}

export function cookieHeader(name: string, value: string, maxAgeSeconds: number, path = "/") {
  const secure = cookieSecure() ? "; Secure" : "";
  return `${name}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

/** What a correct password leads to for this person. */
export async function secondStepAfterPassword(user: {
  id: string;
  role: Role;
}): Promise<SecondStep> {
  const db = await getDb();
  return secondStepFor({
    role: user.role,
    enrolled: await isEnrolled(db, user.id),
    required: getEnv().TWO_FACTOR_REQUIRED === "true",
  });
}

/** Starts the second step; the Set-Cookie value for the browser. */
export async function beginPendingSignIn(userId: string): Promise<string> {
  const db = await getDb();
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  // Old, expired steps are swept here: a cheap indexed delete, at most a few rows.
  await db.pendingSignIn.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.pendingSignIn.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000),
    },
  });
  return cookieHeader(PENDING_COOKIE, token, PENDING_MINUTES * 60);
}

export async function readPendingSignIn(request: Request): Promise<Pending | null> {
  const token = readCookieToken(request, PENDING_COOKIE);
  if (!token) return null;
  const db = await getDb();
  const row = await db.pendingSignIn.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.expiresAt <= new Date()) return null;
  const user = await db.user.findUnique({
    where: { id: row.userId },
    select: { email: true, role: true, active: true },
  });
  if (!user?.active) return null;
  return {
    tokenHash: row.tokenHash,
    userId: row.userId,
    email: user.email,
    role: user.role as Role,
  };
}

/** A wrong code: true while more tries are allowed, false once the step has been ended. */
export async function recordWrongCode(pending: Pending): Promise<boolean> {
  const db = await getDb();
  const where = { tokenHash: pending.tokenHash };
  await db.pendingSignIn.updateMany({ where, data: { attempts: { increment: 1 } } });
  const row = await db.pendingSignIn.findUnique({ where });
  if (row && row.attempts < MAX_CODE_ATTEMPTS) return true;
  await db.pendingSignIn.deleteMany({ where });
  return false;
}

/**
 * Ends the step (once: a second request with the same cookie gets nothing) and starts the
 * session. Returns both Set-Cookie values, or null when the step was already used.
 */
export async function completePendingSignIn(pending: Pending): Promise<string[] | null> {
  const db = await getDb();
  const taken = await db.pendingSignIn.deleteMany({ where: { tokenHash: pending.tokenHash } });
  if (taken.count !== 1) return null;
  return [await startSession(pending.userId), clearPendingCookie()];
}

export function clearPendingCookie(): string {
  return cookieHeader(PENDING_COOKIE, "", 0);
}

/** Back to the password: the step expired, was used already, or had too many wrong codes. */
export function restartSignIn(): Response {
  return redirect("/login?notice=code-expired", {
    headers: { "Set-Cookie": clearPendingCookie() },
  });
}

/** The step this browser is in; without one, back to the password. */
export async function requirePendingSignIn(request: Request): Promise<Pending> {
  const pending = await readPendingSignIn(request);
  if (!pending) throw restartSignIn();
  return pending;
}

/**
 * A wrong code counts with wrong passwords, so guessing codes is slowed down the same way;
 * after too many the step ends and the person starts again.
 */
export async function rejectCode(pending: Pending, address: string): Promise<void> {
  await recordSignInFailure(pending.email, address);
  if (!(await recordWrongCode(pending))) throw restartSignIn();
}

/** The step is passed: the session starts and the throttle is cleared. The Set-Cookie headers. */
export async function finishSignIn(pending: Pending, address: string): Promise<Headers> {
  const cookies = await completePendingSignIn(pending);
  if (!cookies) throw restartSignIn();
  await recordSignInSuccess(pending.email, address);
  const headers = new Headers();
  for (const c of cookies) headers.append("Set-Cookie", c);
  return headers;
}

/** The answer when the first code from a new authenticator app does not match its secret. */
export function wrongFirstCode(submission: Submission<unknown>) {
  return submission.reply({
    fieldErrors: { code: ["That code is not right. Please enter the one your app shows now."] },
    hideFields: ["code"],
  });
}
