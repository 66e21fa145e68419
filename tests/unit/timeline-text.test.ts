import { describe, expect, it } from "vitest";
import { describeEvent as describe_, referencedUserIds } from "~/domain/timeline-text";
import { serverT } from "~/i18n/resources.server";

// The sentences as an English reader gets them (other languages are checked below).
const describeEvent = (...args: DropFirst<Parameters<typeof describe_>>) =>
  describe_(serverT("en"), ...args);
type DropFirst<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

const names = new Map([
  ["m-1", "Priya Shah"],
  ["hr-1", "Tom Green"],
]);

describe("describeEvent", () => {
  it("describes a submission with severity and channel in lower case", () => {
    expect(describeEvent("SUBMITTED", { severity: "HIGH", channel: "PHONE" }, names)).toBe(
      "Report submitted (high severity, phone call)",
    );
    expect(describeEvent("SUBMITTED", { severity: "CRITICAL", channel: "VIDEO_CALL" }, names)).toBe(
      "Report submitted (critical severity, video call)",
    );
  });

  it("leaves out a channel it does not know", () => {
    expect(describeEvent("SUBMITTED", { severity: "LOW", channel: "FAX" }, names)).toBe(
      "Report submitted (low severity)",
    );
    expect(describeEvent("SUBMITTED", { severity: "LOW" }, names)).toBe(
      "Report submitted (low severity)",
    );
  });

  it("shows an unknown severity as written", () => {
    expect(describeEvent("SUBMITTED", { severity: "SEVERE", channel: "EMAIL" }, names)).toBe(
      "Report submitted (severe severity, email)",
    );
  });

  it("names the assignee", () => {
    expect(describeEvent("ASSIGNED", { assigneeId: "m-1", hrIds: [] }, names)).toBe(
      "Sent to Priya Shah",
    );
  });

  it("says HR has been informed when HR was added", () => {
    expect(describeEvent("ASSIGNED", { assigneeId: "m-1", hrIds: ["hr-1"] }, names)).toBe(
      "Sent to Priya Shah; HR has been informed",
    );
  });

  it("says it is waiting when there is no assignee or the name is unknown", () => {
    expect(describeEvent("ASSIGNED", { assigneeId: null, hrIds: [] }, names)).toBe(
      "Waiting to be assigned",
    );
    expect(describeEvent("ASSIGNED", { assigneeId: "gone" }, names)).toBe("Waiting to be assigned");
    expect(describeEvent("ASSIGNED", { assigneeId: null, hrIds: ["hr-1"] }, names)).toBe(
      "Waiting to be assigned; HR has been informed",
    );
  });

  it("ignores an hrIds that is not a list", () => {
    expect(describeEvent("ASSIGNED", { assigneeId: "m-1", hrIds: "hr-1" }, names)).toBe(
      "Sent to Priya Shah",
    );
  });

  it("reassures the reporter on acknowledgement", () => {
    expect(describeEvent("ACKNOWLEDGED", {}, names)).toBe(
      "Acknowledged: someone is now responsible for this report",
    );
  });

  it("quotes an update to the reporter", () => {
    expect(
      describeEvent("REPORTER_UPDATED", { text: "We have written to the customer." }, names),
    ).toBe("Update: We have written to the customer.");
  });

  it("names a protective measure in plain words", () => {
    expect(describeEvent("PROTECTIVE_ACTION", { measure: "REMOVED_FROM_ACCOUNT" }, names)).toBe(
      "Protective measure arranged: moved off the account",
    );
    expect(describeEvent("PROTECTIVE_ACTION", { measure: "TIME_OFF" }, names)).toBe(
      "Protective measure arranged: time off",
    );
    expect(describeEvent("PROTECTIVE_ACTION", { measure: "SOMETHING_NEW" }, names)).toBe(
      "Protective measure arranged: support",
    );
  });

  it("gives the outcome of a resolution in words", () => {
    expect(describeEvent("RESOLVED", { outcome: "ACTION_TAKEN" }, names)).toBe(
      "Resolved (action taken)",
    );
  });

  it("says which deadline a reminder is about", () => {
    expect(describeEvent("REMINDER_SENT", { kind: "FIRST_PROTECTIVE_ACTION" }, names)).toBe(
      "Reminder sent: first protective action is due soon",
    );
    expect(describeEvent("REMINDER_SENT", { kind: "NOPE" }, names)).toBe(
      "Reminder sent: a deadline is due soon",
    );
  });

  it("names who a missed deadline was escalated to", () => {
    expect(
      describeEvent("ESCALATED", { kind: "ACKNOWLEDGE", toUserIds: ["m-1", "hr-1"] }, names),
    ).toBe("Missed deadline (acknowledge) escalated to Priya Shah, Tom Green");
    expect(describeEvent("ESCALATED", { kind: "RESOLVE", toUserIds: ["gone"] }, names)).toBe(
      "Missed deadline (resolve) escalated to someone",
    );
    expect(describeEvent("ESCALATED", { kind: "RESOLVE", toUserIds: [] }, names)).toBe(
      "Missed deadline (resolve) escalated",
    );
  });

  it("turns any other type into a sentence-case phrase", () => {
    expect(describeEvent("SOMETHING_NEW", {}, names)).toBe("Something new");
    expect(describeEvent("CASE_FILE_EXPORTED", {}, names)).toBe("Case file exported");
  });

  it("describes the handling events of issue 5", () => {
    expect(describeEvent("STATUS_CHANGED", { to: "IN_PROGRESS" }, names)).toBe(
      "Status changed to being handled",
    );
    expect(describeEvent("NOTE", { text: "Called HR" }, names)).toBe("Private note: Called HR");
    expect(
      describeEvent("SEVERITY_ASSESSED", { severity: "HIGH", categories: ["THREATS"] }, names),
    ).toBe("Harm assessed: high severity; threats");
    expect(describeEvent("ACTION", { type: "NO_ACTION", reason: "Withdrawn" }, names)).toMatch(
      /^Action on the account: No action.*\(reason: Withdrawn\)$/,
    );
    expect(describeEvent("DECISION", { decision: "SUSPEND", approverId: "m-1" }, names)).toBe(
      `Decision on the account: Suspend the relationship, approved by ${names.get("m-1")}`,
    );
    expect(
      describeEvent("REOPENED", { reason: "New evidence" }, names, { forReporter: true }),
    ).toBe("Reopened");
    expect(describeEvent("VIEWED", {}, names)).toBe("Viewed the case");
    expect(describeEvent("EXPORTED", { format: "PDF", what: "case file" }, names)).toBe(
      "Exported case file (PDF)",
    );
  });
});

