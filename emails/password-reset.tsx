import { mailDate, simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type PasswordResetData = { name: string; path: string; expiresAt: string };

/** A requested password reset: the single-use link, and what to do if it was not you. */
export function passwordReset(d: PasswordResetData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.passwordReset.subject"),
    paragraphs: [
      t("mail.hello", { name: d.name }),
      t("mail.passwordReset.body"),
      t("mail.passwordReset.notYou"),
    ],
    details: [[t("mail.linkWorksUntil"), mailDate(m, d.expiresAt)]],
    link: `${appUrl}${d.path}`,
    linkLabel: t("mail.passwordReset.link"),
  });
}
