import { vocabLabel } from "~/i18n/vocabulary";
import { mailDate, simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

export type DeadlineReminderData = { reference: string; kind: string; dueAt: string };

export function deadlineReminder(d: DeadlineReminderData, appUrl: string, m: MailI18n) {
  const { t } = m;
  const label = vocabLabel(t, "deadline", d.kind);
  const what = label === d.kind ? t("mail.respond") : label.toLowerCase();
  return simpleEmail(m, {
    subject: t("mail.reminder.subject", { reference: d.reference, what }),
    paragraphs: [t("mail.reminder.body", { what }), t("mail.reminder.escalates")],
    details: [
      [t("mail.reference"), d.reference],
      [t("mail.reminder.due"), mailDate(m, d.dueAt)],
    ],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: t("mail.openCase"),
  });
}
