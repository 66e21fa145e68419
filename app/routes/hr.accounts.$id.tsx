import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import {
  ACTION_STATUS_LABELS,
  DECISION_LABELS,
  SANCTION_LABELS,
  type AccountDecision,
  type ActionStatus,
  type Sanction,
} from "~/domain/sanctions";
import {
  accountForHistory,
  countCases,
  listCases,
  toListItems,
} from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? "Account"} · History · Incident portal` },
];

// HR: a customer account's cases, the sanctions on it and the decisions taken, with its
// figures (HR may see account revenue).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  const account = await accountForHistory(db, user, params.id ?? "");
  if (!account) throw notFound();
  // The newest cases; the full list is the HR search filtered to this account (paged there).
  const [cases, total] = await Promise.all([
    listCases(db, user, { accountId: account.id }, { take: HISTORY_CASES, skip: 0 }),
    countCases(db, user, { accountId: account.id }),
  ]);
  const major = (m: bigint) => Number(m / 100n).toLocaleString("en-GB");
  return {
    account: {
      name: account.name,
      crmId: account.crmId,
      owner: account.owner?.name ?? null,
      arr: `${account.currency} ${major(account.arrMinor)}`,
      contractValue: `${account.currency} ${major(account.contractValueMinor)}`,
      renewalDate: account.renewalDate?.toISOString() ?? null,
      conductStatus: account.conductStatus,
      payment: `${account.paymentStatus.toLowerCase().replace(/_/g, " ")}${account.daysOverdue ? `, ${account.daysOverdue} days overdue` : ""}`,
    },
    contacts: account.contacts,
    decisions: account.decisions.map((d) => ({
      id: d.id,
      label: DECISION_LABELS[d.decision as AccountDecision] ?? d.decision,
      rationale: d.rationale,
      consulted: d.employeesConsulted,
      at: d.createdAt.toISOString(),
      decidedBy: d.decidedBy.name,
      approver: d.approver.name,
    })),
    sanctions: account.actions.map((a) => ({
      id: a.id,
      label: SANCTION_LABELS[a.type as Sanction] ?? a.type,
      status: ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status,
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
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">History of {account.name}</h1>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">CRM id</dt>
          <dd>{account.crmId}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Owner</dt>
          <dd>{account.owner ?? "–"}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Conduct status</dt>
          <dd>{account.conductStatus.toLowerCase()}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Annual recurring revenue</dt>
          <dd>{account.arr}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Contract value</dt>
          <dd>{account.contractValue}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Renewal</dt>
          <dd>{account.renewalDate ? formatDate(account.renewalDate) : "–"}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Payment</dt>
          <dd>{account.payment}</dd>
        </div>
      </dl>
      <section aria-labelledby="cases-heading" className="space-y-2">
        <h2 id="cases-heading" className="text-lg font-semibold">
          Cases ({totalCases})
        </h2>
        <CaseList items={cases} caption={`Cases about ${account.name}`} />
        {totalCases > cases.length ? (
          <p className="text-sm">
            Showing the newest {cases.length}.{" "}
            <Link
              to={`/hr/cases?account=${encodeURIComponent(accountId)}`}
              className="text-brand-700 underline"
            >
              All {totalCases} cases about {account.name}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="decisions-heading" className="space-y-2">
        <h2 id="decisions-heading" className="text-lg font-semibold">
          Decisions
        </h2>
        {decisions.length === 0 ? (
          <p className="text-slate-600">None.</p>
        ) : (
          <ul className="space-y-1">
            {decisions.map((d) => (
              <li key={d.id}>
                {formatDate(d.at)}: {d.label}. Decided by {d.decidedBy}, approved by {d.approver};
                employees consulted: {d.consulted ? "yes" : "no"}. {d.rationale}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sanctions-heading" className="space-y-2">
        <h2 id="sanctions-heading" className="text-lg font-semibold">
          Actions on the account
        </h2>
        {sanctions.length === 0 ? (
          <p className="text-slate-600">None.</p>
        ) : (
          <ul className="space-y-1">
            {sanctions.map((s) => (
              <li key={s.id}>
                {formatDate(s.at)}: {s.label} ({s.status}
                {s.outcome ? `: ${s.outcome}` : ""})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="contacts-heading" className="space-y-2">
        <h2 id="contacts-heading" className="text-lg font-semibold">
          Customer contacts
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
