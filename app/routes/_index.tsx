import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { buttonClass } from "~/components/ui/field";
import { can } from "~/domain/permissions";
import { pendingApprovalCount } from "~/models/decision.server";
import { countOpenCases, countOverdueCases, getReporterList } from "~/models/incident.server";
import { openStatementRequests } from "~/models/case-support.server";
import { hasActiveAdmin } from "~/models/people.server";
import { getOptionalUser, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb();
  // A fresh installation has nobody to sign in as: explain how to create the first admin.
  if (!(await getOptionalUser(request)) && !(await hasActiveAdmin(db))) throw redirect("/setup");
  const user = await requireUser(request);
  const reports = (await getReporterList(db, user.id)).slice(0, 5);
  let queue: { open: number; overdue: number } | null = null;
  if (can(user.role, "cases:handle")) {
    const [open, overdue] = await Promise.all([
      countOpenCases(db, user),
      countOverdueCases(db, user),
    ]);
    queue = { open, overdue };
  }
  const statements = await openStatementRequests(db, user.id);
  const approvals = can(user.role, "decisions:approve")
    ? await pendingApprovalCount(db, user.id)
    : null;
  return { name: user.name.split(" ")[0], reports, queue, statements, approvals };
}

export default function Home() {
  const { name, reports, queue, statements, approvals } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">Hello, {name}</h1>
        <p className="mt-2 max-w-prose text-slate-700">
          If a customer has been abusive to you, tell us. It takes about two minutes, a manager must
          respond by a deadline, and you can follow every step.
        </p>
        <Link to="/reports/new" className={`${buttonClass} mt-4 text-lg`}>
          Report an incident
        </Link>
      </section>
      {queue ? (
        <section aria-labelledby="queue-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="queue-heading" className="text-lg font-semibold">
            Your queue
          </h2>
          <p className="mt-1">
            {queue.open} open {queue.open === 1 ? "case" : "cases"}
            {queue.overdue > 0 ? (
              <strong className="ml-2 text-red-700">{queue.overdue} overdue</strong>
            ) : null}
          </p>
          <Link to="/queue" className="mt-2 inline-block text-brand-700 underline">
            Open the queue
          </Link>
        </section>
      ) : null}
      {statements.length ? (
        <section aria-labelledby="statements-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="statements-heading" className="text-lg font-semibold">
            Witness statements asked of you
          </h2>
          <ul className="mt-2 space-y-1">
            {statements.map((s) => (
              <li key={s.id}>
                <Link to={`/statements/${s.id}`} className="text-brand-700 underline">
                  Write your statement (asked {formatDate(s.requestedAt)})
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {approvals !== null ? (
        <section aria-labelledby="approvals-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="approvals-heading" className="text-lg font-semibold">
            Decisions to approve
          </h2>
          <p className="mt-1">
            {approvals === 0
              ? "Nothing is waiting for your approval."
              : `${approvals} ${approvals === 1 ? "decision is" : "decisions are"} waiting for your approval.`}
          </p>
          <Link to="/approvals" className="mt-2 inline-block text-brand-700 underline">
            Open your approvals
          </Link>
        </section>
      ) : null}
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading" className="text-lg font-semibold">
          Your recent reports
        </h2>
        {reports.length === 0 ? (
          <p className="mt-2 text-slate-600">You haven't filed any reports.</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg bg-white shadow-sm">
            {reports.map((r) => (
              <li key={r.reference} className="flex flex-wrap items-center gap-3 p-3">
                <Link
                  to={`/reports/${r.reference}`}
                  className="font-medium text-brand-700 underline"
                >
                  {r.reference}
                </Link>
                <span>{r.account.name}</span>
                <span className="text-sm text-slate-600">{formatDate(r.occurredAt)}</span>
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
