import { can } from "~/domain/permissions";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DecisionForm } from "~/components/decision-form";
import { StatusBadge } from "~/components/status-badge";
import { AccountHistoryChart } from "~/components/charts/bar-charts";
import { formatMoney, monthKey, SEGMENT_LABELS } from "~/domain/account-scoring";
import {
  DECISION_LABELS,
  SANCTION_LABELS,
  type AccountDecision,
  type Sanction,
} from "~/domain/sanctions";
import {
  CATEGORY_LABELS,
  PROTECTIVE_MEASURE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type Category,
  type ProtectiveMeasure,
  type Segment,
} from "~/domain/vocabulary";
import { decisionFields } from "~/domain/decision-form";
import { accountExists } from "~/models/account.server";
import { getAccountView } from "~/models/account-stats.server";
import { accountApprovers, DecisionError, recordAccountDecision } from "~/models/decision.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";
import { formatDate } from "~/utils/format";

const DECISION_STATUS_TEXT: Record<string, string> = {
  PROPOSED: "Waiting for approval",
  APPROVED: "Approved",
  REJECTED: "Not approved",
};

type DecisionReply = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  /** The recorded decision: a fresh, empty form after each one. */
  decisionId?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "account:decide");
  const db = await getDb();
  const account = await accountExists(db, params.id ?? "");
  if (!account) throw notFound();
  const formData = await readForm(request);
  const form = Object.fromEntries(formData);
  if (form.intent !== "decide") throw new Response("Unknown action", { status: 400 });
  const values = typedValues(formData);
  const parsed = decisionFields.safeParse(form);
  if (!parsed.success) {
    return data<DecisionReply>(
      {
        ok: false,
        message: "Please check the decision form.",
        fieldErrors: parsed.error.flatten().fieldErrors,
        values,
      },
      { status: 400 },
    );
  }
  const input = parsed.data;
  try {
    const result = await recordAccountDecision(db, {
      accountId: account.id,
      actorId: user.id,
      decision: input.decision,
      rationale: input.rationale,
      approverId: input.approverId,
      employeesConsulted: input.consulted === "yes",
      watch: input.watch === "on",
    });
    return data<DecisionReply>({
      ok: true,
      message: `Decision proposed. ${result.approverName} has been asked to approve it; the account's conduct status changes only once they do.`,
      decisionId: result.id,
    });
  } catch (error) {
    if (error instanceof DecisionError) {
      return data<DecisionReply>(
        {
          ok: false,
          message: error.message,
          fieldErrors: { approverId: [error.message] },
          values,
        },
        { status: 400 },
      );
    }
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? "Account"} · Incident portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "account:view");
  const db = await getDb();
  const before = new URL(request.url).searchParams.get("before");
  const view = await getAccountView(db, user, params.id ?? "", new Date(), { before });
  if (!view) throw notFound();
  // Only an approved decision changed anything: proposals and rejections are not milestones.
  const approved = view.decisions.filter((x) => x.status === "APPROVED");
  const lastDecision = approved[0];
  // Leadership and HR decide on an account from here (a case's handler does from the case).
  const decides = can(user.role, "account:decide");
  const { history, ...rest } = view;
  return {
    ...rest,
    approvers: decides
      ? (await accountApprovers(db, view.account.id, user.id)).map((a) => ({
          id: a.id,
          label: `${a.name} (${a.role.toLowerCase()})`,
        }))
      : null,
    history: history
      ? {
          months: history.months,
          decisions: approved.map((x) => ({
            month: monthKey(new Date(x.createdAt)),
            label: DECISION_LABELS[x.decision as AccountDecision] ?? x.decision,
          })),
          sinceLastDecision:
            history.sinceLastDecision && lastDecision
              ? {
                  label:
                    DECISION_LABELS[lastDecision.decision as AccountDecision] ??
                    lastDecision.decision,
                  ...history.sinceLastDecision,
                }
              : null,
        }
      : null,
    canEdit: can(user.role, "accounts:manage"),
    // Leadership sees how many protective measures there are, not which or for which case.
    measuresAsCount: !can(user.role, "account:measures"),
    // HR handles every case (not where named); others read the account, not the cases.
    linksToCases: can(user.role, "cases:review"),
  };
}

