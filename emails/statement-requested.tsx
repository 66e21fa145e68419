import { simpleEmail } from "./simple-email";

export type StatementRequestedData = { reference: string; statementId: string };

export function statementRequested(d: StatementRequestedData, appUrl: string) {
  return simpleEmail({
    subject: `A witness statement is asked of you: ${d.reference}`,
    paragraphs: [
      "A colleague handling a report has asked you for a short statement of what you saw or heard.",
      "Only the people handling the report will read it.",
    ],
    details: [["Reference", d.reference]],
    link: `${appUrl}/statements/${d.statementId}`,
    linkLabel: "Write your statement",
  });
}
