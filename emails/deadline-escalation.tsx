import { vocabLabel } from "~/i18n/vocabulary";
import { mailDate, simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type DeadlineEscalationData = {
  reference: string;
  kind: string;
  dueAt: string;
  level: number;
};

export function deadlineEscalation(d: DeadlineEscalationData, appUrl: string, m: MailI18n) {
  const { t } = m;
  const label = vocabLabel(t, "deadline", d.kind);
  const what = label === d.kind ? t("mail.respond") : label.toLowerCase();
  return simpleEmail(m, {
    subject: t("mail.escalation.subject", { reference: d.reference, what }),
    paragraphs: [t("mail.escalation.body", { what }), t("mail.escalation.act")],
    details: [
      [t("mail.reference"), d.reference],
      [t("mail.escalation.wasDue"), mailDate(m, d.dueAt)],
      [t("mail.escalation.step"), String(d.level)],
    ],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: t("mail.openCase"),
  });
}
