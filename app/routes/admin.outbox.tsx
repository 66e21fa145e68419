import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import type { TFunction } from "i18next";
import { z } from "zod";
import { Fact, ItemButton, OutcomeNote, RecordCard } from "~/components/record-list";
import { secondaryButtonClass } from "~/components/ui/field";
import { MAX_DELIVERY_ATTEMPTS } from "~/domain/backoff";
import {
  listSetAsideMails,
  mailRecipient,
  outboxCounts,
  retryAllSetAsideMails,
  retrySetAsideMail,
  SET_ASIDE_LIST_LIMIT,
} from "~/models/outbox-admin.server";
import type { TemplateName } from "~/models/notification.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.outbox.title");

/** The kind of mail, as the list names it. */
function templateLabel(t: TFunction, template: string): string {
  switch (template as TemplateName) {
    case "NEW_REPORT_ASSIGNED":
      return t("admin.outbox.templates.NEW_REPORT_ASSIGNED");
    case "REPORT_ACKNOWLEDGED":
      return t("admin.outbox.templates.REPORT_ACKNOWLEDGED");
    case "DEADLINE_REMINDER":
      return t("admin.outbox.templates.DEADLINE_REMINDER");
    case "DEADLINE_ESCALATION":
      return t("admin.outbox.templates.DEADLINE_ESCALATION");
    case "REPORTER_UPDATE":
      return t("admin.outbox.templates.REPORTER_UPDATE");
    case "MESSAGE_RECEIVED":
      return t("admin.outbox.templates.MESSAGE_RECEIVED");
    case "REPEAT_OFFENDER":
      return t("admin.outbox.templates.REPEAT_OFFENDER");
    case "EVIDENCE_ADDED":
      return t("admin.outbox.templates.EVIDENCE_ADDED");
    case "INVITATION":
      return t("admin.outbox.templates.INVITATION");
    case "PASSWORD_RESET":
      return t("admin.outbox.templates.PASSWORD_RESET");
    case "SUPPORT_ANSWERED":
      return t("admin.outbox.templates.SUPPORT_ANSWERED");
    case "STATEMENT_REQUESTED":
      return t("admin.outbox.templates.STATEMENT_REQUESTED");
    case "STATEMENT_RECEIVED":
      return t("admin.outbox.templates.STATEMENT_RECEIVED");
    case "DECISION_PROPOSED":
      return t("admin.outbox.templates.DECISION_PROPOSED");
    case "DECISION_REVIEWED":
      return t("admin.outbox.templates.DECISION_REVIEWED");
    case "CRITICAL_REPORT":
      return t("admin.outbox.templates.CRITICAL_REPORT");
    case "CASE_RESOLVED":
      return t("admin.outbox.templates.CASE_RESOLVED");
    case "PROTECTION_RECORDED":
      return t("admin.outbox.templates.PROTECTION_RECORDED");
    default:
      return template;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const [counts, mails] = await Promise.all([outboxCounts(db), listSetAsideMails(db)]);
  return {
    counts,
    mails: mails.map((m) => ({
      ...m,
      createdAt: m.createdAt.toISOString(),
      lastAttemptAt: m.lastAttemptAt.toISOString(),
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), id: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("retry-all") }),
]);

/** What happened, worded on the page in its reader's language. */
type ActionData =
  | { ok: false; outcome: "not-understood" | "not-set-aside" }
  | { ok: true; outcome: "none-set-aside" }
  | { ok: true; outcome: "all-queued"; count: number }
  | { ok: true; outcome: "queued"; to: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const db = await getDb();
  const submission = parseWithZod(await readForm(request), { schema: actionSchema });
  if (submission.status !== "success") {
    return data<ActionData>({ ok: false, outcome: "not-understood" }, { status: 400 });
  }
  if (submission.value.intent === "retry-all") {
    const count = await retryAllSetAsideMails(db, user.id);
    return data<ActionData>(
      count === 0
        ? { ok: true, outcome: "none-set-aside" }
        : { ok: true, outcome: "all-queued", count },
    );
  }
  const { id } = submission.value;
  const changed = await retrySetAsideMail(db, id, user.id);
  if (!changed) return data<ActionData>({ ok: false, outcome: "not-set-aside" });
  const to = await mailRecipient(db, id);
  return data<ActionData>({ ok: true, outcome: "queued", to });
}

function outcomeText(t: TFunction, result: ActionData): string {
  switch (result.outcome) {
    case "not-understood":
      return t("admin.outbox.notUnderstood");
    case "not-set-aside":
      return t("admin.outbox.notSetAside");
    case "none-set-aside":
      return t("admin.outbox.noneSetAside");
    case "all-queued":
      return t("admin.outbox.allQueued", { count: result.count });
    case "queued":
      return result.to
        ? t("admin.outbox.queued", { to: result.to })
        : t("admin.outbox.queuedNoAddress");
  }
}

export default function AdminOutbox() {
  const { counts, mails } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const retrying = busy ? navigation.formData?.get("id") : null;
  const { t, dateTime, number } = useI18n();
  const stats = [
    { label: t("admin.outbox.waiting"), value: counts.pending + counts.sending },
    { label: t("admin.outbox.sent"), value: counts.sent },
    { label: t("admin.outbox.setAside"), value: counts.dead },
  ];
  return (
    <div className="space-y-6">
      <div>
        <BackLink to="/admin">{t("admin.common.admin")}</BackLink>
        <h1 className="text-2xl font-semibold">{t("admin.outbox.title")}</h1>
        <p className="mt-2 text-slate-700">
          {t("admin.outbox.intro", { attempts: MAX_DELIVERY_ATTEMPTS })}
        </p>
      </div>
      <dl className="grid grid-cols-3 gap-3">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg bg-white p-3 shadow-sm">
            <dt className="text-sm text-slate-600">{s.label}</dt>
            <dd className="text-2xl font-semibold">{number(s.value)}</dd>
          </div>
        ))}
      </dl>
      {result ? <OutcomeNote ok={result.ok}>{outcomeText(t, result)}</OutcomeNote> : null}
      <section aria-labelledby="set-aside-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="set-aside-heading" className="text-lg font-semibold">
            {t("admin.outbox.setAsideHeading")}
          </h2>
          {mails.length > 1 ? (
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="retry-all"
                className={secondaryButtonClass}
                disabled={busy}
              >
                {t("admin.outbox.retryAll", { count: counts.dead })}
              </button>
            </Form>
          ) : null}
        </div>
        {counts.dead > mails.length ? (
          <p className="text-sm text-slate-700">
            {t("admin.outbox.showing", { shown: SET_ASIDE_LIST_LIMIT, count: counts.dead })}
          </p>
        ) : null}
        {mails.length === 0 ? (
          <p className="text-slate-700">{t("admin.outbox.nothing")}</p>
        ) : (
          <ul className="space-y-2" aria-label={t("admin.outbox.setAsideHeading")}>
            {mails.map((m) => (
              <RecordCard
                key={m.id}
                action={
                  <ItemButton
                    id={m.id}
                    intent="retry"
                    disabled={retrying === m.id}
                    which={t("admin.outbox.retryTo", { to: m.toEmail })}
                  >
                    {t("admin.outbox.retry")}
                  </ItemButton>
                }
              >
                <Fact label={t("admin.outbox.to")} className="break-all font-medium">
                  {m.toEmail}
                </Fact>
                <Fact label={t("admin.outbox.mail")}>
                  {templateLabel(t, m.template)}
                  {m.reference ? ` · ${m.reference}` : ""}
                </Fact>
                <Fact label={t("admin.outbox.attempts")}>
                  {t("admin.outbox.attemptsValue", {
                    count: m.attempts,
                    last: dateTime(m.lastAttemptAt),
                  })}
                </Fact>
                <Fact label={t("admin.outbox.queuedAt")}>{dateTime(m.createdAt)}</Fact>
                <Fact label={t("admin.outbox.lastError")} className="break-words font-mono text-xs">
                  {m.lastError ?? t("admin.outbox.noError")}
                </Fact>
              </RecordCard>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
