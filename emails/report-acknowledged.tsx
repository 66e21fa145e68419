import { Button, EmailLayout } from "./layout";
import type { EmailContent } from "./types";

export type ReportAcknowledgedData = { reference: string };

export function reportAcknowledged(d: ReportAcknowledgedData, appUrl: string): EmailContent {
  const link = `${appUrl}/reports/${d.reference}`;
  const subject = `Your report ${d.reference} has been acknowledged`;
  return {
    subject,
    element: (
      <EmailLayout title={subject}>
        <p>Your report has been read and acknowledged by the person handling it.</p>
        <p>
          Reference: <strong>{d.reference}</strong>
        </p>
        <Button href={link}>See your report</Button>
      </EmailLayout>
    ),
    text: [
      "Your report has been read and acknowledged by the person handling it.",
      "",
      `Reference: ${d.reference}`,
      "",
      `See your report: ${link}`,
    ].join("\n"),
  };
}
