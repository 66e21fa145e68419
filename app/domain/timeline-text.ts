import type { TFunction } from "i18next";
import {
  ACTION_STATUS_KEYS,
  actionTypeLabel,
  caseLabel,
  DECISION_KEYS,
  OUTCOME_KEYS,
  SUPPORT_ANSWER_KEYS,
} from "~/i18n/case-vocabulary";
import { vocabLabel } from "~/i18n/vocabulary";

// One sentence per timeline event, in calm plain words and in the reader's language: `t` is
// the page's translate function (keys under "timeline."). The stored events (and so the hash
// chain) hold codes and the words people typed; only their display is translated here. `names`
// resolves user ids that an event's data refers to (an assignee, say).

const MEASURE_WORDS: Record<string, string> = {
  TIME_OFF: "timeline.measure.TIME_OFF",
  COUNSELLING: "timeline.measure.COUNSELLING",
  REMOVED_FROM_ACCOUNT: "timeline.measure.REMOVED_FROM_ACCOUNT",
  MANAGER_JOINS_CALLS: "timeline.measure.MANAGER_JOINS_CALLS",
  DEBRIEF: "timeline.measure.DEBRIEF",
};

/** What an export was of, as the models store it: known ones are translated. */
const EXPORT_WORDS: Record<string, string> = {
  "case file": "timeline.exportWhat.caseFile",
  "case list": "timeline.exportWhat.caseList",
  "the investigator bundle": "timeline.exportWhat.investigatorBundle",
  "one person's data (data-rights request)": "timeline.exportWhat.personalData",
};
const EVIDENCE_PACK = "the evidence pack for the account ";

/** A label in the middle of a sentence ("high severity"); scripts without case are unchanged. */
const lower = (text: string) => text.toLocaleLowerCase();

/** A code as words, for values the vocabularies do not know ("ACTION_TAKEN" → "action taken"). */
const codeWords = (code: unknown) =>
  String(code ?? "")
    .toLowerCase()
    .replace(/_/g, " ");

function deadlineWords(t: TFunction, kind: unknown): string {
  const label = vocabLabel(t, "deadline", String(kind ?? ""));
  return lower(label === String(kind ?? "") ? t("timeline.aDeadline") : label);
}

function exportWhat(t: TFunction, what: unknown): string {
  if (what === undefined || what === null) return t("timeline.exportWhat.theCase");
  const text = String(what);
  if (EXPORT_WORDS[text]) return t(EXPORT_WORDS[text]);
  if (text.startsWith(EVIDENCE_PACK))
    return t("timeline.exportWhat.evidencePack", { account: text.slice(EVIDENCE_PACK.length) });
  return text;
}

