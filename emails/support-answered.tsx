import { simpleEmail } from "./simple-email";

export type SupportAnsweredData = { reference: string };

export function supportAnswered(d: SupportAnsweredData, appUrl: string) {
  return simpleEmail({
    subject: `The support you asked for: ${d.reference}`,
    paragraphs: ["The person handling your report has answered a request for support."],
    details: [["Reference", d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: "See the answer",
  });
}
