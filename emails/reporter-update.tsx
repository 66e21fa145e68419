import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type ReporterUpdateData = { reference: string };

export function reporterUpdate(d: ReporterUpdateData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.update.subject", { reference: d.reference }),
    paragraphs: [t("mail.update.body")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: t("mail.update.link"),
  });
}
