import { renderToStaticMarkup } from "react-dom/server";
import { deadlineEscalation, type DeadlineEscalationData } from "./deadline-escalation";
import { deadlineReminder, type DeadlineReminderData } from "./deadline-reminder";
import {
  caseResolved,
  criticalReport,
  decisionProposed,
  decisionReviewed,
  protectionRecorded,
  type CaseResolvedData,
  type CriticalReportData,
  type DecisionProposedData,
  type DecisionReviewedData,
  type ProtectionRecordedData,
} from "./handling";
import { evidenceAdded, type EvidenceAddedData } from "./evidence-added";
import { invitation, type InvitationData } from "./invitation";
import { messageReceived, type MessageReceivedData } from "./message-received";
import { newReportAssigned, type NewReportAssignedData } from "./new-report-assigned";
import { passwordReset, type PasswordResetData } from "./password-reset";
import { reportAcknowledged, type ReportAcknowledgedData } from "./report-acknowledged";
import { repeatOffender, type RepeatOffenderData } from "./repeat-offender";
import { reporterUpdate, type ReporterUpdateData } from "./reporter-update";
import { statementReceived, type StatementReceivedData } from "./statement-received";
import { statementRequested, type StatementRequestedData } from "./statement-requested";
import { supportAnswered, type SupportAnsweredData } from "./support-answered";
import { asLanguage } from "~/i18n/config";
import { serverT } from "~/i18n/resources.server";
import type { EmailContent, MailI18n, RenderedEmail } from "./types";

// Template name (as stored on a Notification row) → its component. None takes report text.
const templates = {
  NEW_REPORT_ASSIGNED: (d: NewReportAssignedData, u: string, m: MailI18n) =>
    newReportAssigned(d, u, m),
  REPORT_ACKNOWLEDGED: (d: ReportAcknowledgedData, u: string, m: MailI18n) =>
    reportAcknowledged(d, u, m),
  DEADLINE_REMINDER: (d: DeadlineReminderData, u: string, m: MailI18n) => deadlineReminder(d, u, m),
  DEADLINE_ESCALATION: (d: DeadlineEscalationData, u: string, m: MailI18n) =>
    deadlineEscalation(d, u, m),
  REPORTER_UPDATE: (d: ReporterUpdateData, u: string, m: MailI18n) => reporterUpdate(d, u, m),
  MESSAGE_RECEIVED: (d: MessageReceivedData, u: string, m: MailI18n) => messageReceived(d, u, m),
  REPEAT_OFFENDER: (d: RepeatOffenderData, u: string, m: MailI18n) => repeatOffender(d, u, m),
  EVIDENCE_ADDED: (d: EvidenceAddedData, u: string, m: MailI18n) => evidenceAdded(d, u, m),
  INVITATION: (d: InvitationData, u: string, m: MailI18n) => invitation(d, u, m),
  PASSWORD_RESET: (d: PasswordResetData, u: string, m: MailI18n) => passwordReset(d, u, m),
  SUPPORT_ANSWERED: (d: SupportAnsweredData, u: string, m: MailI18n) => supportAnswered(d, u, m),
  STATEMENT_REQUESTED: (d: StatementRequestedData, u: string, m: MailI18n) =>
    statementRequested(d, u, m),
  STATEMENT_RECEIVED: (d: StatementReceivedData, u: string, m: MailI18n) =>
    statementReceived(d, u, m),
  // Approvals, critical reports and the reporter's updates (decisions 055-058).
  DECISION_PROPOSED: (d: DecisionProposedData, u: string, m: MailI18n) => decisionProposed(d, u, m),
  DECISION_REVIEWED: (d: DecisionReviewedData, u: string, m: MailI18n) => decisionReviewed(d, u, m),
  CRITICAL_REPORT: (d: CriticalReportData, u: string, m: MailI18n) => criticalReport(d, u, m),
  CASE_RESOLVED: (d: CaseResolvedData, u: string, m: MailI18n) => caseResolved(d, u, m),
  PROTECTION_RECORDED: (d: ProtectionRecordedData, u: string, m: MailI18n) =>
    protectionRecorded(d, u, m),
} satisfies Record<string, (data: never, appUrl: string, m: MailI18n) => EmailContent>;

export type TemplateName = keyof typeof templates;

/**
 * The mail in the recipient's language (their setting when the portal has it, else English),
 * rendered when it is sent: a person who changes language meanwhile gets the new one.
 */
export function renderEmail(
  template: string,
  data: unknown,
  appUrl: string,
  language?: string | null,
): RenderedEmail {
  const build = (templates as Record<string, (d: never, u: string, m: MailI18n) => EmailContent>)[
    template
  ];
  if (!build) throw new Error(`Unknown email template ${template}`);
  const lang = asLanguage(language);
  const content = build(data as never, appUrl.replace(/\/$/, ""), {
    t: serverT(lang),
    language: lang,
  });
  return {
    subject: content.subject,
    html: "<!doctype html>" + renderToStaticMarkup(content.element),
    text: content.text,
  };
}
