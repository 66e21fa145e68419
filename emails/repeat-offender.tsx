import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

// No customer name, no report text: only that an account was flagged and where to look.
export type RepeatOffenderData = { reference: string; accountId: string };

export function repeatOffender(d: RepeatOffenderData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.repeatOffender.subject"),
    paragraphs: [t("mail.repeatOffender.body"), t("mail.repeatOffender.flag")],
    link: `${appUrl}/accounts/${d.accountId}`,
    linkLabel: t("mail.openAccount"),
  });
}
