import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { reviewFields } from "~/domain/decision-form";
import { DECISION_LABELS, conductAfterDecision, type AccountDecision } from "~/domain/sanctions";
import {
  DecisionError,
  DecisionNotFound,
  pendingApprovals,
  recentReviews,
  reviewDecision,
} from "~/models/decision.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { readForm } from "~/utils/read-form.server";

// Decisions on accounts waiting for this person's approval (decision 055). Leadership and HR
// only; each proposal shows who proposed what and why, never the report behind it.

export const meta: MetaFunction = () => [{ title: "Approvals · Incident portal" }];

const CONDUCT_TEXT: Record<string, string> = {
  GOOD: "good",
  WATCH: "on watch",
  CONDITIONS: "under conditions",
  SUSPENDED: "suspended",
  TERMINATED: "terminated",
};

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
      label: DECISION_LABELS[d.decision as AccountDecision] ?? d.decision,
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
      label: DECISION_LABELS[d.decision as AccountDecision] ?? d.decision,
      status: d.status,
      comment: d.reviewComment,
      reviewedAt: d.reviewedAt?.toISOString() ?? null,
      account: d.account,
    })),
  };
}

type ReviewReply = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[] | undefined>;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decisions:approve");
  const db = await getDb();
  const form = Object.fromEntries(await readForm(request));
  const parsed = reviewFields.safeParse(form);
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors;
    return data<ReviewReply>(
      {
        ok: false,
        message: Object.values(fieldErrors).flat()[0] ?? "Please check the form.",
        fieldErrors,
      },
      { status: 400 },
    );
  }
  try {
    const result = await reviewDecision(db, {
      decisionId: parsed.data.decisionId,
      actorId: user.id,
      approve: parsed.data.answer === "approve",
      comment: parsed.data.comment ?? "",
    });
    return data<ReviewReply>({
      ok: true,
      message:
        result.status === "APPROVED"
          ? `Approved. The account is now ${CONDUCT_TEXT[result.conductStatus ?? ""] ?? result.conductStatus}.`
          : "Rejected. Nothing has changed on the account.",
    });
  } catch (error) {
    // Not theirs to answer, or no such decision: the same 404 either way.
    if (error instanceof DecisionNotFound) throw notFound();
    if (error instanceof DecisionError)
      return data<ReviewReply>({ ok: false, message: error.message }, { status: 409 });
    throw error;
  }
}

type Pending = ReturnType<typeof useLoaderData<typeof loader>>["pending"][number];

function ReviewForm({ item, onDone }: { item: Pending; onDone: (message: string) => void }) {
  const fetcher = useFetcher<ReviewReply>();
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  // An answered proposal leaves the list as the page revalidates, so its result is reported
  // above the list (the data arrives before the revalidation removes this form).
  const answered = fetcher.data?.ok ? fetcher.data.message : null;
  useEffect(() => {
    if (answered) onDone(`${item.label}, ${item.account.name}: ${answered}`);
  }, [answered, onDone, item.label, item.account.name]);
  const commentId = `comment-${item.id}`;
  return (
    <fetcher.Form method="post" ref={formRef} className="mt-3 space-y-2">
      <input type="hidden" name="decisionId" value={item.id} />
      <Field
        id={commentId}
        label="Comment (required to reject)"
        errors={reply?.ok ? undefined : reply?.fieldErrors?.comment}
      >
        {(ids) => <textarea {...ids} name="comment" rows={2} className={inputClass} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="answer"
          value="approve"
          className={buttonClass}
          disabled={fetcher.state !== "idle"}
        >
          Approve
        </button>
        <button
          type="submit"
          name="answer"
          value="reject"
          className={secondaryButtonClass}
          disabled={fetcher.state !== "idle"}
        >
          Reject
        </button>
      </div>
      {reply ? (
        <p
          role={reply.ok ? "status" : "alert"}
          className={`text-sm font-medium ${reply.ok ? "text-emerald-800" : "text-red-700"}`}
        >
          {reply.message}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

export default function Approvals() {
  const { total, pending, recent } = useLoaderData<typeof loader>();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Approvals</h1>
        <p className="mt-1 max-w-prose text-slate-700">
          Decisions on customer accounts that name you as approver. Nothing changes on an account
          until you approve; a rejection leaves it as it is.
        </p>
      </div>
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Waiting for you ({total})
        </h2>
        <p role="status" className="font-medium text-emerald-800">
          {notice}
        </p>
        {pending.length === 0 ? (
          <p className="text-slate-700">Nothing is waiting for your approval.</p>
        ) : (
          <ul className="space-y-3">
            {pending.map((item) => (
              <li key={item.id} className="rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-medium">
                  {item.label}:{" "}
                  <Link to={`/accounts/${item.account.id}`} className="text-brand-700 underline">
                    {item.account.name}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">
                  Proposed by {item.proposedBy} on {formatDate(item.createdAt)}
                  {item.reference ? ` from case ${item.reference}` : ""}. The account would go from{" "}
                  {CONDUCT_TEXT[item.account.conductStatus] ?? item.account.conductStatus} to{" "}
                  {CONDUCT_TEXT[item.becomes] ?? item.becomes}. Affected employees consulted:{" "}
                  {item.employeesConsulted ? "yes" : "no"}.
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
            Your recent answers
          </h2>
          <ul className="divide-y rounded-lg bg-white shadow-sm">
            {recent.map((r) => (
              <li key={r.id} className="p-3 text-sm">
                <span className="font-medium">
                  {r.status === "APPROVED" ? "Approved" : "Rejected"}
                </span>
                : {r.label} ·{" "}
                <Link to={`/accounts/${r.account.id}`} className="text-brand-700 underline">
                  {r.account.name}
                </Link>
                {r.reviewedAt ? ` · ${formatDate(r.reviewedAt)}` : ""}
                {r.comment ? <span className="block text-slate-700">{r.comment}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
