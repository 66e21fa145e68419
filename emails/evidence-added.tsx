import { simpleEmail } from "./simple-email";

export type EvidenceAddedData = { reference: string; count: number };

// To whoever handles the case. File names can say too much, so only the count is mailed.
export function evidenceAdded(d: EvidenceAddedData, appUrl: string) {
  const files = d.count === 1 ? "a file" : `${d.count} files`;
  return simpleEmail({
    subject: `New evidence on ${d.reference}`,
    paragraphs: [`The person who reported this has added ${files} to the report.`],
    details: [["Reference", d.reference]],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: "Open the case",
  });
}
