import { mailDate, simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type InvitationData = { name: string; path: string; expiresAt: string };

/** A new person's invitation: only a greeting and the single-use link to set a password. */
export function invitation(d: InvitationData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.invitation.subject"),
    paragraphs: [
      t("mail.hello", { name: d.name }),
      t("mail.invitation.body"),
      t("mail.invitation.choose"),
    ],
    details: [[t("mail.linkWorksUntil"), mailDate(m, d.expiresAt)]],
    link: `${appUrl}${d.path}`,
    linkLabel: t("mail.invitation.link"),
  });
}
