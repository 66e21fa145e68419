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
import type { EmailContent, RenderedEmail } from "./types";

// Template name (as stored on a Notification row) → its component. None takes report text.
const templates = {
  NEW_REPORT_ASSIGNED: (d: NewReportAssignedData, u: string) => newReportAssigned(d, u),
  REPORT_ACKNOWLEDGED: (d: ReportAcknowledgedData, u: string) => reportAcknowledged(d, u),
  DEADLINE_REMINDER: (d: DeadlineReminderData, u: string) => deadlineReminder(d, u),
  DEADLINE_ESCALATION: (d: DeadlineEscalationData, u: string) => deadlineEscalation(d, u),
  REPORTER_UPDATE: (d: ReporterUpdateData, u: string) => reporterUpdate(d, u),
  MESSAGE_RECEIVED: (d: MessageReceivedData, u: string) => messageReceived(d, u),
  REPEAT_OFFENDER: (d: RepeatOffenderData, u: string) => repeatOffender(d, u),
  EVIDENCE_ADDED: (d: EvidenceAddedData, u: string) => evidenceAdded(d, u),
  INVITATION: (d: InvitationData, u: string) => invitation(d, u),
  PASSWORD_RESET: (d: PasswordResetData, u: string) => passwordReset(d, u),
  SUPPORT_ANSWERED: (d: SupportAnsweredData, u: string) => supportAnswered(d, u),
  STATEMENT_REQUESTED: (d: StatementRequestedData, u: string) => statementRequested(d, u),
  STATEMENT_RECEIVED: (d: StatementReceivedData, u: string) => statementReceived(d, u),
  // Approvals, critical reports and the reporter's updates (decisions 055-058).
  DECISION_PROPOSED: (d: DecisionProposedData, u: string) => decisionProposed(d, u),
  DECISION_REVIEWED: (d: DecisionReviewedData, u: string) => decisionReviewed(d, u),
  CRITICAL_REPORT: (d: CriticalReportData, u: string) => criticalReport(d, u),
  CASE_RESOLVED: (d: CaseResolvedData, u: string) => caseResolved(d, u),
  PROTECTION_RECORDED: (d: ProtectionRecordedData, u: string) => protectionRecorded(d, u),
} satisfies Record<string, (data: never, appUrl: string) => EmailContent>;

export type TemplateName = keyof typeof templates;

export function renderEmail(template: string, data: unknown, appUrl: string): RenderedEmail {
  const build = (templates as Record<string, (d: never, u: string) => EmailContent>)[template];
  if (!build) throw new Error(`Unknown email template ${template}`);
  const content = build(data as never, appUrl.replace(/\/$/, ""));
  return {
    subject: content.subject,
    html: "<!doctype html>" + renderToStaticMarkup(content.element),
    text: content.text,
  };
}
