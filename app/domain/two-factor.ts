import type { Role } from "./vocabulary";

// When a password sign-in needs a second step, and what a typed code looks like. HR,
// leadership and admins see the most sensitive data, so they must use one (unless the
// deployment turns the requirement off, as the demo does); anyone who has set one up uses it.

export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes allowed in one second step before the password must be typed again. */
export const MAX_CODE_ATTEMPTS = 5;

export function isPrivilegedRole(role: Role): boolean {
  return role === "HR" || role === "LEADERSHIP" || role === "ADMIN";
}

export type SecondStep = "verify" | "enrol" | "none";

export function secondStepFor(args: {
  role: Role;
  enrolled: boolean;
  required: boolean;
}): SecondStep {
  if (args.enrolled) return "verify";
  if (args.required && isPrivilegedRole(args.role)) return "enrol";
  return "none";
}

export type TypedCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null;

/** Six digits (spaces allowed, as apps show "123 456") or a recovery code "xxxxx-xxxxx". */
export function readCode(input: string): TypedCode {
  const compact = input.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  if (/^[a-z0-9]{10}$/.test(compact)) return { kind: "recovery", code: compact };
  return null;
}

/** "abcde12345" → "abcde-12345", the way recovery codes are shown. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The 30-second step a code belongs to, so one code is accepted only once. */
export function totpStep(now: Date, delta: number): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
