import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type StatementReceivedData = { reference: string };

export function statementReceived(d: StatementReceivedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.statementReceived.subject", { reference: d.reference }),
    paragraphs: [t("mail.statementReceived.body")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: t("mail.openCase"),
  });
}
