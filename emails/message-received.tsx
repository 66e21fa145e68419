import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type MessageReceivedData = { reference: string; forReporter: boolean };

export function messageReceived(d: MessageReceivedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.message.subject", { reference: d.reference }),
    paragraphs: [t("mail.message.body")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/${d.forReporter ? "reports" : "cases"}/${d.reference}`,
    linkLabel: t("mail.message.link"),
  });
}
