import "~/i18n/case-messages";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useLocation,
} from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect } from "react";
import { CaseForm, Section } from "~/components/case/case-form";
import { CasePeople } from "~/components/case/case-people";
import { CaseSummary, KeptResult } from "~/components/case/case-summary";
import { ActionList, ActOnCase, AssessForm, ReopenCase } from "~/components/case/case-work";
import { DecisionForm } from "~/components/decision-form";
import { DetailItem } from "~/components/detail-item";
import { Timeline } from "~/components/timeline";
import { Field, inputClass } from "~/components/ui/field";
import { nextStep } from "~/domain/case-rules";
import type { IncidentStatus } from "~/domain/vocabulary";
import { caseLabel, CONDUCT_KEYS, DECISION_KEYS } from "~/i18n/case-vocabulary";
import { pageLanguage } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { serverT } from "~/i18n/resources.server";
import { vocabLabel } from "~/i18n/vocabulary";
import { getCasePage } from "~/models/case-page.server";
import { recordCaseView } from "~/models/incident-handling.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIncidentAccess } from "~/utils/incident-access.server";
import { readForm } from "~/utils/read-form.server";
import { runIntent } from "./intents.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, null, data.incident.reference) : pageTitle(matches, "case.title");

/** The reader's language and words: their setting, else their browser's. */
async function reader(request: Request, user: { language: string }) {
  const language = await pageLanguage(request, user.language);
  return { language, t: serverT(language) };
}

/**
 * A page load the browser makes as a document (typed address, reload, a link opened in a new
 * tab), or any client that is not the app's own script. The app's data requests (client-side
 * navigations and the revalidation after every form) come from `fetch`, which browsers mark
 * with a Sec-Fetch-Mode other than "navigate"; those do not log a view here — the page logs one
 * itself after a client-side navigation (see `useLogViewOnce`).
 */
function isDocumentRequest(request: Request): boolean {
  const mode = request.headers.get("sec-fetch-mode");
  return mode === null || mode === "navigate";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  // Every look at a case is on its (hash-chained) timeline: who, and when — once per page view.
  const viewRecorded = isDocumentRequest(request);
  if (viewRecorded) await recordCaseView(db, { incidentId: id, actorId: user.id });
  const page = await getCasePage(db, id, user, await reader(request, user));
  return { ...page, viewRecorded };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  const formData = await readForm(request);
  const { status } = await db.incident.findUniqueOrThrow({
    where: { id },
    select: { status: true },
  });
  return runIntent(
    {
      db,
      incidentId: id,
      actorId: user.id,
      status: status as IncidentStatus,
      ...(await reader(request, user)),
    },
    formData,
  );
}

/** Logging a view changes nothing on the page: no need to load it again afterwards. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formData,
  defaultShouldRevalidate,
}) => (formData?.get("intent") === "view" ? false : defaultShouldRevalidate);

/**
 * After a client-side navigation the loader did not log the view (it cannot tell a navigation
 * from a revalidation): the page posts one "view" once per visit, keyed by the location.
 */