const actionLabel = (catalogue: string, type: string) =>
  catalogue === "PROTECTIVE"
    ? (PROTECTIVE_MEASURE_LABELS[type as ProtectiveMeasure] ?? type)
    : (SANCTION_LABELS[type as Sanction] ?? type);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

export default function AccountPage() {
  const {
    account: a,
    figures,
    incidents,
    contacts,
    actions,
    decisions,
    ...d
  } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const date = (iso: string | null) => (iso ? formatDate(iso) : "–");
  const repeat = contacts.filter((c) => (c.incidents ?? 0) >= 2);
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link to="/dashboard" className="text-brand-700 underline">
            Dashboard
          </Link>
          {d.canEdit ? (
            <>
              {" · "}
              <Link to="/accounts" className="text-brand-700 underline">
                Accounts
              </Link>
            </>
          ) : null}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{a.name}</h1>
        <p className="text-slate-700">
          {SEGMENT_LABELS[a.segment as Segment] ?? a.segment} · CRM id {a.crmId} · conduct:{" "}
          {a.conductStatus.toLowerCase()}
        </p>
        {d.canEdit ? (
          <p className="mt-2">
            <Link to={`/accounts/${a.id}/edit`} className="text-brand-700 underline">
              Edit account
            </Link>
          </p>
        ) : null}
      </div>

      {a.needsReview ? (
        <div role="status" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">Flagged for leadership review</p>
          <p className="text-sm">
            {repeat.length > 0
              ? `${repeat.length} contact${repeat.length === 1 ? " has" : "s have"} been involved in more than one incident. `
              : ""}
            The flag stays until a decision on the account is recorded.
          </p>
        </div>
      ) : null}

      {figures ? (
        <section aria-labelledby="why">
          <h2 id="why" className="text-lg font-semibold">
            Why this account stands out
          </h2>
          <p className="mt-1">
            {figures.incidents} incident{figures.incidents === 1 ? "" : "s"} in total with a
            severity-weighted score of {figures.score}, affecting {figures.employeesAffected}{" "}
            employee{figures.employeesAffected === 1 ? "" : "s"}; {figures.repeatContacts} repeat
            contact{figures.repeatContacts === 1 ? "" : "s"};{" "}
            {figures.perMillionArr === null
              ? "no ARR recorded"
              : `${figures.perMillionArr.toFixed(1)} incidents per 1M ARR`}
            ; {figures.open} open, {figures.overdue} overdue. Last 90 days: {figures.trend.recent}{" "}
            (the 90 before: {figures.trend.previous}). {decisions.length} decision
            {decisions.length === 1 ? "" : "s"} recorded.
          </p>
        </section>
      ) : null}

      {d.history ? (
        <section aria-labelledby="over-time">
          <h2 id="over-time" className="text-lg font-semibold">
            Over the last {d.history.months.length} months
          </h2>
          {d.history.sinceLastDecision ? (
            <p className="mt-1">
              Since the last decision ({d.history.sinceLastDecision.label.toLowerCase()},{" "}
              {formatDate(d.history.sinceLastDecision.at)}):{" "}
              {plural(d.history.sinceLastDecision.after, "incident")} in{" "}
              {plural(d.history.sinceLastDecision.days, "day")}, against{" "}
              {d.history.sinceLastDecision.before} in as many days before it.
            </p>
          ) : (
            <p className="mt-1">No decision on this account yet.</p>
          )}
          <figure className="mt-2">
            <AccountHistoryChart data={d.history.months} decisions={d.history.decisions} />
            <figcaption>
              <details className="mt-2 text-sm">
                <summary>Incidents per month by severity as a table</summary>
                <table className="mt-2">
                  <thead>
                    <tr>
                      <th scope="col" className="pr-4 text-left">
                        Month
                      </th>
                      {SEVERITIES.map((s) => (
                        <th key={s} scope="col" className="pr-4 text-right">
                          {SEVERITY_LABELS[s]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.history.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row" className="pr-4 text-left font-normal">
                          {m.month}
                        </th>
                        {SEVERITIES.map((s) => (
                          <td key={s} className="pr-4 text-right">
                            {m[s]}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </figcaption>
          </figure>
        </section>
      ) : null}

      <section aria-labelledby="commercial">
        <h2 id="commercial" className="text-lg font-semibold">
          Commercial
        </h2>
        {d.figuresWithheld ? (
          <p className="mt-1 max-w-prose text-slate-700">
            Severity before value: the account&apos;s figures appear once you have assessed the harm
            in your open cases on it.
          </p>
        ) : null}
        <dl className="mt-2 grid grid-cols-2 gap-4 sm:grid-cols-4">
          {a.arrMinor !== null ? (
            <Fact label="ARR">{formatMoney(a.arrMinor, a.currency)}</Fact>
          ) : null}
          {a.contractValueMinor !== null ? (
            <Fact label="Contract value">{formatMoney(a.contractValueMinor, a.currency)}</Fact>
          ) : null}
          <Fact label="Contract">
            {date(a.contractStart)} to {date(a.contractEnd)}
          </Fact>
          <Fact label="Owner">{a.ownerName ?? "–"}</Fact>
          <Fact label="Renewal">{date(a.renewalDate)}</Fact>
          <Fact label="Notice by">{date(a.noticeDate)}</Fact>
          {a.paymentStatus !== null ? (
            <Fact label="Payment">
              {a.paymentStatus.replace("_", " ").toLowerCase()}
              {(a.daysOverdue ?? 0) > 0 ? ` (${a.daysOverdue} days overdue)` : ""}
            </Fact>
          ) : null}
          <Fact label="Conduct status">{a.conductStatus.toLowerCase()}</Fact>
        </dl>
      </section>

      <section aria-labelledby="contacts">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="contacts" className="text-lg font-semibold">
            Contacts
          </h2>
          {d.canEdit ? (
            <Link to={`/accounts/${a.id}/contacts/new`} className="text-brand-700 underline">
              Add a contact
            </Link>
          ) : null}
        </div>
        {contacts.length === 0 ? (
          <p className="text-slate-700">No contacts recorded.</p>
        ) : (
          <table className="mt-2 min-w-full text-sm">
            <thead className="border-b border-slate-300 text-left">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Role
                </th>
                {figures ? (
                  <>
                    <th scope="col" className="py-2 pr-4 text-right">
                      Incidents
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      Most recent
                    </th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id} className="border-b border-slate-100">
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    {d.canEdit ? (
                      <Link
                        to={`/accounts/${a.id}/contacts/${c.id}`}
                        className="text-brand-700 underline"
                      >
                        {c.name}
                        <span className="sr-only"> (edit)</span>
                      </Link>
                    ) : (
                      c.name
                    )}
                    {(c.incidents ?? 0) >= 2 ? (
                      <span className="ml-2 rounded bg-red-100 px-1 text-xs font-semibold text-red-800">
                        Repeat
                      </span>
                    ) : null}
                  </th>
                  <td className="py-2 pr-4">{c.jobTitle ?? "–"}</td>
                  {figures ? (
                    <>
                      <td className="py-2 pr-4 text-right">{c.incidents}</td>
                      <td className="py-2 pr-4">{date(c.lastIncidentAt)}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {figures ? (
        <section aria-labelledby="incidents">
          <h2 id="incidents" className="text-lg font-semibold">
            Incidents
          </h2>
          {incidents.length === 0 ? (
            <p className="text-slate-700">No incidents you can see.</p>
          ) : (
            <table className="mt-2 min-w-full text-sm">
              <thead className="border-b border-slate-300 text-left">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Reference
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    When
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Severity
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    What
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Contacts
                  </th>
                  {d.linksToCases ? (
                    <th scope="col" className="py-2 pr-4">
                      Reported by
                    </th>
                  ) : null}
                  <th scope="col" className="py-2 pr-4">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {incidents.map((i) => (
                  <tr key={i.reference} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-4 text-left font-normal">
                      {d.linksToCases ? (
                        <Link to={`/cases/${i.reference}`} className="text-brand-700 underline">
                          {i.reference}
                        </Link>
                      ) : (
                        i.reference
                      )}
                    </th>
                    <td className="py-2 pr-4">{formatDate(i.occurredAt)}</td>
                    <td className="py-2 pr-4">{SEVERITY_LABELS[i.severity]}</td>
                    <td className="py-2 pr-4">
                      {i.categories.map((c) => CATEGORY_LABELS[c as Category] ?? c).join(", ")}
                    </td>
                    <td className="py-2 pr-4">{i.contactNames.join(", ") || "–"}</td>
                    {d.linksToCases ? <td className="py-2 pr-4">{i.reporterName}</td> : null}
                    <td className="py-2 pr-4">
                      <StatusBadge status={i.status} />
                      {i.overdue ? (
                        <span className="ml-2 text-xs font-semibold text-red-800">Overdue</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.olderIncidents ? (
            <p className="mt-2 text-sm">
              Showing the newest {incidents.length} from here.{" "}
              <Link
                to={`?before=${encodeURIComponent(d.olderIncidents)}#incidents`}
                className="text-brand-700 underline"
              >
                Older incidents
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {figures ? (
        <section aria-labelledby="actions">
          <h2 id="actions" className="text-lg font-semibold">
            Actions
          </h2>
          {d.measuresAsCount ? (
            <p className="mt-1 text-slate-700">
              Protective measures for the employees affected: {d.protectiveMeasures}
            </p>
          ) : null}
          {actions.length === 0 ? (
            <p className="text-slate-700">
              {d.measuresAsCount ? "No sanctions recorded." : "No actions recorded."}
            </p>
          ) : (
            <ul className="mt-2 space-y-2">
              {actions.map((x) => (
                <li key={x.id} className="rounded border border-slate-200 p-3 text-sm">
                  <p className="font-medium">{actionLabel(x.catalogue, x.type)}</p>
                  <p className="text-slate-700">
                    {x.catalogue === "PROTECTIVE" ? "Protective measure" : "Sanction"} ·{" "}
                    {x.status.replace("_", " ").toLowerCase()}
                    {x.ownerName ? ` · owner ${x.ownerName}` : ""}
                    {x.dueAt ? ` · due ${formatDate(x.dueAt)}` : ""}
                    {x.reference ? ` · ${x.reference}` : ""}
                  </p>
                  {x.outcome ? <p>Outcome: {x.outcome}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="decisions">
        <h2 id="decisions" className="text-lg font-semibold">
          Decisions
        </h2>
        {decisions.length === 0 ? (
          <p className="text-slate-700">No decision recorded on this account yet.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {decisions.map((x) => (
              <li key={x.id} className="rounded border border-slate-200 p-3 text-sm">
                <p className="font-medium">
                  {DECISION_LABELS[x.decision as AccountDecision] ?? x.decision} ·{" "}
                  {formatDate(x.createdAt)}
                </p>
                <p className="text-slate-700">
                  {DECISION_STATUS_TEXT[x.status] ?? x.status}: proposed by {x.decidedBy},{" "}
                  {x.status === "PROPOSED" ? "waiting for" : "answered by"} {x.approver}
                  {x.reviewedAt ? ` on ${formatDate(x.reviewedAt)}` : ""}; affected employees
                  consulted: {x.employeesConsulted ? "yes" : "no"}
                </p>
                <p className="mt-1">{x.rationale}</p>
                {x.reviewComment ? (
                  <p className="mt-1 text-slate-700">Approver&apos;s comment: {x.reviewComment}</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {d.approvers ? (
          <div className="mt-4 rounded-lg bg-white p-4 shadow-sm">
            <h3 className="font-medium">Propose a decision on this account</h3>
            <p className="text-sm text-slate-700">
              {a.needsReview
                ? "This account is waiting for a decision. An approved one ends the review."
                : "Keep it, set conditions, suspend or end the relationship, with your reasons."}{" "}
              The approver you name is asked to approve it; the account&apos;s conduct status
              changes only once they do.
            </p>
            {reply ? (
              <p
                role={reply.ok ? "status" : "alert"}
                className={`mt-2 text-sm font-medium ${reply.ok ? "text-emerald-800" : "text-red-700"}`}
              >
                {reply.message}
              </p>
            ) : null}
            <div className="mt-2">
              <DecisionForm
                key={reply?.decisionId ?? "form"}
                approvers={d.approvers}
                errors={reply?.ok ? undefined : reply?.fieldErrors}
                values={reply?.ok ? undefined : reply?.values}
              />
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}
