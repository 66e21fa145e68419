import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { readDraft, clearDraft } from "~/components/report-form/use-report-draft";
import { DetailItem } from "~/components/detail-item";
import { StatusBadge } from "~/components/status-badge";
import { TitledSection } from "~/components/titled-section";
import { Timeline } from "~/components/timeline";
import {
  buttonClass,
  Field,
  FilesField,
  inputClass,
  secondaryButtonClass,
} from "~/components/ui/field";
import { minutesLeft } from "~/domain/deadlines";
import { EVIDENCE_ACCEPT, EVIDENCE_FIELD, TOTAL_TOO_LARGE_MESSAGE } from "~/domain/evidence";
import { SUPPORT_KINDS, type SupportKind } from "~/domain/vocabulary";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { timeLeftText } from "~/i18n/time";
import { vocabLabel } from "~/i18n/vocabulary";
import { CaseMessageError, listCaseMessages, postCaseMessage } from "~/models/case-message.server";
import {
  addEvidenceToReport,
  evidenceBytes,
  evidenceCount,
  listEvidence,
} from "~/models/evidence.server";
import { getIncidentForReporter } from "~/models/incident.server";
import { pageLanguage } from "~/i18n/i18n.server";
import { serverT } from "~/i18n/resources.server";
import { getTimelineItems } from "~/models/timeline-view.server";
import { getCriticalGuidance } from "~/models/critical-guidance.server";
import { markReportSeen } from "~/models/reporter-news.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import {
  discardEvidence,
  placeEvidence,
  readFormWithEvidence,
} from "~/utils/evidence-storage.server";
import { requireIncidentAccess } from "~/utils/incident-access.server";
import { useSubmitting } from "~/utils/use-submitting";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, null, data.incident.reference) : pageTitle(matches, "reportPage.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  // Only the reporter reads a report this way; handlers use /cases/:reference.
  const { id } = await requireIncidentAccess(db, user, params.reference, ["reporter"]);
  await markReportSeen(db, id, user.id); // clears the unread marker in My reports
  const incident = await getIncidentForReporter(db, id);
  // The timeline reads in the page's language (the person's setting, else the browser's).
  const t = serverT(await pageLanguage(request, user.language));
  const timeline = await getTimelineItems(db, id, { forReporter: true, t });
  const [messages, evidence, key] = await Promise.all([
    listCaseMessages(db, id),
    listEvidence(db, id),
    db.incident.findUniqueOrThrow({ where: { id }, select: { submissionKey: true } }),
  ]);
  const ack = incident.deadlines[0];
  // Someone who feels unsafe now reads the admin's guidance first (decision 057).
  const criticalGuidance =
    incident.reporterSeverity === "CRITICAL" ? (await getCriticalGuidance(db)).text : null;
  return {
    userId: user.id,
    criticalGuidance,
    submissionKey: key.submissionKey,
    messages: messages.map((m) => ({
      id: m.id,
      body: m.body,
      at: m.createdAt.toISOString(),
      mine: m.authorId === user.id,
      authorName: m.authorId === user.id ? null : m.authorName,
    })),
    evidence: evidence.map((e) => ({ id: e.id, fileName: e.fileName, sizeBytes: e.sizeBytes })),
    incident: {
      reference: incident.reference,
      status: incident.status,
      accountName: incident.account.name,
      channel: incident.channel,
      severity: incident.reporterSeverity,
      occurredAt: incident.occurredAt.toISOString(),
      narrative: incident.narrative,
      impact: incident.impact,
      categories: incident.categories.map((c) => c.category),
      contacts: incident.contacts.map((c) => c.contact.name),
      witnesses: incident.witnesses.map((w) => w.user.name),
      named: incident.namedUsers.map((n) => n.user.name),
      support: incident.supportRequests
        .map((r) => ({ kind: r.kind, answer: r.answer, reason: r.answerReason }))
        .sort(
          (a, b) =>
            SUPPORT_KINDS.indexOf(a.kind as SupportKind) -
            SUPPORT_KINDS.indexOf(b.kind as SupportKind),
        ),
      handlerName: incident.assignee?.name ?? null,
      acknowledgeBy: ack && !ack.metAt ? ack.dueAt.toISOString() : null,
      minutesLeft: ack && !ack.metAt ? minutesLeft(ack.dueAt, new Date()) : null,
    },
    timeline,
  };
}

const NO_FILE_MESSAGE = "Please choose a file to add.";

type Reply =
  | { intent: "message"; ok: boolean; error: string | null; body: string }
  | { intent: "evidence"; ok: boolean; error: string | null; added: number };

