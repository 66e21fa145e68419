import { DEADLINE_LABELS, type DeadlineKind } from "~/domain/vocabulary";
import { mailDate, simpleEmail } from "./simple-email";

export type DeadlineEscalationData = {
  reference: string;
  kind: string;
  dueAt: string;
  level: number;
};

export function deadlineEscalation(d: DeadlineEscalationData, appUrl: string) {
  const what = DEADLINE_LABELS[d.kind as DeadlineKind]?.toLowerCase() ?? "respond";
  return simpleEmail({
    subject: `Escalated to you: ${d.reference} missed its deadline (${what})`,
    paragraphs: [
      `A report of customer abuse missed its deadline to ${what}, and has been escalated to you.`,
      "Please make sure someone acts on it now. You can open the case from the link below.",
    ],
    details: [
      ["Reference", d.reference],
      ["Was due", mailDate(d.dueAt)],
      ["Escalation step", String(d.level)],
    ],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: "Open the case",
  });
}
