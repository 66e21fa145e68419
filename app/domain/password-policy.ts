import dumbPasswords from "dumb-passwords";
import { z } from "zod";

// The password rule (OWASP ASVS 4.0.3 V2.1): at least 12 characters, at most 128 (argon2 does
// not need a cap, a request body does), spaces allowed, no composition rules, and not one of the
// commonly used passwords that the `dumb-passwords` package ships. Used by every form that sets
// a password, so the rule lives in one place.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Why this password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  // Length in code points, so a password of emoji is counted as a person sees it.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Please use at least ${MIN_PASSWORD_LENGTH} characters. A few words in a row are easy to remember.`;
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return `Please use at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  if (dumbPasswords.check(password)) {
    return "That password is one of the most commonly used ones, so it is easy to guess. Please choose another.";
  }
  return null;
}

/**
 * A new password typed twice: its problems land on the field they concern. With `current` (the
 * change-password form), the new one may not be the current one again.
 */
export function checkNewPassword(
  v: { password: string; confirm: string; current?: string },
  ctx: z.RefinementCtx,
) {
  const problem = passwordProblem(v.password);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  else if (v.password !== v.confirm) {
    ctx.addIssue({
      code: "custom",
      path: ["confirm"],
      message: "The two passwords are not the same. Please type it again.",
    });
  } else if (v.current !== undefined && v.password === v.current) {
    ctx.addIssue({
      code: "custom",
      path: ["password"],
      message: "That is your current password. Please choose a new one.",
    });
  }
}

/** A new password typed twice (a set-password link). */
export const newPasswordSchema = z
  .object({
    password: z.string({ required_error: "Please choose a password." }),
    confirm: z.string({ required_error: "Please type the password again." }),
  })
  .superRefine(checkNewPassword);
