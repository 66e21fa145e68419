import { Button, EmailLayout } from "./layout";
import type { EmailContent } from "./types";

export type NewReportAssignedData = { reference: string; severity: string; dueAt: string };

export function newReportAssigned(d: NewReportAssignedData, appUrl: string): EmailContent {
  const link = `${appUrl}/cases/${d.reference}`;
  const due = new Date(d.dueAt).toUTCString();
  const subject = `New report ${d.reference} needs your acknowledgement`;
  return {
    subject,
    element: (
      <EmailLayout title={subject}>
        <p>A colleague has reported abusive conduct by a customer, and it has been sent to you.</p>
        <p>
          Reference: <strong>{d.reference}</strong>
          <br />
          Severity given by the reporter: {d.severity.toLowerCase()}
          <br />
          Please acknowledge it by: <strong>{due}</strong>
        </p>
        <Button href={link}>Open the report</Button>
      </EmailLayout>
    ),
    text: [
      "A colleague has reported abusive conduct by a customer, and it has been sent to you.",
      "",
      `Reference: ${d.reference}`,
      `Severity given by the reporter: ${d.severity.toLowerCase()}`,
      `Please acknowledge it by: ${due}`,
      "",
      `Open the report: ${link}`,
    ].join("\n"),
  };
}