function useLogViewOnce(viewRecorded: boolean) {
  const location = useLocation();
  const fetcher = useFetcher({ key: "case-view" });
  useEffect(() => {
    if (!viewRecorded) fetcher.submit({ intent: "view" }, { method: "post" });
    // Only a new location (a new visit) logs again; revalidations keep the same key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  // A fresh page (and fresh forms) per case: answers never carry over to another case.
  return <CaseView key={data.incident.reference} data={data} />;
}

function CaseView({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const {
    incident,
    timeline,
    views,
    me,
    approvers,
    assessed,
    figures,
    actions,
    decisions,
    canExport,
    messages,
    evidence,
    support,
    people,
  } = data;
  useLogViewOnce(data.viewRecorded);
  const { t, dateTime, date } = useI18n();
  // The shared decision form posts as a plain form; its answer comes back as action data.
  const decided = useActionData<typeof action>();
  const decideErrors =
    decided && !decided.ok && decided.intent === "decide" ? decided.fieldErrors : undefined;
  const open = incident.status !== "RESOLVED";
  const protectiveClock = incident.deadlines.find((d) => d.kind === "FIRST_PROTECTIVE_ACTION");
  const step = nextStep({
    status: incident.status as IncidentStatus,
    assessed,
    unansweredSupport: support.filter((s) => !s.answer).length,
    protectiveClockOpen: !!protectiveClock && !protectiveClock.metAt,
    statementsAwaited: people.witnesses.filter((w) => w.request && !w.request.submittedAt).length,
  });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{incident.reference}</h1>
        <span className="text-slate-700">
          {t("case.byline", { account: incident.accountName, reporter: incident.reporterName })}
        </span>
        {canExport ? (
          // A POST: the download records an export on the case's timeline.
          <Form
            method="post"
            action={`/cases/${incident.reference}/case-file`}
            reloadDocument
            className="ml-auto"
          >
            <button type="submit" className="text-brand-700 underline">
              {t("case.downloadCaseFile")}
            </button>
          </Form>
        ) : null}
      </div>
      <CaseSummary
        reference={incident.reference}
        status={incident.status}
        nextStep={step}
        clocks={incident.deadlines}
        support={support}
        open={open}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <Section id="narrative-heading" title={t("case.whatHappened")}>
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
              <DetailItem label={t("case.reportedBy")}>{incident.reporterName}</DetailItem>
              <DetailItem label={t("case.handledBy")}>
                {incident.assigneeName ?? t("case.unassigned")}
              </DetailItem>
              <DetailItem label={t("case.account")}>{incident.accountName}</DetailItem>
              <DetailItem label={t("case.when")}>{dateTime(incident.occurredAt)}</DetailItem>
              <DetailItem label={t("case.how")}>
                {vocabLabel(t, "channel", incident.channel)}
              </DetailItem>
              <DetailItem label={t("case.severity")}>
                {t(assessed ? "case.severityAssessed" : "case.severityAsReported", {
                  severity: vocabLabel(t, "severity", incident.severity),
                })}
              </DetailItem>
              {incident.categories.length ? (
                <DetailItem label={t("case.behaviour")} className="sm:col-span-2">
                  {incident.categories
                    .map((c) => vocabLabel(t, "category", c))
                    .join(t("common.listSeparator"))}
                </DetailItem>
              ) : null}
            </dl>
            <p className="whitespace-pre-wrap">{incident.narrative}</p>
            {incident.impact ? (
              <>
                <h3 className="font-medium">{t("case.impact")}</h3>
                <p className="whitespace-pre-wrap">{incident.impact}</p>
              </>
            ) : null}
          </Section>
          <CasePeople
            reference={incident.reference}
            contacts={people.contacts}
            witnesses={people.witnesses}
            named={people.named}
            open={open}
          />
          <Section id="messages-heading" title={t("case.messages")}>
            {messages.length === 0 ? (
              <p className="text-slate-600">{t("case.noMessages")}</p>
            ) : (
              <ol className="space-y-2" aria-label={t("case.messagesList")}>
                {messages.map((m) => (
                  <li key={m.id}>
                    <p className="whitespace-pre-wrap">{m.body}</p>
                    <p className="text-sm text-slate-600">
                      {dateTime(m.at)} · {m.authorName}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            <CaseForm intent="message" submitLabel={t("case.sendMessage")}>
              {(errors) => (
                <Field
                  id="message-body"
                  label={t("case.messageLabel")}
                  hint={t("case.messageHint")}
                  errors={errors?.body}
                >
                  {(ids) => <textarea name="body" rows={2} className={inputClass} {...ids} />}
                </Field>
              )}
            </CaseForm>
          </Section>
          {evidence.length ? (
            <Section id="evidence-heading" title={t("case.evidence")}>
              <ul className="space-y-1">
                {evidence.map((e) => (
                  <li key={e.id}>
                    <a href={`/evidence/${e.id}`} className="underline" download>
                      {e.fileName}
                    </a>{" "}
                    <span className="break-all text-sm text-slate-600">
                      {t("case.sha256", { hash: e.sha256 })}
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </div>
        <div className="space-y-6">
          <KeptResult fetcherKey={`${incident.reference}:resolve`} show={false} />
          {open ? (
            <ActOnCase reference={incident.reference} me={me} />
          ) : (
            <ReopenCase reference={incident.reference} />
          )}
          <ActionList reference={incident.reference} actions={actions} me={me} open={open} />
          <Section id="notes-heading" title={t("case.privateNote")}>
            <CaseForm intent="note" submitLabel={t("case.addNote")}>
              {(errors) => (
                <Field
                  id="note-text"
                  label={t("case.noteLabel")}
                  hint={t("case.noteHint")}
                  errors={errors?.text}
                >
                  {(ids) => <textarea name="text" rows={2} className={inputClass} {...ids} />}
                </Field>
              )}
            </CaseForm>
          </Section>
          <AssessForm
            severity={incident.severity}
            categories={incident.categories}
            assessed={assessed}
            open={open}
          />
          {figures ? (
            <Section id="figures-heading" title={t("case.figures.title")}>
              <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
                <DetailItem label={t("case.figures.arr")}>{figures.arr}</DetailItem>
                <DetailItem label={t("case.figures.contractValue")}>
                  {figures.contractValue}
                </DetailItem>
                <DetailItem label={t("case.figures.renewal")}>
                  {figures.renewalDate ? date(figures.renewalDate) : t("case.figures.notSet")}
                </DetailItem>
                <DetailItem label={t("case.figures.payment")}>
                  {figures.paymentStatus === "CURRENT"
                    ? t("case.figures.paymentCurrent")
                    : figures.paymentStatus === "IN_DISPUTE"
                      ? t("case.figures.paymentDispute", { count: figures.daysOverdue })
                      : t("case.figures.paymentLate", { count: figures.daysOverdue })}
                </DetailItem>
                <DetailItem label={t("case.figures.conduct")}>
                  {caseLabel(t, CONDUCT_KEYS, figures.conductStatus)}
                </DetailItem>
                <DetailItem label={t("case.figures.lastDecision")}>
                  {figures.lastDecision
                    ? t("case.figures.lastDecisionOn", {
                        decision: caseLabel(t, DECISION_KEYS, figures.lastDecision.decision),
                        date: date(figures.lastDecision.at),
                      })
                    : t("case.figures.noneYet")}
                </DetailItem>
              </dl>
            </Section>
          ) : null}
          <Section id="decision-heading" title={t("case.decisionTitle")}>
            {decisions.length ? (
              <ul className="space-y-1">
                {decisions.map((d) => (
                  <li key={d.id}>
                    {t(
                      d.status === "APPROVED"
                        ? "case.decisionApproved"
                        : d.status === "REJECTED"
                          ? "case.decisionRejected"
                          : "case.decisionWaiting",
                      {
                        date: date(d.at),
                        decision: caseLabel(t, DECISION_KEYS, d.decision),
                        approver: d.approverName,
                        consulted: d.consulted ? t("case.consultedYes") : t("case.consultedNo"),
                      },
                    )}{" "}
                    {d.rationale}
                  </li>
                ))}
              </ul>
            ) : null}
            {decided && decided.intent === "decide" ? (
              <p role="status" className={decided.ok ? "text-emerald-800" : "text-red-700"}>
                {decided.message}
              </p>
            ) : null}
            {open ? (
              <DecisionForm
                approvers={approvers.map((a) => ({
                  id: a.id,
                  label: t("case.personWithRole", {
                    name: a.name,
                    role: vocabLabel(t, "role", a.role),
                  }),
                }))}
                errors={decideErrors}
                values={decideErrors ? decided?.values : undefined}
              />
            ) : null}
          </Section>
        </div>
      </div>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          {t("case.timeline")}
        </h2>
        <Timeline items={timeline} />
        <details className="mt-4">
          <summary>{t("case.viewed", { count: views.length })}</summary>
          <ul className="mt-2 text-sm text-slate-700">
            {views.map((v) => (
              <li key={v.id}>
                {dateTime(v.at)} · {v.actorName ?? t("case.someone")}
              </li>
            ))}
          </ul>
        </details>
        <p className="mt-2 text-sm">
          {canExport ? (
            <Link to={`/hr/verify?reference=${incident.reference}`} className="underline">
              {t("case.verify")}
            </Link>
          ) : null}
        </p>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
