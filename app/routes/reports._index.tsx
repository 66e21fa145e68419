import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { buttonClass } from "~/components/ui/field";
import { getReporterList } from "~/models/incident.server";
import { unreadReports } from "~/models/reporter-news.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useI18n } from "~/i18n/react";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "myReports.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const rows = await getReporterList(db, user.id);
  const unread = await unreadReports(
    db,
    user.id,
    rows.map((r) => r.id),
  );
  return { reports: rows.map(({ id, ...r }) => ({ ...r, unread: unread.has(id) })) };
}

export default function MyReports() {
  const { reports } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("myReports.title")}</h1>
        <Link to="/reports/new" className={buttonClass}>
          {t("nav.reportIncident")}
        </Link>
      </div>
      {reports.length === 0 ? (
        <p className="text-slate-600">{t("myReports.none")}</p>
      ) : (
        <ul className="divide-y rounded-lg bg-white shadow-sm">
          {reports.map((r) => (
            <li key={r.reference} className="flex flex-wrap items-center gap-3 p-3">
              <Link to={`/reports/${r.reference}`} className="font-medium text-brand-700 underline">
                {r.reference}
              </Link>
              <span>{r.account.name}</span>
              <span className="text-sm text-slate-600">
                {t("myReports.happened", { date: date(r.occurredAt) })}
              </span>
              <StatusBadge status={r.status} />
              {r.unread ? (
                <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">
                  {t("myReports.new")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
