import { mailDate, simpleEmail } from "./simple-email";

export type NewReportAssignedData = { reference: string; severity: string; dueAt: string };

export function newReportAssigned(d: NewReportAssignedData, appUrl: string) {
  return simpleEmail({
    subject: `New report ${d.reference} needs your acknowledgement`,
    paragraphs: [
      "A colleague has reported abusive conduct by a customer, and it has been sent to you.",
    ],
    details: [
      ["Reference", d.reference],
      ["Severity given by the reporter", d.severity.toLowerCase()],
      ["Please acknowledge it by", mailDate(d.dueAt)],
    ],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: "Open the report",
  });
}
