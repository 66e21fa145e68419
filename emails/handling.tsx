import { simpleEmail } from "./simple-email";
import type { MailI18n } from "./types";

// Mails for decisions awaiting approval, critical reports and the reporter's updates. As every
// mail: a reference or an account link only, never what was reported or the rationale.

export type DecisionProposedData = { accountId: string };

export function decisionProposed(_d: DecisionProposedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.decisionProposed.subject"),
    paragraphs: [t("mail.decisionProposed.body"), t("mail.decisionProposed.nothingChanges")],
    link: `${appUrl}/approvals`,
    linkLabel: t("mail.decisionProposed.link"),
  });
}

export type DecisionReviewedData = { accountId: string; approved: boolean };

export function decisionReviewed(d: DecisionReviewedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: d.approved
      ? t("mail.decisionReviewed.approvedSubject")
      : t("mail.decisionReviewed.rejectedSubject"),
    paragraphs: [
      d.approved
        ? t("mail.decisionReviewed.approvedBody")
        : t("mail.decisionReviewed.rejectedBody"),
      t("mail.decisionReviewed.comment"),
    ],
    link: `${appUrl}/accounts/${d.accountId}`,
    linkLabel: t("mail.openAccount"),
  });
}

export type CriticalReportData = { reference: string };

export function criticalReport(d: CriticalReportData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.critical.subject", { reference: d.reference }),
    paragraphs: [t("mail.critical.body"), t("mail.critical.act")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/cases/${d.reference}`,
    linkLabel: t("mail.openCase"),
  });
}

export type CaseResolvedData = { reference: string };

export function caseResolved(d: CaseResolvedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.resolved.subject", { reference: d.reference }),
    paragraphs: [t("mail.resolved.body"), t("mail.resolved.stillWrong")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: t("mail.readReport"),
  });
}

export type ProtectionRecordedData = { reference: string };

export function protectionRecorded(d: ProtectionRecordedData, appUrl: string, m: MailI18n) {
  const { t } = m;
  return simpleEmail(m, {
    subject: t("mail.protection.subject", { reference: d.reference }),
    paragraphs: [t("mail.protection.body")],
    details: [[t("mail.reference"), d.reference]],
    link: `${appUrl}/reports/${d.reference}`,
    linkLabel: t("mail.readReport"),
  });
}
