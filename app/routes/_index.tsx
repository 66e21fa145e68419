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
import { useI18n } from "~/i18n/react";

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
  const { t, date } = useI18n();
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">{t("home.hello", { name })}</h1>
        <p className="mt-2 max-w-prose text-slate-700">{t("home.intro")}</p>
        <Link to="/reports/new" className={`${buttonClass} mt-4 text-lg`}>
          {t("nav.reportIncident")}
        </Link>
      </section>
      {queue ? (
        <section aria-labelledby="queue-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="queue-heading" className="text-lg font-semibold">
            {t("home.queueHeading")}
          </h2>
          <p className="mt-1">
            {t("home.openCases", { count: queue.open })}
            {queue.overdue > 0 ? (
              <strong className="ml-2 text-red-700">
                {t("home.overdue", { count: queue.overdue })}
              </strong>
            ) : null}
          </p>
          <Link to="/queue" className="mt-2 inline-block text-brand-700 underline">
            {t("home.openQueue")}
          </Link>
        </section>
      ) : null}
      {statements.length ? (
        <section aria-labelledby="statements-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="statements-heading" className="text-lg font-semibold">
            {t("home.statementsHeading")}
          </h2>
          <ul className="mt-2 space-y-1">
            {statements.map((s) => (
              <li key={s.id}>
                <Link to={`/statements/${s.id}`} className="text-brand-700 underline">
                  {t("home.writeStatement", { date: date(s.requestedAt) })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {approvals !== null ? (
        <section aria-labelledby="approvals-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="approvals-heading" className="text-lg font-semibold">
            {t("home.approvalsHeading")}
          </h2>
          <p className="mt-1">
            {approvals === 0
              ? t("home.noApprovals")
              : t("home.approvalsWaiting", { count: approvals })}
          </p>
          <Link to="/approvals" className="mt-2 inline-block text-brand-700 underline">
            {t("home.openApprovals")}
          </Link>
        </section>
      ) : null}
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading" className="text-lg font-semibold">
          {t("home.recentReports")}
        </h2>
        {reports.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("myReports.none")}</p>
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
                <span className="text-sm text-slate-600">{date(r.occurredAt)}</span>
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
