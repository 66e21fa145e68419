import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { DetailItem } from "~/components/detail-item";
import {
  ACTION_STATUS_KEYS,
  CONDUCT_KEYS,
  DECISION_KEYS,
  labelOf,
  PAYMENT_KEYS,
  SANCTION_KEYS,
  historyTitle,
} from "~/i18n/hr-labels";
import { pageLanguage } from "~/i18n/i18n.server";
import { useI18n } from "~/i18n/react";
import {
  accountForHistory,
  countCases,
  listCases,
  toListItems,
} from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatMoney } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  historyTitle(matches, data?.account.name);

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR: a customer account's cases, the sanctions on it and the decisions taken, with its
// figures (HR may see account revenue).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  const account = await accountForHistory(db, user, params.id ?? "");
  if (!account) throw notFound();
  const language = await pageLanguage(request, user.language);
  // The newest cases; the full list is the HR search filtered to this account (paged there).
  const [cases, total] = await Promise.all([
    listCases(db, user, { accountId: account.id }, { take: HISTORY_CASES, skip: 0 }),
    countCases(db, user, { accountId: account.id }),
  ]);
  return {
    account: {
      name: account.name,
      crmId: account.crmId,
      owner: account.owner?.name ?? null,
      // Whole units in the reader's language: the figures are for scale, not accounting.
      arr: formatMoney((account.arrMinor / 100n) * 100n, account.currency, language),
      contractValue: formatMoney(
        (account.contractValueMinor / 100n) * 100n,
        account.currency,
        language,
      ),
      renewalDate: account.renewalDate?.toISOString() ?? null,
      conductStatus: account.conductStatus,
      paymentStatus: account.paymentStatus,
      daysOverdue: account.daysOverdue,
    },
    contacts: account.contacts,
    decisions: account.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      rationale: d.rationale,
      consulted: d.employeesConsulted,
      at: d.createdAt.toISOString(),
      decidedBy: d.decidedBy.name,
      approver: d.approver.name,
    })),
    sanctions: account.actions.map((a) => ({
      id: a.id,
      type: a.type,
      status: a.status,
      outcome: a.outcome,
      at: a.createdAt.toISOString(),
    })),
    cases: toListItems(cases),
    totalCases: total,
    accountId: account.id,
  };
}

const HISTORY_CASES = 50;

export default function AccountHistory() {
  const { account, contacts, decisions, sanctions, cases, totalCases, accountId } =
    useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  const payment = labelOf(t, PAYMENT_KEYS, account.paymentStatus);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("hr.history.title", { name: account.name })}</h1>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3">
        <DetailItem label={t("hr.account.crmId")}>{account.crmId}</DetailItem>
        <DetailItem label={t("hr.account.owner")}>{account.owner ?? "–"}</DetailItem>
        <DetailItem label={t("hr.account.conduct")}>
          {labelOf(t, CONDUCT_KEYS, account.conductStatus)}
        </DetailItem>
        <DetailItem label={t("hr.account.arr")}>{account.arr}</DetailItem>
        <DetailItem label={t("hr.account.contractValue")}>{account.contractValue}</DetailItem>
        <DetailItem label={t("hr.account.renewal")}>
          {account.renewalDate ? date(account.renewalDate) : "–"}
        </DetailItem>
        <DetailItem label={t("hr.account.payment")}>
          {account.daysOverdue
            ? t("hr.account.overdue", { status: payment, count: account.daysOverdue })
            : payment}
        </DetailItem>
      </dl>
      <section aria-labelledby="cases-heading" className="space-y-2">
        <h2 id="cases-heading" className="text-lg font-semibold">
          {t("hr.account.cases", { count: totalCases })}
        </h2>
        <CaseList items={cases} caption={t("hr.account.casesCaption", { name: account.name })} />
        {totalCases > cases.length ? (
          <p className="text-sm">
            {t("hr.account.showingNewest", { count: cases.length })}{" "}
            <Link
              to={`/hr/cases?account=${encodeURIComponent(accountId)}`}
              className="text-brand-700 underline"
            >
              {t("hr.account.allCases", { count: totalCases, name: account.name })}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="decisions-heading" className="space-y-2">
        <h2 id="decisions-heading" className="text-lg font-semibold">
          {t("hr.account.decisions")}
        </h2>
        {decisions.length === 0 ? (
          <p className="text-slate-600">{t("hr.account.none")}</p>
        ) : (
          <ul className="space-y-1">
            {decisions.map((d) => (
              <li key={d.id}>
                {t(
                  d.consulted ? "hr.account.decisionConsulted" : "hr.account.decisionNotConsulted",
                  {
                    date: date(d.at),
                    decision: labelOf(t, DECISION_KEYS, d.decision),
                    decidedBy: d.decidedBy,
                    approver: d.approver,
                  },
                )}{" "}
                {d.rationale}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sanctions-heading" className="space-y-2">
        <h2 id="sanctions-heading" className="text-lg font-semibold">
          {t("hr.account.actions")}
        </h2>
        {sanctions.length === 0 ? (
          <p className="text-slate-600">{t("hr.account.none")}</p>
        ) : (
          <ul className="space-y-1">
            {sanctions.map((s) => (
              <li key={s.id}>
                {t(s.outcome ? "hr.account.actionWithOutcome" : "hr.account.action", {
                  date: date(s.at),
                  action: labelOf(t, SANCTION_KEYS, s.type),
                  status: labelOf(t, ACTION_STATUS_KEYS, s.status),
                  outcome: s.outcome ?? "",
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="contacts-heading" className="space-y-2">
        <h2 id="contacts-heading" className="text-lg font-semibold">
          {t("hr.account.contacts")}
        </h2>
        <ul>
          {contacts.map((c) => (
            <li key={c.id}>
              <Link to={`/hr/contacts/${c.id}`} className="underline">
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
