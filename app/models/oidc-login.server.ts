import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";

// Single sign-on's database side: the sign-in in flight (state, nonce, PKCE verifier), and the
// person an email belongs to.

const FLIGHT_MINUTES = 10;

export async function saveOidcLogin(
  db: Db,
  flight: { state: string; nonce: string; codeVerifier: string; redirectTo: string },
  now = new Date(),
) {
  // Abandoned sign-ins are swept here: an indexed delete of a few rows at most.
  await db.oidcLogin.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.oidcLogin.create({
    data: { ...flight, expiresAt: new Date(now.getTime() + FLIGHT_MINUTES * 60_000) },
  });
}

/** The sign-in for this state, removed so it is used once; null if unknown or expired. */
export async function takeOidcLogin(db: Db, state: string, now = new Date()) {
  const row = await db.oidcLogin.findUnique({ where: { state } });
  if (!row) return null;
  const taken = await db.oidcLogin.deleteMany({ where: { state } });
  if (taken.count !== 1 || row.expiresAt <= now) return null;
  return row;
}

export type SsoPerson =
  { kind: "active"; userId: string } | { kind: "deactivated" } | { kind: "unknown" };

export async function personForEmail(db: Db, email: string): Promise<SsoPerson> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, active: true } });
  if (!user) return { kind: "unknown" };
  return user.active ? { kind: "active", userId: user.id } : { kind: "deactivated" };
}

/**
 * OIDC_AUTO_CREATE: a first SSO sign-in creates an employee in the default team, noted in the
 * settings history (no actor: the identity provider vouched for them). They have no password
 * (they sign in through the provider, or ask for a reset link).
 */
export async function createSsoEmployee(
  db: Db,
  person: { email: string; name: string; teamName: string | null },
): Promise<string> {
  const team = person.teamName
    ? await db.team.findUnique({ where: { name: person.teamName }, select: { id: true } })
    : null;
  return db.$transaction(async (tx) => {
    // Two first sign-ins at once: the second finds the person the first created.
    const existing = await tx.user.findUnique({
      where: { email: person.email },
      select: { id: true },
    });
    if (existing) return existing.id;
    const values = {
      email: person.email,
      name: person.name,
      role: "EMPLOYEE",
      teamId: team?.id ?? null,
    };
    const created = await tx.user.create({ data: values, select: { id: true } });
    await recordAudit(tx, {
      actorId: null,
      action: "PERSON_CREATED",
      subjectType: "PERSON",
      subjectId: created.id,
      data: {
        ...values,
        teamId: undefined,
        team: team ? person.teamName : null,
        via: "single sign-on",
      },
    });
    return created.id;
  });
}
