import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { buttonClass } from "~/components/ui/field";
import { getReporterList } from "~/models/incident.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "My reports · Incident portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { reports: await getReporterList(await getDb(), user.id) };
}

export default function MyReports() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">My reports</h1>
        <Link to="/reports/new" className={buttonClass}>
          Report an incident
        </Link>
      </div>
      {reports.length === 0 ? (
        <p className="text-slate-600">You haven't filed any reports.</p>
      ) : (
        <ul className="divide-y rounded-lg bg-white shadow-sm">
          {reports.map((r) => (
            <li key={r.reference} className="flex flex-wrap items-center gap-3 p-3">
              <Link to={`/reports/${r.reference}`} className="font-medium text-brand-700 underline">
                {r.reference}
              </Link>
              <span>{r.account.name}</span>
              <span className="text-sm text-slate-600">happened {formatDate(r.occurredAt)}</span>
              <StatusBadge status={r.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
