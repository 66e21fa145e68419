import "~/i18n/case-messages";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AccountHistoryChart, monthLabel } from "~/components/charts/bar-charts";
import { DecisionForm } from "~/components/decision-form";
import { StatusBadge } from "~/components/status-badge";
import { TableHead } from "~/components/table-head";
import { monthKey } from "~/domain/account-scoring";
import { decisionFields } from "~/domain/decision-form";
import { can } from "~/domain/permissions";
import { DECISION_LABELS, type AccountDecision } from "~/domain/sanctions";
import { SEVERITIES } from "~/domain/vocabulary";
import { accountLabel, oneDecimal } from "~/i18n/account-labels";
import { accountErrors } from "~/i18n/account-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { accountExists } from "~/models/account.server";
import { getAccountView } from "~/models/account-stats.server";
import { accountApprovers, DecisionError, recordAccountDecision } from "~/models/decision.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "account:decide");
  const db = await getDb();
  const account = await accountExists(db, params.id ?? "");
  if (!account) throw notFound();
  const formData = await readForm(request);
  if (formData.get("intent") !== "decide") throw new Response("Unknown action", { status: 400 });
  const submission = parseWithZod(formData, { schema: decisionFields });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
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
    // A fresh page (and an empty form) after each proposal; the toast names the approver.
    return redirectWithToast(`/accounts/${account.id}`, {
      key: "toast.accountsDecisionProposed",
      values: { approver: result.approverName },
    });
  } catch (error) {
    if (error instanceof DecisionError) {
      return data(submission.reply({ fieldErrors: { approverId: [error.message] } }), {
        status: 400,
      });
    }
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, null, data.account.name) : pageTitle(matches, "accounts.page.title");
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

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

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

