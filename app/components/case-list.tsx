import { Link } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import {
  CATEGORY_LABELS,
  OUTCOME_LABELS,
  SEVERITY_LABELS,
  type Category,
  type Outcome,
  type Severity,
} from "~/domain/vocabulary";
import { formatDate } from "~/utils/format";

export type CaseListItem = {
  reference: string;
  occurredAt: string;
  status: string;
  outcome: string | null;
  severity: string;
  categories: string[];
  accountId: string;
  accountName: string;
  reporterId: string;
  reporterName: string;
  teamName?: string | null;
};

/** Cases in a history: one line each, linking to the case's full timeline. */
export function CaseList({
  items,
  caption,
  empty = "No cases.",
}: {
  items: CaseListItem[];
  caption: string;
  empty?: string;
}) {
  if (items.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Happened</th>
          <th scope="col">Status</th>
          <th scope="col">Outcome</th>
          <th scope="col">Severity</th>
          <th scope="col">Behaviour</th>
          <th scope="col">Employee</th>
          <th scope="col">Account</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.reference} className="border-t border-slate-200">
            <td>
              <Link to={`/cases/${r.reference}`} className="underline">
                {r.reference}
              </Link>
            </td>
            <td>{formatDate(r.occurredAt)}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td>{r.outcome ? (OUTCOME_LABELS[r.outcome as Outcome] ?? r.outcome) : "–"}</td>
            <td>{SEVERITY_LABELS[r.severity as Severity] ?? r.severity}</td>
            <td>{r.categories.map((c) => CATEGORY_LABELS[c as Category] ?? c).join(", ")}</td>
            <td>
              <Link to={`/hr/employees/${r.reporterId}`} className="underline">
                {r.reporterName}
              </Link>
              {r.teamName ? ` (${r.teamName})` : ""}
            </td>
            <td>
              <Link to={`/hr/accounts/${r.accountId}`} className="underline">
                {r.accountName}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
