import type { TFunction } from "i18next";
import { toSafeCsvRows } from "~/domain/csv-safety";
import { SANCTION_LABELS, type Sanction } from "~/domain/sanctions";
import { PROTECTIVE_MEASURE_LABELS, type ProtectiveMeasure } from "~/domain/vocabulary";
import { labelOf, OUTCOME_KEYS } from "~/i18n/hr-labels";
import { serverT } from "~/i18n/resources.server";
import { vocabLabel } from "~/i18n/vocabulary";

// Case lists as CSV for HR, and the action labels the exports and the case page share. The
// case file (PDF) is read in ./case-file.server.ts and laid out in ./case-file-pdf.server.ts.

export function actionLabel(catalogue: string, type: string): string {
  return catalogue === "PROTECTIVE"
    ? (PROTECTIVE_MEASURE_LABELS[type as ProtectiveMeasure] ?? type)
    : (SANCTION_LABELS[type as Sanction] ?? type);
}

export type CaseListRow = {
  id: string;
  reporterId: string;
  accountId: string;
  reference: string;
  createdAt: Date;
  occurredAt: Date;
  status: string;
  outcome: string | null;
  severity: string;
  categories: string[];
  accountName: string;
  reporterName: string;
  assigneeName: string | null;
  teamName: string | null;
  narrative: string;
};

// People read the labels and the headings, in the language of whoever downloads the list;
// spreadsheets filter on the codes, each in its own column, the same in every language.
const CASE_LIST_HEADER_KEYS = [
  "exports.caseList.reference",
  "exports.caseList.reported",
  "exports.caseList.happened",
  "exports.caseList.status",
  "exports.caseList.statusCode",
  "exports.caseList.outcome",
  "exports.caseList.outcomeCode",
  "exports.caseList.severity",
  "exports.caseList.severityCode",
  "exports.caseList.categories",
  "exports.caseList.categoryCodes",
  "exports.caseList.account",
  "exports.caseList.reporter",
  "exports.caseList.team",
  "exports.caseList.handler",
  "exports.caseList.whatHappened",
];

/** The header line's cells in the reader's language (English when no language is given). */
export function caseListHeader(t: TFunction = serverT("en")): string[] {
  return CASE_LIST_HEADER_KEYS.map((key) => t(key));
}

/** CSV lines for these cases (no header): see caseListHeader. */
export function caseListCsvRows(rows: CaseListRow[], t: TFunction = serverT("en")): string {
  const separator = t("exports.caseList.separator");
  return toSafeCsvRows(
    rows.map((r) => [
      r.reference,
      r.createdAt,
      r.occurredAt,
      vocabLabel(t, "status", r.status),
      r.status,
      labelOf(t, OUTCOME_KEYS, r.outcome),
      r.outcome ?? "",
      vocabLabel(t, "severity", r.severity),
      r.severity,
      r.categories.map((c) => vocabLabel(t, "category", c)).join(separator),
      r.categories.join("; "),
      r.accountName,
      r.reporterName,
      r.teamName ?? "",
      r.assigneeName ?? "",
      r.narrative,
    ]),
  );
}

export function caseListCsv(rows: CaseListRow[], t: TFunction = serverT("en")): string {
  return toSafeCsvRows([caseListHeader(t)]) + caseListCsvRows(rows, t);
}
