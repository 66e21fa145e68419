import { Link } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { caseLabel, OUTCOME_KEYS } from "~/i18n/case-vocabulary";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";

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
  empty,
}: {
  items: CaseListItem[];
  /** The table's caption, in the page's words. */
  caption: string;
  /** What to say when there is no case ("No cases." when not given). */
  empty?: string;
}) {
  const { t, date } = useI18n();
  if (items.length === 0) {
    return <p className="text-slate-600">{empty ?? t("case.list.empty")}</p>;
  }
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("case.list.case")}</th>
          <th scope="col">{t("case.list.happened")}</th>
          <th scope="col">{t("case.list.status")}</th>
          <th scope="col">{t("case.list.outcome")}</th>
          <th scope="col">{t("case.list.severity")}</th>
          <th scope="col">{t("case.list.behaviour")}</th>
          <th scope="col">{t("case.list.employee")}</th>
          <th scope="col">{t("case.list.account")}</th>
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
            <td>{date(r.occurredAt)}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td>{r.outcome ? caseLabel(t, OUTCOME_KEYS, r.outcome) : "–"}</td>
            <td>{vocabLabel(t, "severity", r.severity)}</td>
            <td>
              {r.categories
                .map((c) => vocabLabel(t, "category", c))
                .join(t("common.listSeparator"))}
            </td>
            <td>
              <Link to={`/hr/employees/${r.reporterId}`} className="underline">
                {r.reporterName}
              </Link>
              {r.teamName ? t("hr.list.team", { team: r.teamName }) : null}
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
