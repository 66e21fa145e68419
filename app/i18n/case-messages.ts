import { caseIntentProblem, supportAnswerProblem } from "~/domain/case-rules";
import { decisionProblem } from "~/domain/sanctions";
import { addMessages } from "./messages";

// The messages of the case page, approvals and witness statements, as their rules write them
// (zod schemas, app/domain, the models' errors), each naming its translation. Read by
// translateMessage (app/i18n/messages.ts) with the rest, so FieldError shows them translated;
// the pages that show them import this module, which adds the table.

const RESOLVED_PROBLEM = caseIntentProblem("protect", "RESOLVED") ?? "";
const DECLINE_PROBLEM = supportAnswerProblem("DECLINED", null) ?? "";
const SELF_APPROVER = decisionProblem({ decidedById: "a", approverId: "a", accountOwnerId: null });
const OWNER_APPROVER = decisionProblem({ decidedById: "a", approverId: "b", accountOwnerId: "b" });

export const CASE_MESSAGES: Record<string, string> = {
  "Please give a date like 2026-12-31.": "case.errors.dateFormat",
  "Please choose a severity.": "case.errors.chooseSeverity",
  "Please choose from the list.": "case.errors.chooseFromList",
  "Please confirm at least one category.": "case.errors.confirmCategory",
  "Please write the note.": "case.errors.writeNote",
  "Please write the update.": "case.errors.writeUpdate",
  "Please choose a protective measure.": "case.errors.chooseMeasure",
  "Please choose an action.": "case.errors.chooseAction",
  "Please write why no action is taken.": "case.errors.whyNoAction",
  "Please choose a status.": "case.errors.chooseStatus",
  "Please choose who should handle it.": "case.errors.chooseHandler",
  "Please give a reason.": "case.errors.giveReason",
  "Please choose an outcome.": "case.errors.chooseOutcome",
  "Please choose a request.": "case.errors.chooseRequest",
  "Please choose arranged or declined.": "case.errors.arrangedOrDeclined",
  "Please choose a witness.": "case.errors.chooseWitness",
  "Please choose an owner from the list.": "case.errors.ownerFromList",
  "Please use one of the forms on this page.": "case.errors.unknownForm",
  "Please check the form.": "case.errors.checkForm",
  [RESOLVED_PROBLEM]: "case.errors.resolved",
  [DECLINE_PROBLEM]: "case.errors.declineReason",
  "Please choose someone from the list.": "case.errors.someoneFromList",
  "Please choose an action of this case.": "case.errors.actionOfCase",
  "The employee did not ask for this.": "case.errors.notAsked",
  "Please choose a witness named in the report.": "case.errors.witnessFromReport",
  "Please choose a decision.": "case.errors.chooseDecision",
  "Please write the rationale.": "case.errors.writeRationale",
  "Please choose an approver.": "case.errors.chooseApprover",
  "Please say whether the employees were consulted.": "case.errors.consulted",
  "Please choose an approver from the list.": "case.errors.approverFromList",
  "The approver must be someone from leadership or HR.": "case.errors.approverRole",
  [SELF_APPROVER ?? ""]: "case.errors.approverNotYou",
  [OWNER_APPROVER ?? ""]: "case.errors.approverNotOwner",
  "This decision has already been answered.": "approvals.errors.answered",
  "Unknown decision.": "approvals.errors.unknown",
  "Please choose approve or reject.": "approvals.errors.approveOrReject",
  "Please say why you reject it: the person who proposed it reads this.": "approvals.errors.why",
  "Please write what you saw or heard.": "statements.errors.write",
  "Your statement was already sent; it cannot be changed.": "statements.errors.alreadySent",
};

addMessages(CASE_MESSAGES);
