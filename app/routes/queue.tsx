import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { minutesLeft } from "~/domain/deadlines";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { timeLeftText } from "~/i18n/time";
import { vocabLabel } from "~/i18n/vocabulary";
import { countOpenCases, getHandlerQueue, type QueueCursor } from "~/models/incident.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "queue.title");

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
      },
      clocks: i.openDeadlines.map((d) => ({
        kind: d.kind,
        dueAt: d.dueAt.toISOString(),
        overdue: d.dueAt < now,
        minutesLeft: minutesLeft(d.dueAt, now),
      })),
    })),
  };
}

export default function Queue() {
  const { items, open, firstPage, next } = useLoaderData<typeof loader>();
  const overdue = items.filter((i) => i.deadline?.overdue).length;
  const { t, dateTime, number } = useI18n();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("queue.title")}</h1>
      {/* Overdue first: items are sorted by their nearest open deadline. */}
      <p className="text-slate-700">
        {t("queue.open", { count: open, number: number(open) })}
        {overdue > 0 ? (
          <strong className="ml-2 text-red-700">
            {t("queue.overdue", { count: overdue, number: number(overdue) })}
          </strong>
        ) : null}
      </p>
      {items.length === 0 ? (
        <p className="text-slate-600">{t("queue.empty")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("queue.listLabel")}>
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
                <span className="text-sm">
                  {t("queue.severity", { severity: vocabLabel(t, "severity", i.severity) })}
                </span>
                <StatusBadge status={i.status} />
              </div>
              {i.clocks.length ? (
                <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label={t("queue.deadlines")}>
                  {i.clocks.map((c) => (
                    <li
                      key={c.kind}
                      className={`rounded px-2 py-0.5 ${c.overdue ? "bg-red-100 font-semibold text-red-800" : "bg-slate-100 text-slate-800"}`}
                    >
                      {t("queue.clock", {
                        deadline: vocabLabel(t, "deadline", c.kind),
                        left: timeLeftText(t, c.minutesLeft),
                      })}
                      <span className="sr-only">
                        {" "}
                        {t("queue.dueAt", { date: dateTime(c.dueAt) })}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
              <p className="text-sm text-slate-600">
                {i.assigneeName
                  ? t("queue.reportedWith", { date: dateTime(i.createdAt), name: i.assigneeName })
                  : t("queue.reportedUnassigned", { date: dateTime(i.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {next || !firstPage ? (
        <nav aria-label={t("queue.pages")} className="flex flex-wrap gap-4">
          {!firstPage ? (
            <Link to="/queue" className="text-brand-700 underline">
              {t("queue.backToFirst")}
            </Link>
          ) : null}
          {next ? (
            <Link
              to={`/queue?after=${encodeURIComponent(next)}`}
              className="text-brand-700 underline"
            >
              {t("queue.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
