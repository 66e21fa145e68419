import { DEADLINE_LABELS, type DeadlineKind } from "~/domain/vocabulary";
import { mailDate, simpleEmail } from "./simple-email";

export type DeadlineReminderData = { reference: string; kind: string; dueAt: string };

export function deadlineReminder(d: DeadlineReminderData, appUrl: string) {
  const what = DEADLINE_LABELS[d.kind as DeadlineKind]?.toLowerCase() ?? "respond";
  return simpleEmail({
    subject: `Reminder: ${d.reference} is due soon (${what})`,
    paragraphs: [
      `Most of the time to ${what} on this report has passed.`,
      "If it is not done by the deadline, it is escalated automatically.",
    ],
    details: [
      ["Reference", d.reference],
      ["Due", mailDate(d.dueAt)],
    ],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: "Open the case",
  });
}
