import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { Timeline } from "~/components/timeline";
import { describeTimeLeft } from "~/domain/deadlines";
import { CHANNEL_LABELS, SEVERITY_LABELS, type Channel, type Severity } from "~/domain/vocabulary";
import { getIncidentForReporter } from "~/models/incident.server";
import { getTimelineItems } from "~/models/timeline-view.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { requireIncidentAccess } from "~/utils/incident-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.incident.reference ?? "Report"} · Incident portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  // Only the reporter reads a report this way; handlers use /cases/:reference.
  const { id } = await requireIncidentAccess(db, user, params.reference, ["reporter"]);
  const incident = await getIncidentForReporter(db, id);
  const timeline = await getTimelineItems(db, id, { forReporter: true });
  const ack = incident.deadlines[0];
  return {
    incident: {
      reference: incident.reference,
      status: incident.status,
      accountName: incident.account.name,
      channel: incident.channel,
      severity: incident.reporterSeverity,
      occurredAt: incident.occurredAt.toISOString(),
      narrative: incident.narrative,
      impact: incident.impact,
      handlerName: incident.assignee?.name ?? null,
      acknowledgeBy: ack && !ack.metAt ? ack.dueAt.toISOString() : null,
      timeLeft: ack && !ack.metAt ? describeTimeLeft(ack.dueAt, new Date()) : null,
    },
    timeline,
  };
}

export default function ReportDetail() {
  const { incident, timeline } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const justFiled = params.get("filed") === "1";
  return (
    <div className="space-y-6">
      {justFiled ? (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
          <p className="font-semibold">
            Thank you. Your report {incident.reference} has been sent.
          </p>
          <p className="mt-1">
            {incident.handlerName
              ? `It went to ${incident.handlerName}`
              : "It went to HR, as no manager was available"}
            {incident.acknowledgeBy
              ? `, who must acknowledge it by ${formatDateTime(incident.acknowledgeBy)}.`
              : "."}{" "}
            If they don't, it is escalated to the next level automatically.
          </p>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{incident.reference}</h1>
        <StatusBadge status={incident.status} />
      </div>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">Customer account</dt>
          <dd>{incident.accountName}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">When</dt>
          <dd>{formatDateTime(incident.occurredAt)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">How</dt>
          <dd>{CHANNEL_LABELS[incident.channel as Channel]}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Severity you gave</dt>
          <dd>{SEVERITY_LABELS[incident.severity as Severity]}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Handled by</dt>
          <dd>{incident.handlerName ?? "HR"}</dd>
        </div>
        {incident.timeLeft ? (
          <div>
            <dt className="text-sm text-slate-600">Must be acknowledged</dt>
            <dd>
              by {formatDateTime(incident.acknowledgeBy!)} ({incident.timeLeft})
            </dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          What has happened
        </h2>
        <Timeline items={timeline} />
      </section>
      <section aria-labelledby="narrative-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="narrative-heading" className="text-lg font-semibold">
          What you reported
        </h2>
        <p className="mt-2 whitespace-pre-wrap">{incident.narrative}</p>
        {incident.impact ? (
          <>
            <h3 className="mt-4 font-medium">How it affected you</h3>
            <p className="mt-1 whitespace-pre-wrap">{incident.impact}</p>
          </>
        ) : null}
      </section>
    </div>
  );
}
