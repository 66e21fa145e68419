import { createHash, randomBytes } from "node:crypto";
import type { Db, Tx } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { enqueueNotification } from "./notification.server";

// Single-use links to set a password: the first admin's setup link, an invitation, a reset.
// The raw token exists only in the link (and the mail carrying it); the table holds its
// sha-256. Looking a link up by that hash is the comparison, so no token is ever compared
// byte by byte against a secret (nothing to time), and a stolen database copy yields no link.

export const PASSWORD_LINK_PURPOSES = ["SETUP", "INVITE", "RESET"] as const;
export type PasswordLinkPurpose = (typeof PASSWORD_LINK_PURPOSES)[number];

const HOUR = 3_600_000;
/** How long each kind of link works. A reset is asked for by the person at that moment. */
export const PASSWORD_LINK_LIFETIME_MS: Record<PasswordLinkPurpose, number> = {
  SETUP: 72 * HOUR,
  INVITE: 72 * HOUR,
  RESET: 1 * HOUR,
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The path a link opens; callers prefix the public address. */
export function passwordLinkPath(token: string): string {
  return `/password/${token}`;
}

/**
 * Issues a link in the caller's transaction and returns the raw token: the only time it is
 * known. Earlier unused links of the same person and purpose stop working, so only the newest
 * mail counts.
 */
export async function issuePasswordLink(
  tx: Tx,
  input: { userId: string; purpose: PasswordLinkPurpose; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS[input.purpose]);
  await tx.passwordLink.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null },
    data: { usedAt: now },
  });
  await tx.passwordLink.create({
    data: {
      tokenHash: hashToken(token),
      purpose: input.purpose,
      userId: input.userId,
      expiresAt,
      createdAt: now,
    },
  });
  return { token, expiresAt };
}

export type LinkProblem = "UNKNOWN" | "USED" | "EXPIRED" | "INACTIVE";

export type LinkCheck =
  | {
      ok: true;
      linkId: string;
      purpose: PasswordLinkPurpose;
      user: { id: string; name: string; email: string };
    }
  | { ok: false; problem: LinkProblem };

/** Tokens are 43 url-safe characters; anything else is not worth a query. */
function plausibleToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token);
}

/** Whether a link can still be used, without using it (the page shows the form). */
export async function checkPasswordLink(
  db: Db | Tx,
  token: string,
  now = new Date(),
): Promise<LinkCheck> {
  if (!plausibleToken(token)) return { ok: false, problem: "UNKNOWN" };
  const link = await db.passwordLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { id: true, name: true, email: true, active: true } },
    },
  });
  if (!link) return { ok: false, problem: "UNKNOWN" };
  if (link.usedAt) return { ok: false, problem: "USED" };
  if (link.expiresAt <= now) return { ok: false, problem: "EXPIRED" };
  if (!link.user.active) return { ok: false, problem: "INACTIVE" };
  return {
    ok: true,
    linkId: link.id,
    purpose: link.purpose as PasswordLinkPurpose,
    user: { id: link.user.id, name: link.user.name, email: link.user.email },
  };
}

/**
 * Uses a link: sets the password (argon2id) and marks the link used, in one transaction. The
 * conditional update on usedAt means two submissions of the same link cannot both succeed.
 * Ending the person's sessions is the caller's job (app/utils/auth.server.ts owns them).
 */
export async function consumePasswordLink(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<LinkCheck> {
  const check = await checkPasswordLink(db, token, now);
  if (!check.ok) return check;
  // Hash outside the transaction: it takes tens of milliseconds and holds no lock.
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const claim = await tx.passwordLink.updateMany({
      where: { id: check.linkId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claim.count === 0) return { ok: false, problem: "USED" } as const;
    await tx.user.update({
      where: { id: check.user.id },
      data: { passwordHash, passwordChangedAt: now },
    });
    return check;
  });
}

/** Wording for a link that cannot be used; the page answers 410 or 404 with it. */
export function linkProblemMessage(problem: LinkProblem): { status: number; text: string } {
  switch (problem) {
    case "USED":
      return {
        status: 410,
        text: "This link has already been used. Each link works once. If you have set your password, sign in; if not, ask for a new link.",
      };
    case "EXPIRED":
      return {
        status: 410,
        text: "This link has expired. Ask your administrator for a new invitation, or use “Forgot password” on the sign-in page.",
      };
    case "INACTIVE":
      return {
        status: 410,
        text: "This account is no longer active, so the link cannot be used. Please contact your administrator.",
      };
    default:
      return {
        status: 404,
        text: "This link is not valid. Please check that you copied the whole link from the mail.",
      };
  }
}

/**
 * Issues a link and queues the mail that carries it, both in the caller's transaction: an
 * invitation (INVITE, SETUP) or a reset (RESET). The mail holds only the link.
 */
export async function sendPasswordLinkMail(
  tx: Tx,
  input: {
    user: { id: string; email: string; name: string };
    purpose: PasswordLinkPurpose;
    now?: Date;
  },
): Promise<{ token: string; expiresAt: Date }> {
  const link = await issuePasswordLink(tx, {
    userId: input.user.id,
    purpose: input.purpose,
    now: input.now,
  });
  await enqueueNotification(tx, {
    // Unique per link: a second invitation is a second mail.
    idempotencyKey: `password-link:${hashToken(link.token)}`,
    recipient: { id: input.user.id, email: input.user.email },
    template: input.purpose === "RESET" ? "PASSWORD_RESET" : "INVITATION",
    data: {
      name: input.user.name,
      path: passwordLinkPath(link.token),
      expiresAt: link.expiresAt.toISOString(),
    },
  });
  return link;
}
