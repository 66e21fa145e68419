import { vocabLabel } from "~/i18n/vocabulary";
import { mailDate, simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type NewReportAssignedData = { reference: string; severity: string; dueAt: string };

export function newReportAssigned(d: NewReportAssignedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.newReport.subject", { reference: d.reference }),
    paragraphs: [t("mail.newReport.body")],
    details: [
      [t("mail.reference"), d.reference],
      [t("mail.newReport.severity"), vocabLabel(t, "severity", d.severity).toLowerCase()],
      [t("mail.newReport.acknowledgeBy"), mailDate(m, d.dueAt)],
    ],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: t("mail.openReport"),
  });
}
