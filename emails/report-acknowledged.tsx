import { simpleEmail } from "./simple-email";

export type ReportAcknowledgedData = { reference: string };

export function reportAcknowledged(d: ReportAcknowledgedData, appUrl: string) {
  return simpleEmail({
    subject: `Your report ${d.reference} has been acknowledged`,
    paragraphs: ["Your report has been read and acknowledged by the person handling it."],
    details: [["Reference", d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: "See your report",
  });
}
