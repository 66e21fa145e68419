import "~/i18n/case-messages";
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useEffect, useState } from "react";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { reviewFields } from "~/domain/decision-form";
import { conductAfterDecision, type AccountDecision } from "~/domain/sanctions";
import { caseLabel, CONDUCT_KEYS, DECISION_KEYS } from "~/i18n/case-vocabulary";
import { pageLanguage } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { serverT } from "~/i18n/resources.server";
import {
  DecisionError,
  DecisionNotFound,
  pendingApprovals,
  recentReviews,
  reviewDecision,
} from "~/models/decision.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

// Decisions on accounts waiting for this person's approval (decision 055). Leadership and HR
// only; each proposal shows who proposed what and why, never the report behind it.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "approvals.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "decisions:approve");
  const db = await getDb();
  const [pending, recent] = await Promise.all([
    pendingApprovals(db, user.id),
    recentReviews(db, user.id),
  ]);
  return {
    total: pending.total,
    pending: pending.rows.map((d) => ({
      id: d.id,
      decision: d.decision,
      becomes: conductAfterDecision(d.decision as AccountDecision, { watch: d.watch }),
      rationale: d.rationale,
      employeesConsulted: d.employeesConsulted,
      createdAt: d.createdAt.toISOString(),
      proposedBy: d.decidedBy.name,
      account: d.account,
      reference: d.incident?.reference ?? null,
    })),
    recent: recent.map((d) => ({
      id: d.id,
      decision: d.decision,
      status: d.status,
      comment: d.reviewComment,
      reviewedAt: d.reviewedAt?.toISOString() ?? null,
      account: d.account,
    })),
  };
}

type ReviewReply = {
  ok: boolean;
  /** The answer beside the buttons, in the reader's language. */
  message: string;
  reply: SubmissionResult<string[]>;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decisions:approve");
  const db = await getDb();
  const language = await pageLanguage(request, user.language);
  const t = serverT(language);
  const submission = parseWithZod(await readForm(request), { schema: reviewFields });
  if (submission.status !== "success") {
    const reply = submission.reply();
    const first = Object.values(reply.error ?? {}).flat()[0] ?? "Please check the form.";
    return data<ReviewReply>(
      { ok: false, message: translateMessage(t, first, language), reply },
      { status: 400 },
    );
  }
  try {
    const result = await reviewDecision(db, {
      decisionId: submission.value.decisionId,
      actorId: user.id,
      approve: submission.value.answer === "approve",
      comment: submission.value.comment ?? "",
    });
    return data<ReviewReply>({
      ok: true,
      message:
        result.status === "APPROVED"
          ? t("approvals.approved", {
              conduct: caseLabel(t, CONDUCT_KEYS, result.conductStatus ?? ""),
            })
          : t("approvals.rejected"),
      reply: submission.reply({ resetForm: true }),
    });
  } catch (error) {
    // Not theirs to answer, or no such decision: the same 404 either way.
    if (error instanceof DecisionNotFound) throw notFound();
    if (error instanceof DecisionError) {
      const message = translateMessage(t, error.message, language);
      return data<ReviewReply>(
        { ok: false, message, reply: submission.reply({ formErrors: [message] }) },
        { status: 409 },
      );
    }
    throw error;
  }
}

type Pending = ReturnType<typeof useLoaderData<typeof loader>>["pending"][number];

