import { generateTOTP, getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import { createHash, randomInt } from "node:crypto";
import { RECOVERY_CODE_COUNT, readCode, TOTP_PERIOD_SECONDS, totpStep } from "~/domain/two-factor";
import type { Db } from "~/utils/db.server";

// TOTP secrets and recovery codes. Codes are checked with conditional updates, so two
// requests racing with the same code cannot both succeed.

const ALGORITHM = "SHA-1"; // what every authenticator app understands
const DIGITS = 6;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

export async function isEnrolled(db: Db, userId: string): Promise<boolean> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return row?.enabledAt != null;
}

/** A fresh secret waiting to be confirmed (replaces an unconfirmed one; never a confirmed one). */
export async function startEnrolment(
  db: Db,
  user: { id: string; email: string },
): Promise<{ secret: string; uri: string } | null> {
  const existing = await db.twoFactor.findUnique({ where: { userId: user.id } });
  if (existing?.enabledAt) return null;
  const { secret } = await generateTOTP({ period: TOTP_PERIOD_SECONDS, digits: DIGITS });
  await db.twoFactor.upsert({
    where: { userId: user.id },
    create: { userId: user.id, secret },
    update: { secret, lastStep: null },
  });
  return { secret, uri: authUri(secret, user.email) };
}

/** The unconfirmed secret, to show again when the first code typed was wrong. */
export async function pendingEnrolment(
  db: Db,
  user: { id: string; email: string },
): Promise<{ secret: string; uri: string } | null> {
  const row = await db.twoFactor.findUnique({ where: { userId: user.id } });
  if (!row || row.enabledAt) return null;
  return { secret: row.secret, uri: authUri(row.secret, user.email) };
}

function authUri(secret: string, email: string): string {
  return getTOTPAuthUri({
    secret,
    accountName: email,
    issuer: "Incident portal",
    period: TOTP_PERIOD_SECONDS,
    digits: DIGITS,
    algorithm: ALGORITHM,
  });
}

/**
 * The first code from the person's app proves they saved the secret: two-factor is on and
 * new recovery codes are made. Returns the codes (shown once) or null for a wrong code.
 */
export async function confirmEnrolment(
  db: Db,
  userId: string,
  typed: string,
  now = new Date(),
): Promise<string[] | null> {
  const row = await db.twoFactor.findUnique({ where: { userId } });
  const code = readCode(typed);
  if (!row || row.enabledAt || code?.kind !== "totp") return null;
  const ok = await verifyTOTP({ otp: code.code, secret: row.secret, ...totpOptions() });
  if (!ok) return null;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const confirmed = await db.$transaction(async (tx) => {
    const done = await tx.twoFactor.updateMany({
      where: { userId, enabledAt: null, secret: row.secret },
      data: { enabledAt: now, lastStep: totpStep(now, ok.delta) },
    });
    if (done.count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((c) => ({ userId, codeHash: hashCode(c) })),
    });
    return true;
  });
  return confirmed ? codes : null;
}

/** Checks a code from the app (each accepted once) or an unused recovery code (then used up). */
export async function verifySecondFactor(
  db: Db,
  userId: string,
  typed: string,
  now = new Date(),
): Promise<"totp" | "recovery" | null> {
  const code = readCode(typed);
  if (!code) return null;
  if (code.kind === "recovery") {
    const used = await db.recoveryCode.updateMany({
      where: { userId, codeHash: hashCode(code.code), usedAt: null },
      data: { usedAt: now },
    });
    return used.count === 1 ? "recovery" : null;
  }
  const row = await db.twoFactor.findUnique({ where: { userId } });
  if (!row?.enabledAt) return null;
  const ok = await verifyTOTP({ otp: code.code, secret: row.secret, ...totpOptions() });
  if (!ok) return null;
  const step = totpStep(now, ok.delta);
  const accepted = await db.twoFactor.updateMany({
    where: { userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
    data: { lastStep: step },
  });
  return accepted.count === 1 ? "totp" : null;
}

export async function unusedRecoveryCodeCount(db: Db, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** New recovery codes replace the old ones (after the person has signed in with two factors). */
export async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashCode(c) })) }),
  ]);
  return codes;
}

function totpOptions() {
  return { period: TOTP_PERIOD_SECONDS, digits: DIGITS, algorithm: ALGORITHM, window: 1 };
}

function newRecoveryCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return s;
}

/** Recovery codes carry ~49 bits of randomness and are single use: SHA-256 is enough. */
function hashCode(code: string): string {
  return createHash("sha256").update(`recovery:${code}`).digest("hex");
}
