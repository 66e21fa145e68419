import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type EvidenceAddedData = { reference: string; count: number };

// To whoever handles the case. File names can say too much, so only the count is mailed.
export function evidenceAdded(d: EvidenceAddedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.evidence.subject", { reference: d.reference }),
    paragraphs: [t("mail.evidence.body", { count: d.count })],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: t("mail.openCase"),
  });
}
