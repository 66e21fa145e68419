import { mailDate, simpleEmail } from "./simple-email";

export type InvitationData = { name: string; path: string; expiresAt: string };

/** A new person's invitation: only a greeting and the single-use link to set a password. */
export function invitation(d: InvitationData, appUrl: string) {
  return simpleEmail({
    subject: "You have been invited to the incident portal",
    paragraphs: [
      `Hello ${d.name},`,
      "An account has been created for you on the incident portal, where you can report abusive conduct by a customer and follow what happens next.",
      "Choose your password with the link below. It works once.",
    ],
    details: [["The link works until", mailDate(d.expiresAt)]],
    link: `${appUrl}${d.path}`,
    linkLabel: "Set your password",
  });
}