function ReviewForm({ item, onDone }: { item: Pending; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const fetcher = useFetcher<typeof action>();
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  const [form, fields] = useForm({
    id: `review-${item.id}`,
    // Checked on the server: a comment is needed only when the answer is a rejection.
    lastResult: fetcher.state === "idle" ? fetcher.data?.reply : undefined,
  });
  // An answered proposal leaves the list as the page revalidates, so its result is reported
  // above the list (the data arrives before the revalidation removes this form).
  const answered = fetcher.data?.ok ? fetcher.data.message : null;
  const label = caseLabel(t, DECISION_KEYS, item.decision);
  useEffect(() => {
    if (answered)
      onDone(t("approvals.answered", { decision: label, account: item.account.name, answered }));
  }, [answered, onDone, label, item.account.name, t]);
  return (
    <fetcher.Form method="post" className="mt-3 space-y-2" {...getFormProps(form)}>
      <input type="hidden" name="decisionId" value={item.id} />
      <Field
        id={fields.comment.id}
        label={t("approvals.comment")}
        errors={reply?.ok ? undefined : fields.comment.errors}
      >
        {(ids) => (
          <textarea
            {...getTextareaProps(fields.comment)}
            {...ids}
            key={fields.comment.key}
            rows={2}
            className={inputClass}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="answer"
          value="approve"
          className={buttonClass}
          disabled={fetcher.state !== "idle"}
        >
          {t("approvals.approve")}
        </button>
        <button
          type="submit"
          name="answer"
          value="reject"
          className={secondaryButtonClass}
          disabled={fetcher.state !== "idle"}
        >
          {t("approvals.reject")}
        </button>
      </div>
      {/* A success is announced once, above the list (the form leaves with its proposal);
          two live regions saying it made screen readers repeat it. */}
      {reply && !reply.ok ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {reply.message}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

export default function Approvals() {
  const { total, pending, recent } = useLoaderData<typeof loader>();
  const [notice, setNotice] = useState<string | null>(null);
  const { t, date, number } = useI18n();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("approvals.title")}</h1>
        <p className="mt-1 max-w-prose text-slate-700">{t("approvals.intro")}</p>
      </div>
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          {t("approvals.waiting", { total: number(total) })}
        </h2>
        <p role="status" className="font-medium text-emerald-800">
          {notice}
        </p>
        {pending.length === 0 ? (
          <p className="text-slate-700">{t("approvals.nothing")}</p>
        ) : (
          <ul className="space-y-3">
            {pending.map((item) => (
              <li key={item.id} className="rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-medium">
                  {t("approvals.itemHeading", {
                    decision: caseLabel(t, DECISION_KEYS, item.decision),
                  })}{" "}
                  <Link to={`/accounts/${item.account.id}`} className="text-brand-700 underline">
                    {item.account.name}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">
                  {t(item.reference ? "approvals.proposedFromCase" : "approvals.proposed", {
                    name: item.proposedBy,
                    date: date(item.createdAt),
                    reference: item.reference,
                  })}{" "}
                  {t("approvals.wouldGo", {
                    from: caseLabel(t, CONDUCT_KEYS, item.account.conductStatus),
                    to: caseLabel(t, CONDUCT_KEYS, item.becomes),
                  })}{" "}
                  {item.employeesConsulted
                    ? t("approvals.consultedYes")
                    : t("approvals.consultedNo")}
                </p>
                <p className="mt-2 whitespace-pre-wrap">{item.rationale}</p>
                <ReviewForm item={item} onDone={setNotice} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {recent.length > 0 ? (
        <section aria-labelledby="recent-heading" className="space-y-2">
          <h2 id="recent-heading" className="text-lg font-semibold">
            {t("approvals.recent")}
          </h2>
          <ul className="divide-y rounded-lg bg-white shadow-sm">
            {recent.map((r) => (
              <li key={r.id} className="p-3 text-sm">
                <span className="font-medium">
                  {r.status === "APPROVED"
                    ? t("approvals.wasApproved")
                    : t("approvals.wasRejected")}
                </span>
                {t("approvals.recentLine", { decision: caseLabel(t, DECISION_KEYS, r.decision) })}{" "}
                <Link to={`/accounts/${r.account.id}`} className="text-brand-700 underline">
                  {r.account.name}
                </Link>
                {r.reviewedAt ? ` · ${date(r.reviewedAt)}` : ""}
                {r.comment ? <span className="block text-slate-700">{r.comment}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
