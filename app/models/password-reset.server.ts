import type { Db } from "~/utils/db.server";
import { sendPasswordLinkMail } from "./password-link.server";

// "Forgot password": a reset link for an active person, mailed through the outbox. The caller
// answers the same whatever happens here, so nobody learns which addresses have accounts.

/** A person gets at most one reset mail in this time; more requests are quietly ignored. */
const RESET_MAIL_GAP_MS = 5 * 60_000;

export async function requestPasswordReset(
  db: Db,
  email: string,
  opts: { allowed: (email: string) => boolean; now?: Date },
): Promise<"sent" | "skipped"> {
  const now = opts.now ?? new Date();
  const address = email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email: address },
    select: { id: true, email: true, name: true, active: true },
  });
  if (!user || !user.active || !opts.allowed(user.email)) return "skipped";
  return db.$transaction(async (tx) => {
    const recent = await tx.passwordLink.count({
      where: {
        userId: user.id,
        purpose: "RESET",
        createdAt: { gt: new Date(now.getTime() - RESET_MAIL_GAP_MS) },
      },
    });
    if (recent > 0) return "skipped" as const;
    await sendPasswordLinkMail(tx, { user, purpose: "RESET", now });
    return "sent" as const;
  });
}
