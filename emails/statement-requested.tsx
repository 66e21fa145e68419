import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type StatementRequestedData = { reference: string; statementId: string };

export function statementRequested(d: StatementRequestedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.statementRequested.subject", { reference: d.reference }),
    paragraphs: [t("mail.statementRequested.body"), t("mail.statementRequested.readers")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/statements/${d.statementId}`,
    linkLabel: t("mail.statementRequested.link"),
  });
}
