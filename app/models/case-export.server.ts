import { toSafeCsvRows } from "~/domain/csv-safety";
import { SANCTION_LABELS, type Sanction } from "~/domain/sanctions";
import {
  CATEGORY_LABELS,
  OUTCOME_LABELS,
  PROTECTIVE_MEASURE_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  type ProtectiveMeasure,
} from "~/domain/vocabulary";

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

// People read the labels; spreadsheets filter on the codes, each in its own column.
export const CASE_LIST_HEADER = [
  "Reference",
  "Reported",
  "Happened",
  "Status",
  "Status code",
  "Outcome",
  "Outcome code",
  "Severity",
  "Severity code",
  "Categories",
  "Category codes",
  "Account",
  "Reporter",
  "Team",
  "Handler",
  "What happened",
];

const label = <T extends string>(labels: Record<T, string>, code: string | null) =>
  code ? (labels[code as T] ?? code) : "";

/** CSV lines for these cases (no header): see CASE_LIST_HEADER. */
export function caseListCsvRows(rows: CaseListRow[]): string {
  return toSafeCsvRows(
    rows.map((r) => [
      r.reference,
      r.createdAt,
      r.occurredAt,
      label(STATUS_LABELS, r.status),
      r.status,
      label(OUTCOME_LABELS, r.outcome),
      r.outcome ?? "",
      label(SEVERITY_LABELS, r.severity),
      r.severity,
      r.categories.map((c) => label(CATEGORY_LABELS, c)).join("; "),
      r.categories.join("; "),
      r.accountName,
      r.reporterName,
      r.teamName ?? "",
      r.assigneeName ?? "",
      r.narrative,
    ]),
  );
}

export function caseListCsv(rows: CaseListRow[]): string {
  return toSafeCsvRows([CASE_LIST_HEADER]) + caseListCsvRows(rows);
}