const reply = (r: Reply, status = 200) => data(r, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["reporter"]);
  const read = await readFormWithEvidence(request, {
    fileField: EVIDENCE_FIELD,
    maxPlainBodyBytes: 256 * 1024,
    alreadyStoredBytes: await evidenceBytes(db, id),
    alreadyStoredFiles: await evidenceCount(db, id),
  });
  if ("tooLarge" in read) {
    // Only the evidence form is multipart; anything else this large is an oversized message.
    if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      return reply(
        { intent: "message", ok: false, error: "This message is too long to send.", body: "" },
        413,
      );
    }
    return reply({ intent: "evidence", ok: false, error: TOTAL_TOO_LARGE_MESSAGE, added: 0 }, 413);
  }
  if ("malformed" in read) {
    throw new Response("We could not read this form. Please try again.", { status: 400 });
  }
  const { formData, uploads } = read;
  const intent = formData.get("intent");

  if (intent === "evidence") {
    const evidence = uploads ? await uploads.finish() : { files: [], errors: [] };
    const error = evidence.errors.join(" ") || (evidence.files.length ? null : NO_FILE_MESSAGE);
    if (error) return reply({ intent, ok: false, error, added: 0 }, 400);
    try {
      await addEvidenceToReport(db, {
        incidentId: id,
        uploadedById: user.id,
        files: evidence.files,
      });
    } catch (e) {
      await discardEvidence(evidence.files);
      throw e;
    }
    await placeEvidence(evidence.files); // only now that their rows have committed
    return reply({ intent, ok: true, error: null, added: evidence.files.length });
  }

  // Only the evidence form may carry files.
  await uploads?.discard();
  if (intent !== "message") throw new Response("Unknown action", { status: 400 });
  const body = String(formData.get("body") ?? "");
  try {
    await postCaseMessage(db, { incidentId: id, authorId: user.id, body });
  } catch (error) {
    if (error instanceof CaseMessageError) {
      return reply({ intent, ok: false, error: error.message, body }, 400);
    }
    throw error;
  }
  return reply({ intent, ok: true, error: null, body: "" });
}

