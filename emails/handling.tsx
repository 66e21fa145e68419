import { simpleEmail } from "./simple-email";

// Mails for decisions awaiting approval, critical reports and the reporter's updates. As every
// mail: a reference or an account link only, never what was reported or the rationale.

export type DecisionProposedData = { accountId: string };

export function decisionProposed(_d: DecisionProposedData, appUrl: string) {
  return simpleEmail({
    subject: "A decision on an account is waiting for your approval",
    paragraphs: [
      "A colleague has proposed a decision on a customer account and named you as its approver.",
      "Nothing changes on the account until you approve it. You can approve or reject it, with a comment, on your approvals page.",
    ],
    link: `${appUrl}/approvals`,
    linkLabel: "Open your approvals",
  });
}

export type DecisionReviewedData = { accountId: string; approved: boolean };

export function decisionReviewed(d: DecisionReviewedData, appUrl: string) {
  return simpleEmail({
    subject: d.approved
      ? "Your proposed decision on an account was approved"
      : "Your proposed decision on an account was not approved",
    paragraphs: [
      d.approved
        ? "The approver has approved the decision you proposed. The account's conduct status now follows it."
        : "The approver has rejected the decision you proposed. Nothing has changed on the account.",
      "Their comment is on the account's page.",
    ],
    link: `${appUrl}/accounts/${d.accountId}`,
    linkLabel: "Open the account",
  });
}

export type CriticalReportData = { reference: string };

export function criticalReport(d: CriticalReportData, appUrl: string) {
  return simpleEmail({
    subject: `Critical report ${d.reference}: someone feels unsafe now`,
    paragraphs: [
      "A colleague has filed a report marked critical: they feel unsafe now.",
      "Please acknowledge it and contact them as soon as you can. Its first clocks run around the clock.",
    ],
    details: [["Reference", d.reference]],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: "Open the case",
  });
}

export type CaseResolvedData = { reference: string };

export function caseResolved(d: CaseResolvedData, appUrl: string) {
  return simpleEmail({
    subject: `Your report ${d.reference} has been resolved`,
    paragraphs: [
      "The person handling your report has resolved it. You can read the outcome in the portal.",
      "If something is still wrong, you can write to them from your report's page.",
    ],
    details: [["Reference", d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: "Read your report",
  });
}

export type ProtectionRecordedData = { reference: string };

export function protectionRecorded(d: ProtectionRecordedData, appUrl: string) {
  return simpleEmail({
    subject: `A measure to protect you was recorded on ${d.reference}`,
    paragraphs: [
      "The person handling your report has recorded a measure to protect you. You can read it in the portal.",
    ],
    details: [["Reference", d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: "Read your report",
  });
}
