import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type ReportAcknowledgedData = { reference: string };

export function reportAcknowledged(d: ReportAcknowledgedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.acknowledged.subject", { reference: d.reference }),
    paragraphs: [t("mail.acknowledged.body")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: t("mail.acknowledged.link"),
  });
}