export default function ReportDetail() {
  const { incident, timeline, messages, evidence, userId, submissionKey, criticalGuidance } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const reply = answer?.intent === "message" ? answer : undefined;
  const evidenceReply = answer?.intent === "evidence" ? answer : undefined;
  const messageForm = useRef<HTMLFormElement>(null);
  const evidenceForm = useRef<HTMLFormElement>(null);
  const [params] = useSearchParams();
  const justFiled = params.get("filed") === "1";
  const { t, dateTime, fileSize } = useI18n();

  // The report is filed: its draft on this device has done its job.
  useEffect(() => {
    const draft = readDraft(userId);
    if (draft && submissionKey && draft.fields.submissionKey?.[0] === submissionKey) {
      clearDraft(userId);
    }
  }, [userId, submissionKey]);

  useEffect(() => {
    if (reply?.ok) messageForm.current?.reset();
  }, [reply]);
  useEffect(() => {
    if (evidenceReply?.ok) evidenceForm.current?.reset();
  }, [evidenceReply]);
  const uploading = useSubmitting("evidence");
  const posting = useSubmitting("message");
  return (
    <div className="space-y-6">
      {justFiled && criticalGuidance ? (
        <section
          aria-labelledby="critical-guidance"
          className="rounded-lg border-2 border-red-700 bg-red-50 p-4"
        >
          <h2 id="critical-guidance" className="text-lg font-semibold text-red-800">
            {t("reportPage.unsafeNow")}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {criticalGuidance
              .split("\n")
              .filter((line) => line.trim())
              .map((line, i) => (
                <li key={i}>{line}</li>
              ))}
          </ul>
        </section>
      ) : null}
      {justFiled ? (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
          <p className="font-semibold">
            {t("reportPage.thanks", { reference: incident.reference })}
          </p>
          <p className="mt-1">
            {incident.handlerName
              ? incident.acknowledgeBy
                ? t("reportPage.sentToBy", {
                    name: incident.handlerName,
                    date: dateTime(incident.acknowledgeBy),
                  })
                : t("reportPage.sentTo", { name: incident.handlerName })
              : incident.acknowledgeBy
                ? t("reportPage.sentToHrBy", { date: dateTime(incident.acknowledgeBy) })
                : t("reportPage.sentToHr")}{" "}
            {t("reportPage.escalation")}
          </p>
          <p className="mt-1">{t("reportPage.mailsNote")}</p>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{incident.reference}</h1>
        <StatusBadge status={incident.status} />
      </div>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2">
        <DetailItem label={t("report.account")}>{incident.accountName}</DetailItem>
        <DetailItem label={t("reportPage.when")}>{dateTime(incident.occurredAt)}</DetailItem>
        <DetailItem label={t("reportPage.how")}>
          {vocabLabel(t, "channel", incident.channel)}
        </DetailItem>
        <DetailItem label={t("reportPage.severity")}>
          {vocabLabel(t, "severity", incident.severity)}
        </DetailItem>
        <DetailItem label={t("reportPage.handledBy")}>
          {incident.handlerName ?? t("reportPage.hr")}
        </DetailItem>
        {incident.minutesLeft !== null && incident.acknowledgeBy ? (
          <DetailItem label={t("reportPage.mustAcknowledge")}>
            {t("reportPage.byDate", {
              date: dateTime(incident.acknowledgeBy),
              left: timeLeftText(t, incident.minutesLeft),
            })}
          </DetailItem>
        ) : null}
      </dl>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          {t("reportPage.timeline")}
        </h2>
        <Timeline items={timeline} />
      </section>
      <TitledSection
        id="narrative-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("reportPage.whatYouReported")}
      >
        <p className="mt-2 whitespace-pre-wrap">{incident.narrative}</p>
        {incident.impact ? (
          <>
            <h3 className="mt-4 font-medium">{t("reportPage.impact")}</h3>
            <p className="mt-1 whitespace-pre-wrap">{incident.impact}</p>
          </>
        ) : null}
        <dl className="mt-4 space-y-2">
          {incident.categories.length ? (
            <DetailItem label={t("reportPage.categories")}>
              {incident.categories
                .map((c) => vocabLabel(t, "category", c))
                .join(t("common.listSeparator"))}
            </DetailItem>
          ) : null}
          {incident.contacts.length ? (
            <DetailItem label={t("reportPage.contacts")}>
              {incident.contacts.join(t("common.listSeparator"))}
            </DetailItem>
          ) : null}
          {incident.witnesses.length ? (
            <DetailItem label={t("report.witnesses")}>
              {incident.witnesses.join(t("common.listSeparator"))}
            </DetailItem>
          ) : null}
          {incident.named.length ? (
            <DetailItem label={t("reportPage.named")}>
              {incident.named.join(t("common.listSeparator"))}
            </DetailItem>
          ) : null}
          {incident.support.length ? (
            <DetailItem label={t("reportPage.support")}>
              <ul>
                {incident.support.map((r) => (
                  <li key={r.kind}>
                    {t("reportPage.supportLine", {
                      kind: vocabLabel(t, "support", r.kind),
                      answer:
                        r.answer === "ARRANGED"
                          ? t("reportPage.arranged")
                          : r.answer === "DECLINED"
                            ? t("reportPage.declined")
                            : t("reportPage.waiting"),
                    })}
                    {r.reason ? ` (${r.reason})` : ""}
                  </li>
                ))}
              </ul>
            </DetailItem>
          ) : null}
        </dl>
      </TitledSection>
      <TitledSection
        id="evidence-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("report.evidence")}
      >
        {evidence.length ? (
          <ul className="mt-2 space-y-1">
            {evidence.map((e) => (
              <li key={e.id}>
                <a href={`/evidence/${e.id}`} className="text-brand-700 underline" download>
                  {e.fileName}
                </a>{" "}
                <span className="text-sm text-slate-600">({fileSize(e.sizeBytes)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-600">{t("reportPage.noFiles")}</p>
        )}
        <Form
          method="post"
          encType="multipart/form-data"
          ref={evidenceForm}
          className="mt-4 space-y-2"
        >
          <input type="hidden" name="intent" value="evidence" />
          <FilesField
            id={EVIDENCE_FIELD}
            accept={EVIDENCE_ACCEPT}
            label={t("reportPage.addFile")}
            hint={t("reportPage.addFileHint")}
            errors={evidenceReply?.error ? [evidenceReply.error] : undefined}
          />
          <button type="submit" className={`${secondaryButtonClass} min-h-11`} disabled={uploading}>
            {uploading ? t("reportPage.adding") : t("reportPage.addSubmit")}
          </button>
          {evidenceReply?.ok ? (
            <p role="status" className="text-sm text-emerald-800">
              {t("reportPage.filesAdded", { count: evidenceReply.added })}{" "}
              {t("reportPage.handlerTold")}
            </p>
          ) : null}
        </Form>
      </TitledSection>
      <TitledSection
        id="messages-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("reportPage.messages")}
      >
        <p className="text-sm text-slate-600">{t("reportPage.messagesIntro")}</p>
        {messages.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("reportPage.noMessages")}</p>
        ) : (
          <ol className="mt-3 space-y-3" aria-label={t("reportPage.messages")}>
            {messages.map((m) => (
              <li
                key={m.id}
                className={`rounded-md p-3 ${m.mine ? "bg-brand-50" : "bg-slate-100"}`}
              >
                <p className="text-sm text-slate-700">
                  <span className="font-medium">{m.authorName ?? t("reportPage.you")}</span> ·{" "}
                  <time dateTime={m.at}>{dateTime(m.at)}</time>
                </p>
                <p className="mt-1 whitespace-pre-wrap">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        <Form method="post" ref={messageForm} className="mt-4 space-y-2">
          <input type="hidden" name="intent" value="message" />
          <Field
            id="message-body"
            label={t("reportPage.writeMessage")}
            errors={reply?.error ? [reply.error] : undefined}
          >
            {(ids) => (
              <textarea
                {...ids}
                name="body"
                rows={3}
                defaultValue={reply?.ok === false ? reply.body : ""}
                className={inputClass}
              />
            )}
          </Field>
          <button type="submit" className={`${buttonClass} min-h-11`} disabled={posting}>
            {posting ? t("reportPage.sendingMessage") : t("reportPage.sendMessage")}
          </button>
          {reply?.ok ? (
            <p role="status" className="text-sm text-emerald-800">
              {t("reportPage.messageSent")}
            </p>
          ) : null}
        </Form>
      </TitledSection>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
