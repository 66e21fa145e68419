import { simpleEmail } from "./simple-email";

export type StatementReceivedData = { reference: string };

export function statementReceived(d: StatementReceivedData, appUrl: string) {
  return simpleEmail({
    subject: `A witness statement has arrived: ${d.reference}`,
    paragraphs: ["A witness you asked has written their statement. It is on the case."],
    details: [["Reference", d.reference]],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: "Open the case",
  });
}