describe("referencedUserIds", () => {
  it("collects each assignee once, in order of first mention", () => {
    expect(
      referencedUserIds([
        { data: { assigneeId: "m-2" } },
        { data: { severity: "HIGH" } },
        { data: { assigneeId: "m-1" } },
        { data: { assigneeId: "m-2" } },
      ]),
    ).toEqual(["m-2", "m-1"]);
  });

  it("collects the people a deadline was escalated to", () => {
    expect(
      referencedUserIds([
        { data: { assigneeId: "m-1" } },
        { data: { toUserIds: ["m-2", "m-1", "hr-1"] } },
      ]),
    ).toEqual(["m-1", "m-2", "hr-1"]);
  });

  it("ignores ids that are not strings", () => {
    expect(
      referencedUserIds([{ data: { assigneeId: null } }, { data: { assigneeId: 7 } }]),
    ).toEqual([]);
  });

  it("is empty for no events", () => {
    expect(referencedUserIds([])).toEqual([]);
  });
});

describe("describeEvent in the reader's language", () => {
  const ja = serverT("ja");
  const es = serverT("es");

  it("writes Japanese entries, with the vocabularies' Japanese words", () => {
    expect(describe_(ja, "SUBMITTED", { severity: "HIGH", channel: "PHONE" }, names)).toBe(
      "報告が提出されました（深刻度: 高、電話）",
    );
    expect(describe_(ja, "ACKNOWLEDGED", {}, names)).toBe(
      "受領されました。この報告の対応責任者が決まりました",
    );
    expect(describe_(ja, "STATUS_CHANGED", { to: "IN_PROGRESS" }, names)).toBe(
      "状況が「対応中」に変わりました",
    );
    expect(describe_(ja, "EVIDENCE_ADDED", { count: 2 }, names)).toBe(
      "証拠が追加されました（ファイル 2 件）",
    );
    expect(
      describe_(ja, "ESCALATED", { kind: "ACKNOWLEDGE", toUserIds: ["m-1", "hr-1"] }, names),
    ).toBe("期限（受領の確認）を過ぎたため、Priya Shah、Tom Green にエスカレーションしました");
  });

  it("writes Spanish entries with the language's plural forms", () => {
    expect(describe_(es, "EVIDENCE_ADDED", { count: 1 }, names)).toBe(
      "Pruebas añadidas (1 archivo)",
    );
    expect(describe_(es, "EVIDENCE_ADDED", { count: 3 }, names)).toBe(
      "Pruebas añadidas (3 archivos)",
    );
    expect(describe_(es, "RESOLVED", { outcome: "SUBSTANTIATED" }, names)).toBe(
      "Resuelto (confirmado)",
    );
  });

  it("keeps what people typed as typed, in every language", () => {
    // The stored words are shown, never read as a translation key or a placeholder.
    const typed = "Call {{back}} at $t(timeline.viewed) please";
    expect(describe_(ja, "NOTE", { text: typed }, names)).toBe(`内部メモ: ${typed}`);
    expect(describeEvent("NOTE", { text: typed }, names)).toBe(`Private note: ${typed}`);
  });

  it("hides the reason for a reassignment from the reporter in every language", () => {
    const data = { assigneeId: "m-1", reason: "On a course" };
    expect(describe_(ja, "REASSIGNED", data, names, { forReporter: true })).toBe(
      "担当者が変わりました: Priya Shah",
    );
    expect(describe_(ja, "REASSIGNED", data, names)).toBe(
      "担当者が変わりました: Priya Shah（理由: On a course）",
    );
  });

  it("says what an export was of", () => {
    expect(describe_(ja, "EXPORTED", { format: "PDF", what: "case file" }, names)).toBe(
      "案件ファイルを書き出しました（PDF）",
    );
    expect(
      describe_(
        es,
        "EXPORTED",
        { format: "zip", what: "the evidence pack for the account Acme" },
        names,
      ),
    ).toBe("Se exportó el paquete de pruebas de la cuenta Acme (zip)");
  });
});
