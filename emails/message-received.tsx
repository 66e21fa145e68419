import { simpleEmail } from "./simple-email";

export type MessageReceivedData = { reference: string; forReporter: boolean };

export function messageReceived(d: MessageReceivedData, appUrl: string) {
  return simpleEmail({
    subject: `New message about ${d.reference}`,
    paragraphs: ["You have a new message about this report."],
    details: [["Reference", d.reference]],
    link: `${appUrl}/${d.forReporter ? "reports" : "cases"}/${d.reference}`,
    linkLabel: "Read the message",
  });
}
