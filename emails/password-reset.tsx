import { mailDate, simpleEmail } from "./simple-email";

export type PasswordResetData = { name: string; path: string; expiresAt: string };

/** A requested password reset: the single-use link, and what to do if it was not you. */
export function passwordReset(d: PasswordResetData, appUrl: string) {
  return simpleEmail({
    subject: "Choose a new password for the incident portal",
    paragraphs: [
      `Hello ${d.name},`,
      "Someone asked to reset the password of your incident portal account. If it was you, choose a new password with the link below. It works once.",
      "If it was not you, you can ignore this mail: your password has not changed.",
    ],
    details: [["The link works until", mailDate(d.expiresAt)]],
    link: `${appUrl}${d.path}`,
    linkLabel: "Choose a new password",
  });
}
