import { redirect } from "@remix-run/node";
import { Lucia, TimeSpan } from "lucia";
import type { Role } from "~/domain/vocabulary";
import { can, type Capability, type Viewer } from "~/domain/permissions";
import { getDb } from "./db.server";
import { cookieSecure, getEnv } from "./env.server";
import { prismaLuciaAdapter } from "./lucia-adapter.server";
import { browserSessionCookie, readCookie } from "./cookies.server";
import { assertSameOrigin } from "./origin.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";

// The only module that knows about lucia. Routes use requireUser / login / logout.

declare module "lucia" {
  interface Register {
    Lucia: Lucia<{ createdAt: Date; lastSeenAt: Date }, { active: boolean }>;
    DatabaseSessionAttributes: { createdAt: Date; lastSeenAt: Date };
    DatabaseUserAttributes: { active: boolean };
  }
}

const COOKIE_NAME = "portal_session";
/** lastSeenAt is written at most this often, so reading pages does not mean a write each time. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

let luciaPromise:
  Promise<Lucia<{ createdAt: Date; lastSeenAt: Date }, { active: boolean }>> | undefined;

function getLucia() {
  luciaPromise ??= getDb().then(
    (db) =>
      new Lucia(prismaLuciaAdapter(db), {
        sessionExpiresIn: new TimeSpan(getEnv().SESSION_ABSOLUTE_HOURS * 60, "m"),
        sessionCookie: {
          name: COOKIE_NAME,
          expires: false, // a browser-session cookie; the server enforces both lifetimes
          attributes: { secure: cookieSecure(), sameSite: "lax" },
        },
        getSessionAttributes: (a) => ({ createdAt: a.createdAt, lastSeenAt: a.lastSeenAt }),
        getUserAttributes: (a) => ({ active: a.active }),
      }),
  );
  return luciaPromise;
}

/** Tests that change session settings call this to rebuild lucia. */
export function resetAuthForTests() {
  luciaPromise = undefined;
}

export type SessionUser = Viewer & {
  email: string;
  name: string;
  teamId: string | null;
  /** The person's language setting (pages and mails use it when the portal has it). */
  language: string;
  sessionId: string;
};

export type SessionExpiry = { absoluteMs: number; idleMs: number };

export function sessionLimits(): SessionExpiry {
  const env = getEnv();
  return {
    absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
  };
}

/** Pure: has this session outlived its absolute lifetime or sat idle too long? */
export function sessionExpired(
  s: { createdAt: Date; lastSeenAt: Date },
  now: Date,
  limits: SessionExpiry,
): boolean {
  return (
    now.getTime() - s.createdAt.getTime() >= limits.absoluteMs ||
    now.getTime() - s.lastSeenAt.getTime() >= limits.idleMs
  );
}

async function readSession(request: Request): Promise<SessionUser | null> {
  const lucia = await getLucia();
  const sessionId = readCookie(request.headers.get("Cookie"), COOKIE_NAME);
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const now = new Date();
  if (!user.active || sessionExpired(session, now, sessionLimits())) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  const db = await getDb();
  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const row = await db.user.findUnique({
    where: { id: user.id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      teamId: true,
      language: true,
      managedTeams: { select: { id: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    teamId: row.teamId,
    language: row.language,
    managedTeamIds: row.managedTeams.map((t) => t.id),
    sessionId: session.id,
  };
}

/** The signed-in user, or null. Never throws for a bad or stale cookie. */
export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return readSession(request);
}

/**
 * Every loader and action starts here. Anonymous page loads go to the login page (and come
 * back afterwards); anonymous POSTs are refused; POSTs from another origin are refused.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  assertSameOrigin(request);
  const user = await readSession(request);
  if (user) return user;
  if (request.method === "GET" || request.method === "HEAD") {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, {
      headers: { "Set-Cookie": await blankSessionCookie() },
    });
  }
  throw new Response("Please sign in again.", { status: 401 });
}

/**
 * A capability check (app/domain/permissions.ts) that answers 404: a person without it should
 * not learn the page exists.
 */
export async function requirePermission(
  request: Request,
  capability: Capability,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, capability)) throw notFound();
  return user;
}

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export type LoginResult = { ok: true; cookie: string; userId: string } | { ok: false };

export type CheckedUser = { id: string; email: string; role: Role };

/** The active person with this email and password, or null (same time either way). */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<CheckedUser | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  // No such person, deactivated, or invited but without a password yet: the same work as a
  // wrong password, so the answer's timing does not tell which.
  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, role: user.role as Role };
}

/** A new session for someone who has proved who they are; the Set-Cookie value. */
export async function startSession(userId: string): Promise<string> {
  const lucia = await getLucia();
  const now = new Date();
  const session = await lucia.createSession(userId, { createdAt: now, lastSeenAt: now });
  return browserSessionCookie(lucia.createSessionCookie(session.id));
}

/**
 * Password check and session in one step, without throttling or a second factor: for test
 * fixtures and scripts. The sign-in page goes through app/utils/sign-in.server.ts.
 */
export async function login(email: string, password: string): Promise<LoginResult> {
  const user = await verifyCredentials(email, password);
  if (!user) return { ok: false };
  return { ok: true, cookie: await startSession(user.id), userId: user.id };
}

export async function logout(request: Request): Promise<string> {
  const lucia = await getLucia();
  const sessionId = readCookie(request.headers.get("Cookie"), COOKIE_NAME);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

async function blankSessionCookie(): Promise<string> {
  return (await getLucia()).createBlankSessionCookie().serialize();
}

/**
 * A person changes their own password: every session of theirs ends (other browsers, and this
 * session's id too, so a stolen cookie stops working) and this browser gets a fresh session.
 * Returns the new Set-Cookie value.
 */
export async function changeOwnPassword(userId: string, newPassword: string): Promise<string> {
  await changePassword(userId, newPassword);
  return startSession(userId);
}

/** Changing a password ends every session of that user, this one included. */
export async function changePassword(userId: string, newPassword: string) {
  const db = await getDb();
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date() },
  });
  await (await getLucia()).invalidateUserSessions(userId);
}

/** Signs a person out everywhere (a password set through a link, a deactivation). */
export async function endSessionsOf(userId: string) {
  await (await getLucia()).invalidateUserSessions(userId);
}

export async function deactivateUser(userId: string) {
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: { active: false } });
  await (await getLucia()).invalidateUserSessions(userId);
}

/** Only same-site paths; the rule and its tests live in app/domain/safe-redirect.ts. */
export { safeRedirect } from "~/domain/safe-redirect";
