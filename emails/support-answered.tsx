import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type SupportAnsweredData = { reference: string };

export function supportAnswered(d: SupportAnsweredData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.supportAnswered.subject", { reference: d.reference }),
    paragraphs: [t("mail.supportAnswered.body")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: t("mail.supportAnswered.link"),
  });
}