/** Form values as they were sent, for the decision form's fields (conform's reply keeps them). */
function sentValues(values: Record<string, unknown> | null | undefined) {
  if (!values) return undefined;
  return Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/** The reply's field errors in the page's language. */
function fieldErrors(
  errors: Record<string, string[] | null> | null | undefined,
  translate: (e: string[] | null) => string[] | undefined,
) {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, translate(v)]));
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
  const { t, language, number, money, date: formatDay } = useI18n();
  const date = (iso: string | null) => (iso ? formatDay(iso) : "–");
  const repeat = contacts.filter((c) => (c.incidents ?? 0) >= 2);
  const decisionWord = (code: string) => accountLabel(t, "decision", code);
  // Approved decisions only changed the account: the chart marks them, newest first.
  const approved = decisions.filter((x) => x.status === "APPROVED");
  const chartDecisions = approved.map((x) => ({
    month: monthKey(new Date(x.createdAt)),
    label: decisionWord(x.decision),
  }));
  const approverChoices = d.approvers?.map((p) => {
    // "Name (hr)": the role in the page's language.
    const m = /^(.*) \(([a-z]+)\)$/.exec(p.label);
    return {
      id: p.id,
      label: m
        ? t("accounts.decide.approverOption", {
            name: m[1],
            role: accountLabel(t, "approverRole", m[2]),
          })
        : p.label,
    };
  });
  const since = d.history?.sinceLastDecision;
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link to="/dashboard" className="text-brand-700 underline">
            {t("accounts.page.dashboard")}
          </Link>
          {d.canEdit ? (
            <>
              {" · "}
              <Link to="/accounts" className="text-brand-700 underline">
                {t("accounts.page.accounts")}
              </Link>
            </>
          ) : null}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{a.name}</h1>
        <p className="text-slate-700">
          {t("accounts.page.subtitle", {
            segment: accountLabel(t, "segment", a.segment),
            crmId: a.crmId,
            conduct: accountLabel(t, "conduct", a.conductStatus),
          })}
        </p>
        {d.canEdit ? (
          <p className="mt-2">
            <Link to={`/accounts/${a.id}/edit`} className="text-brand-700 underline">
              {t("accounts.page.edit")}
            </Link>
          </p>
        ) : null}
      </div>

      {a.needsReview ? (
        <div role="status" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">{t("accounts.page.flagged")}</p>
          <p className="text-sm">
            {repeat.length > 0
              ? `${t("accounts.page.repeatContacts", { count: repeat.length })} `
              : null}
            {t("accounts.page.flagStays")}
          </p>
        </div>
      ) : null}

      {figures ? (
        <section aria-labelledby="why">
          <h2 id="why" className="text-lg font-semibold">
            {t("accounts.why.title")}
          </h2>
          <p className="mt-1">
            {t("accounts.why.summary", {
              incidents: t("accounts.why.incidents", {
                count: figures.incidents,
                score: number(figures.score),
              }),
              employees: t("accounts.why.employees", { count: figures.employeesAffected }),
              repeat: t("accounts.why.repeat", { count: figures.repeatContacts }),
              rate:
                figures.perMillionArr === null
                  ? t("accounts.why.noArr")
                  : t("accounts.why.perMillion", {
                      rate: oneDecimal(figures.perMillionArr, language),
                    }),
              open: number(figures.open),
              overdue: number(figures.overdue),
              trend: t("accounts.why.trend", {
                recent: number(figures.trend.recent),
                previous: number(figures.trend.previous),
              }),
              decisions: t("accounts.why.decisions", { count: decisions.length }),
            })}
          </p>
        </section>
      ) : null}

      {d.history ? (
        <section aria-labelledby="over-time">
          <h2 id="over-time" className="text-lg font-semibold">
            {t("accounts.history.title", { count: d.history.months.length })}
          </h2>
          {since && approved[0] ? (
            <p className="mt-1">
              {t("accounts.history.sinceLast", {
                decision: decisionWord(approved[0].decision).toLocaleLowerCase(language),
                date: formatDay(since.at),
                after: t("accounts.history.incidents", { count: since.after }),
                days: t("accounts.history.days", { count: since.days }),
                before: number(since.before),
              })}
            </p>
          ) : (
            <p className="mt-1">{t("accounts.history.noDecision")}</p>
          )}
          <figure className="mt-2">
            <AccountHistoryChart data={d.history.months} decisions={chartDecisions} />
            <figcaption>
              <details className="mt-2 text-sm">
                <summary>{t("accounts.history.table")}</summary>
                <table className="mt-2">
                  <thead>
                    <tr>
                      <th scope="col" className="pr-4 text-left">
                        {t("accounts.history.month")}
                      </th>
                      {SEVERITIES.map((s) => (
                        <th key={s} scope="col" className="pr-4 text-right">
                          {vocabLabel(t, "severity", s)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.history.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row" className="pr-4 text-left font-normal">
                          {monthLabel(m.month, language, "long")}
                        </th>
                        {SEVERITIES.map((s) => (
                          <td key={s} className="pr-4 text-right">
                            {number(m[s])}
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
          {t("accounts.commercial.title")}
        </h2>
        {d.figuresWithheld ? (
          <p className="mt-1 max-w-prose text-slate-700">{t("accounts.commercial.withheld")}</p>
        ) : null}
        <dl className="mt-2 grid grid-cols-2 gap-4 sm:grid-cols-4">
          {a.arrMinor !== null ? (
            <Fact label={t("accounts.commercial.arr")}>{money(a.arrMinor, a.currency)}</Fact>
          ) : null}
          {a.contractValueMinor !== null ? (
            <Fact label={t("accounts.commercial.contractValue")}>
              {money(a.contractValueMinor, a.currency)}
            </Fact>
          ) : null}
          <Fact label={t("accounts.commercial.contract")}>
            {t("accounts.commercial.fromTo", {
              from: date(a.contractStart),
              to: date(a.contractEnd),
            })}
          </Fact>
          <Fact label={t("accounts.commercial.owner")}>{a.ownerName ?? "–"}</Fact>
          <Fact label={t("accounts.commercial.renewal")}>{date(a.renewalDate)}</Fact>
          <Fact label={t("accounts.commercial.noticeBy")}>{date(a.noticeDate)}</Fact>
          {a.paymentStatus !== null ? (
            <Fact label={t("accounts.commercial.payment")}>
              {(a.daysOverdue ?? 0) > 0
                ? t("accounts.commercial.daysOverdue", {
                    status: accountLabel(t, "payment", a.paymentStatus),
                    count: a.daysOverdue ?? 0,
                  })
                : accountLabel(t, "payment", a.paymentStatus)}
            </Fact>
          ) : null}
          <Fact label={t("accounts.commercial.conduct")}>
            {accountLabel(t, "conduct", a.conductStatus)}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="contacts">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="contacts" className="text-lg font-semibold">
            {t("accounts.contacts.title")}
          </h2>
          {d.canEdit ? (
            <Link to={`/accounts/${a.id}/contacts/new`} className="text-brand-700 underline">
              {t("accounts.contacts.add")}
            </Link>
          ) : null}
        </div>
        {contacts.length === 0 ? (
          <p className="text-slate-700">{t("accounts.contacts.none")}</p>
        ) : (
          <table className="mt-2 min-w-full text-sm">
            <TableHead
              columns={[
                t("accounts.contacts.name"),
                t("accounts.contacts.role"),
                figures && { label: t("accounts.contacts.incidents"), numeric: true },
                figures && t("accounts.contacts.mostRecent"),
              ]}
            />
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
                        <span className="sr-only"> {t("accounts.contacts.edit")}</span>
                      </Link>
                    ) : (
                      c.name
                    )}
                    {(c.incidents ?? 0) >= 2 ? (
                      <span className="ml-2 rounded bg-red-100 px-1 text-xs font-semibold text-red-800">
                        {t("accounts.contacts.repeat")}
                      </span>
                    ) : null}
                  </th>
                  <td className="py-2 pr-4">{c.jobTitle ?? "–"}</td>
                  {figures ? (
                    <>
                      <td className="py-2 pr-4 text-right">{number(c.incidents ?? 0)}</td>
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
            {t("accounts.incidents.title")}
          </h2>
          {incidents.length === 0 ? (
            <p className="text-slate-700">{t("accounts.incidents.none")}</p>
          ) : (
            <table className="mt-2 min-w-full text-sm">
              <TableHead
                columns={[
                  t("accounts.incidents.reference"),
                  t("accounts.incidents.when"),
                  t("accounts.incidents.severity"),
                  t("accounts.incidents.what"),
                  t("accounts.incidents.contacts"),
                  d.linksToCases && t("accounts.incidents.reportedBy"),
                  t("accounts.incidents.status"),
                ]}
              />
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
                    <td className="py-2 pr-4">{formatDay(i.occurredAt)}</td>
                    <td className="py-2 pr-4">{vocabLabel(t, "severity", i.severity)}</td>
                    <td className="py-2 pr-4">
                      {i.categories
                        .map((c) => vocabLabel(t, "category", c))
                        .join(t("common.listSeparator"))}
                    </td>
                    <td className="py-2 pr-4">
                      {i.contactNames.join(t("common.listSeparator")) || "–"}
                    </td>
                    {d.linksToCases ? <td className="py-2 pr-4">{i.reporterName}</td> : null}
                    <td className="py-2 pr-4">
                      <StatusBadge status={i.status} />
                      {i.overdue ? (
                        <span className="ml-2 text-xs font-semibold text-red-800">
                          {t("accounts.incidents.overdue")}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.olderIncidents ? (
            <p className="mt-2 text-sm">
              {t("accounts.incidents.newest", { count: incidents.length })}{" "}
              <Link
                to={`?before=${encodeURIComponent(d.olderIncidents)}#incidents`}
                className="text-brand-700 underline"
              >
                {t("accounts.incidents.older")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {figures ? (
        <section aria-labelledby="actions">
          <h2 id="actions" className="text-lg font-semibold">
            {t("accounts.actions.title")}
          </h2>
          {d.measuresAsCount ? (
            <p className="mt-1 text-slate-700">
              {t("accounts.actions.measuresCount", { measures: number(d.protectiveMeasures) })}
            </p>
          ) : null}
          {actions.length === 0 ? (
            <p className="text-slate-700">
              {d.measuresAsCount ? t("accounts.actions.noSanctions") : t("accounts.actions.none")}
            </p>
          ) : (
            <ul className="mt-2 space-y-2">
              {actions.map((x) => (
                <li key={x.id} className="rounded border border-slate-200 p-3 text-sm">
                  <p className="font-medium">
                    {x.catalogue === "PROTECTIVE"
                      ? accountLabel(t, "measure", x.type)
                      : accountLabel(t, "sanction", x.type)}
                  </p>
                  <p className="text-slate-700">
                    {x.catalogue === "PROTECTIVE"
                      ? t("accounts.actions.measure")
                      : t("accounts.actions.sanction")}{" "}
                    · {accountLabel(t, "actionStatus", x.status)}
                    {x.ownerName
                      ? ` · ${t("accounts.actions.owner", { name: x.ownerName })}`
                      : null}
                    {x.dueAt
                      ? ` · ${t("accounts.actions.due", { date: formatDay(x.dueAt) })}`
                      : null}
                    {x.reference ? ` · ${x.reference}` : null}
                  </p>
                  {x.outcome ? (
                    <p>{t("accounts.actions.outcome", { outcome: x.outcome })}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="decisions">
        <h2 id="decisions" className="text-lg font-semibold">
          {t("accounts.decisions.title")}
        </h2>
        {decisions.length === 0 ? (
          <p className="text-slate-700">{t("accounts.decisions.none")}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {decisions.map((x) => (
              <li key={x.id} className="rounded border border-slate-200 p-3 text-sm">
                <p className="font-medium">
                  {decisionWord(x.decision)} · {formatDay(x.createdAt)}
                </p>
                <p className="text-slate-700">
                  {t("accounts.decisions.line", {
                    status: accountLabel(t, "decisionStatus", x.status),
                    by: x.decidedBy,
                    answer:
                      x.status === "PROPOSED"
                        ? t("accounts.decisions.waitingFor", { approver: x.approver })
                        : x.reviewedAt
                          ? t("accounts.decisions.answeredOn", {
                              approver: x.approver,
                              date: formatDay(x.reviewedAt),
                            })
                          : t("accounts.decisions.answeredBy", { approver: x.approver }),
                    consulted: x.employeesConsulted
                      ? t("accounts.decisions.yes")
                      : t("accounts.decisions.no"),
                  })}
                </p>
                <p className="mt-1">{x.rationale}</p>
                {x.reviewComment ? (
                  <p className="mt-1 text-slate-700">
                    {t("accounts.decisions.comment", { comment: x.reviewComment })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {approverChoices ? (
          <div className="mt-4 rounded-lg bg-white p-4 shadow-sm">
            <h3 className="font-medium">{t("accounts.decide.title")}</h3>
            <p className="text-sm text-slate-700">
              {a.needsReview ? t("accounts.decide.waiting") : t("accounts.decide.choices")}{" "}
              {t("accounts.decide.approval")}
            </p>
            {reply?.status === "error" ? (
              <p role="alert" className="mt-2 text-sm font-medium text-red-700">
                {t("accounts.decide.check")}
              </p>
            ) : null}
            <div className="mt-2">
              <DecisionForm
                approvers={approverChoices}
                errors={fieldErrors(reply?.error, (e) => accountErrors(t, e, language))}
                values={sentValues(reply?.initialValue)}
                submitLabel={t("accounts.decide.submit")}
              />
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}
