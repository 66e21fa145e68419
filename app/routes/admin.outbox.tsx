import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
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
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Outgoing mail · Admin · Incident portal" }];

const TEMPLATE_LABELS = {
  NEW_REPORT_ASSIGNED: "New report assigned",
  REPORT_ACKNOWLEDGED: "Report acknowledged",
  DEADLINE_REMINDER: "Deadline reminder",
  DEADLINE_ESCALATION: "Deadline escalation",
  REPORTER_UPDATE: "Update for the reporter",
  MESSAGE_RECEIVED: "Message received",
  REPEAT_OFFENDER: "Repeat offender flagged",
  EVIDENCE_ADDED: "Evidence added",
  INVITATION: "Invitation",
  PASSWORD_RESET: "Password reset",
  SUPPORT_ANSWERED: "Support request answered",
  STATEMENT_REQUESTED: "Witness statement asked",
  STATEMENT_RECEIVED: "Witness statement received",
  DECISION_PROPOSED: "Decision to approve",
  DECISION_REVIEWED: "Decision answered",
  CRITICAL_REPORT: "Critical report",
  CASE_RESOLVED: "Report resolved",
  PROTECTION_RECORDED: "Protective measure recorded",
} satisfies Record<TemplateName, string>;

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

type ActionData = { ok: boolean; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const db = await getDb();
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return data<ActionData>(
      { ok: false, message: "That request was not understood. Please reload the page." },
      { status: 400 },
    );
  }
  if (parsed.data.intent === "retry-all") {
    const count = await retryAllSetAsideMails(db, user.id);
    return data<ActionData>({
      ok: true,
      message:
        count === 0
          ? "There were no set-aside mails to send again."
          : `${count} ${count === 1 ? "mail is" : "mails are"} back in the queue and will be sent on the next delivery run.`,
    });
  }
  const { id } = parsed.data;
  const changed = await retrySetAsideMail(db, id, user.id);
  if (!changed) {
    return data<ActionData>({
      ok: false,
      message: "That mail is no longer set aside; it may have been retried already.",
    });
  }
  const to = await mailRecipient(db, id);
  return data<ActionData>({
    ok: true,
    message: `The mail to ${to ?? "its recipient"} is back in the queue and will be sent on the next delivery run.`,
  });
}

export default function AdminOutbox() {
  const { counts, mails } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const retrying = busy ? navigation.formData?.get("id") : null;
  const stats = [
    { label: "Waiting to be sent", value: counts.pending + counts.sending },
    { label: "Sent", value: counts.sent },
    { label: "Set aside", value: counts.dead },
  ];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            Admin
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Outgoing mail</h1>
        <p className="mt-2 text-slate-700">
          A mail that fails {MAX_DELIVERY_ATTEMPTS} times in a row is set aside here instead of
          being tried forever. Once the cause is fixed (often the mail server or an address), send
          it again.
        </p>
      </div>
      <dl className="grid grid-cols-3 gap-3">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg bg-white p-3 shadow-sm">
            <dt className="text-sm text-slate-600">{s.label}</dt>
            <dd className="text-2xl font-semibold">{s.value}</dd>
          </div>
        ))}
      </dl>
      {result ? (
        <p role="status" className={result.ok ? "text-emerald-800" : "text-slate-800"}>
          {result.message}
        </p>
      ) : null}
      <section aria-labelledby="set-aside-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="set-aside-heading" className="text-lg font-semibold">
            Set-aside mails
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
                Retry all {counts.dead}
              </button>
            </Form>
          ) : null}
        </div>
        {counts.dead > mails.length ? (
          <p className="text-sm text-slate-700">
            Showing the {SET_ASIDE_LIST_LIMIT} most recent of {counts.dead}.
          </p>
        ) : null}
        {mails.length === 0 ? (
          <p className="text-slate-700">
            Nothing is set aside. Every mail has been delivered or is on its way.
          </p>
        ) : (
          <ul className="space-y-2" aria-label="Set-aside mails">
            {mails.map((m) => (
              <li key={m.id} className="rounded-lg bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <dl className="grid flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-slate-600">To</dt>
                    <dd className="break-all font-medium">{m.toEmail}</dd>
                    <dt className="text-slate-600">Mail</dt>
                    <dd>
                      {TEMPLATE_LABELS[m.template as TemplateName] ?? m.template}
                      {m.reference ? ` · ${m.reference}` : ""}
                    </dd>
                    <dt className="text-slate-600">Attempts</dt>
                    <dd>
                      {m.attempts}, last {formatDateTime(m.lastAttemptAt)}
                    </dd>
                    <dt className="text-slate-600">Queued</dt>
                    <dd>{formatDateTime(m.createdAt)}</dd>
                    <dt className="text-slate-600">Last error</dt>
                    <dd className="break-words font-mono text-xs">
                      {m.lastError ?? "None recorded"}
                    </dd>
                  </dl>
                  <Form method="post">
                    <input type="hidden" name="id" value={m.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="retry"
                      className={secondaryButtonClass}
                      disabled={retrying === m.id}
                    >
                      Retry<span className="sr-only"> the mail to {m.toEmail}</span>
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