export function describeEvent(
  t: TFunction,
  type: string,
  data: Record<string, unknown>,
  names: Map<string, string>,
  opts: { forReporter?: boolean } = {},
): string {
  const name = (id: unknown) => (typeof id === "string" ? names.get(id) : undefined);
  const reason = (r: unknown) => (r ? t("timeline.reason", { reason: String(r) }) : "");
  switch (type) {
    case "SUBMITTED": {
      const severity = lower(vocabLabel(t, "severity", String(data.severity ?? "")));
      const channel = t(`vocab.channel.${String(data.channel)}`, { defaultValue: "" });
      return channel
        ? t("timeline.submittedVia", { severity, channel: lower(channel) })
        : t("timeline.submitted", { severity });
    }
    case "ASSIGNED": {
      const who = name(data.assigneeId);
      const hr = Array.isArray(data.hrIds) && data.hrIds.length > 0 ? t("timeline.hrInformed") : "";
      return who ? t("timeline.assigned", { who, hr }) : t("timeline.unassigned", { hr });
    }
    case "ACKNOWLEDGED":
      return t("timeline.acknowledged");
    case "REASSIGNED": {
      const who = name(data.assigneeId) ?? t("timeline.someoneElse");
      return t("timeline.reassigned", { who, reason: opts.forReporter ? "" : reason(data.reason) });
    }
    case "MESSAGE":
      return t("timeline.message");
    case "EVIDENCE_ADDED": {
      const count = Number(data.count ?? (Array.isArray(data.files) ? data.files.length : 1));
      return t("timeline.evidenceAdded", { count });
    }
    case "REPORTER_UPDATED":
      return t("timeline.reporterUpdated", { text: String(data.text ?? "") });
    case "PROTECTIVE_ACTION": {
      const key = MEASURE_WORDS[String(data.measure)] ?? "timeline.measure.other";
      return t("timeline.protectiveAction", { measure: t(key) });
    }
    case "RESOLVED": {
      const outcome = OUTCOME_KEYS[data.outcome as keyof typeof OUTCOME_KEYS];
      return t("timeline.resolved", {
        outcome: outcome ? lower(t(outcome)) : codeWords(data.outcome),
      });
    }
    case "REMINDER_SENT":
      return t("timeline.reminderSent", { deadline: deadlineWords(t, data.kind) });
    case "ESCALATED": {
      const who = Array.isArray(data.toUserIds)
        ? data.toUserIds.map((id) => name(String(id)) ?? t("timeline.someone"))
        : [];
      const deadline = deadlineWords(t, data.kind);
      return who.length
        ? t("timeline.escalatedTo", { deadline, who: who.join(t("timeline.listSeparator")) })
        : t("timeline.escalated", { deadline });
    }
    case "SEVERITY_ASSESSED": {
      const severity = lower(vocabLabel(t, "severity", String(data.severity ?? "")));
      const categories = Array.isArray(data.categories)
        ? data.categories.map((c) => lower(vocabLabel(t, "category", String(c))))
        : [];
      return categories.length
        ? t("timeline.assessedWithCategories", {
            severity,
            categories: categories.join(t("timeline.listSeparator")),
          })
        : t("timeline.assessed", { severity });
    }
    case "STATUS_CHANGED":
      return t("timeline.statusChanged", {
        status: lower(vocabLabel(t, "status", String(data.to ?? ""))),
      });
    case "NOTE":
      return t("timeline.note", { text: String(data.text ?? "") });
    case "ACTION": {
      const label =
        typeof data.type === "string"
          ? actionTypeLabel(t, "ACCOUNT", data.type)
          : String(data.text ?? "");
      return t("timeline.action", { label, reason: reason(data.reason) });
    }
    case "ACTION_UPDATED": {
      const action = actionTypeLabel(t, String(data.catalogue ?? ""), String(data.type));
      const status = lower(caseLabel(t, ACTION_STATUS_KEYS, String(data.status ?? "")));
      const parts = [
        data.outcome ? t("timeline.actionOutcome", { outcome: String(data.outcome) }) : "",
        typeof data.ownerId === "string"
          ? t("timeline.actionOwner", { who: name(data.ownerId) ?? t("timeline.someoneElse") })
          : "",
        "dueAt" in data
          ? typeof data.dueAt === "string"
            ? t("timeline.actionDue", { date: data.dueAt.slice(0, 10) })
            : t("timeline.actionNoDue")
          : "",
      ];
      return t("timeline.actionUpdated", { action, status, details: parts.join("") });
    }
    case "DECISION": {
      const label = caseLabel(t, DECISION_KEYS, String(data.decision ?? ""));
      const who = name(data.approverId);
      return who
        ? t("timeline.decisionApprovedBy", { label, who })
        : t("timeline.decision", { label });
    }
    case "DECISION_PROPOSED": {
      const label = caseLabel(t, DECISION_KEYS, String(data.decision ?? ""));
      const who = name(data.approverId);
      return who
        ? t("timeline.decisionProposedTo", { label, who })
        : t("timeline.decisionProposed", { label });
    }
    case "DECISION_REJECTED": {
      const label = caseLabel(t, DECISION_KEYS, String(data.decision ?? ""));
      const who = name(data.approverId);
      return who
        ? t("timeline.decisionRejectedBy", { label, who })
        : t("timeline.decisionRejected", { label });
    }
    case "REOPENED":
      return t("timeline.reopened", { reason: opts.forReporter ? "" : reason(data.reason) });
    case "VIEWED":
      return t("timeline.viewed");
    case "SUPPORT_ANSWERED": {
      const what = t(`vocab.support.${String(data.kind)}`, {
        defaultValue: t("timeline.aSupportRequest"),
      });
      const answer = lower(
        caseLabel(t, SUPPORT_ANSWER_KEYS, data.answer === "ARRANGED" ? "ARRANGED" : "DECLINED"),
      );
      const why = data.reason ? t("timeline.inBrackets", { text: String(data.reason) }) : "";
      return t("timeline.supportAnswered", { what: lower(what), answer, reason: why });
    }
    case "STATEMENT_REQUESTED":
      return t("timeline.statementRequested", {
        who: name(data.witnessId) ?? t("timeline.aWitness"),
      });
    case "STATEMENT_GIVEN":
      return t("timeline.statementGiven", { text: String(data.text ?? "") });
    case "EXPORTED":
      return t("timeline.exported", {
        what: exportWhat(t, data.what),
        format: String(data.format ?? ""),
      });
    case "LEGAL_HOLD_PLACED":
      return t("timeline.legalHoldPlaced", { matter: String(data.matter ?? "") });
    case "LEGAL_HOLD_RELEASED":
      return t("timeline.legalHoldReleased", {
        matter: String(data.matter ?? ""),
        reason: String(data.reason ?? ""),
      });
    case "OSHA_RECORDABLE_MARKED":
    case "OSHA_RECORD_UPDATED":
      return t(type === "OSHA_RECORDABLE_MARKED" ? "timeline.oshaMarked" : "timeline.oshaUpdated", {
        caseNumber: String(data.caseNumber ?? ""),
        year: String(data.year ?? ""),
        privacy: data.privacyCase ? t("timeline.oshaPrivacy") : "",
      });
    case "RETENTION_PURGED":
      return t("timeline.retentionPurged", { rule: String(data.rule ?? "") });
    default:
      // A type this version does not know yet: its code, as a sentence.
      return type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, " ");
  }
}

/** User ids mentioned in events' data, to look their names up in one query. */
export function referencedUserIds(events: { data: Record<string, unknown> }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (typeof e.data.assigneeId === "string") ids.add(e.data.assigneeId);
    if (typeof e.data.approverId === "string") ids.add(e.data.approverId);
    if (typeof e.data.ownerId === "string") ids.add(e.data.ownerId);
    if (typeof e.data.witnessId === "string") ids.add(e.data.witnessId);
    if (Array.isArray(e.data.toUserIds)) for (const id of e.data.toUserIds) ids.add(String(id));
  }
  return [...ids];
}

/** A timeline entry as pages show it. */
export type TimelineItem = {
  id: string;
  type: string;
  at: string;
  actorName: string | null;
  summary: string;
};
