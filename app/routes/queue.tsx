import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { describeTimeLeft } from "~/domain/deadlines";
import {
  DEADLINE_LABELS,
  SEVERITY_LABELS,
  type DeadlineKind,
  type Severity,
} from "~/domain/vocabulary";
import { countOpenCases, getHandlerQueue, type QueueCursor } from "~/models/incident.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Queue · Incident portal" }];

/** The page cursor in the address: `after=<due time>~<case id>`; anything else is page one. */
function parseCursor(value: string | null): QueueCursor | null {
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([\w-]{1,64})$/.exec(value ?? "");
  if (!m) return null;
  const dueAt = new Date(m[1]);
  return Number.isNaN(dueAt.getTime()) ? null : { dueAt, id: m[2] };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "queue:view");
  const db = await getDb();
  const after = parseCursor(new URL(request.url).searchParams.get("after"));
  const [{ items, next }, open] = await Promise.all([
    getHandlerQueue(db, user, { after }),
    countOpenCases(db, user),
  ]);
  const now = new Date();
  return {
    open,
    firstPage: after === null,
    next: next ? `${next.dueAt.toISOString()}~${next.id}` : null,
    items: items.map((i) => ({
      reference: i.reference,
      status: i.status,
      severity: i.severity,
      accountName: i.accountName,
      assigneeName: i.assigneeName,
      createdAt: i.createdAt.toISOString(),
      deadline: i.nextDeadline && {
        kind: i.nextDeadline.kind,
        dueAt: i.nextDeadline.dueAt.toISOString(),
        overdue: i.nextDeadline.dueAt < now,
        timeLeft: describeTimeLeft(i.nextDeadline.dueAt, now),
      },
      clocks: i.openDeadlines.map((d) => ({
        kind: d.kind,
        dueAt: d.dueAt.toISOString(),
        overdue: d.dueAt < now,
        timeLeft: describeTimeLeft(d.dueAt, now),
      })),
    })),
  };
}

export default function Queue() {
  const { items, open, firstPage, next } = useLoaderData<typeof loader>();
  const overdue = items.filter((i) => i.deadline?.overdue).length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Queue</h1>
      {/* Overdue first: items are sorted by their nearest open deadline. */}
      <p className="text-slate-700">
        {open} open {open === 1 ? "case" : "cases"}, nearest deadline first.
        {overdue > 0 ? (
          <strong className="ml-2 text-red-700">{overdue} overdue on this page.</strong>
        ) : null}
      </p>
      {items.length === 0 ? (
        <p className="text-slate-600">Nothing is waiting for you.</p>
      ) : (
        <ul className="space-y-2" aria-label="Open cases">
          {items.map((i) => (
            <li
              key={i.reference}
              className={`rounded-lg bg-white p-4 shadow-sm ${i.deadline?.overdue ? "border-l-4 border-red-700" : ""}`}
            >
              <div className="flex flex-wrap items-center gap-3">
                <Link
                  to={`/cases/${i.reference}`}
                  className="font-semibold text-brand-700 underline"
                >
                  {i.reference}
                </Link>
                <span>{i.accountName}</span>
                <span className="text-sm">{SEVERITY_LABELS[i.severity as Severity]} severity</span>
                <StatusBadge status={i.status} />
              </div>
              {i.clocks.length ? (
                <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="Deadlines">
                  {i.clocks.map((c) => (
                    <li
                      key={c.kind}
                      className={`rounded px-2 py-0.5 ${c.overdue ? "bg-red-100 font-semibold text-red-800" : "bg-slate-100 text-slate-800"}`}
                    >
                      {DEADLINE_LABELS[c.kind as DeadlineKind]}: {c.timeLeft}
                      <span className="sr-only"> (due {formatDateTime(c.dueAt)})</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              <p className="text-sm text-slate-600">
                Reported {formatDateTime(i.createdAt)} ·{" "}
                {i.assigneeName ? `with ${i.assigneeName}` : "unassigned"}
              </p>
            </li>
          ))}
        </ul>
      )}
      {next || !firstPage ? (
        <nav aria-label="Queue pages" className="flex flex-wrap gap-4">
          {!firstPage ? (
            <Link to="/queue" className="text-brand-700 underline">
              Back to the nearest deadlines
            </Link>
          ) : null}
          {next ? (
            <Link
              to={`/queue?after=${encodeURIComponent(next)}`}
              className="text-brand-700 underline"
            >
              Next cases
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
