import { simpleEmail } from "./simple-email";

export type ReporterUpdateData = { reference: string };

export function reporterUpdate(d: ReporterUpdateData, appUrl: string) {
  return simpleEmail({
    subject: `An update on your report ${d.reference}`,
    paragraphs: ["The person handling your report has posted an update for you."],
    details: [["Reference", d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: "Read the update",
  });
}
