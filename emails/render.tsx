import { renderToStaticMarkup } from "react-dom/server";
import { newReportAssigned, type NewReportAssignedData } from "./new-report-assigned";
import { reportAcknowledged, type ReportAcknowledgedData } from "./report-acknowledged";
import type { EmailContent, RenderedEmail } from "./types";

// Template name (as stored on a Notification row) → its component.
const templates: Record<string, (data: never, appUrl: string) => EmailContent> = {
  NEW_REPORT_ASSIGNED: (d: NewReportAssignedData, u) => newReportAssigned(d, u),
  REPORT_ACKNOWLEDGED: (d: ReportAcknowledgedData, u) => reportAcknowledged(d, u),
};

export function renderEmail(template: string, data: unknown, appUrl: string): RenderedEmail {
  const build = templates[template];
  if (!build) throw new Error(`Unknown email template ${template}`);
  const content = build(data as never, appUrl.replace(/\/$/, ""));
  return {
    subject: content.subject,
    html: "<!doctype html>" + renderToStaticMarkup(content.element),
    text: content.text,
  };
}
