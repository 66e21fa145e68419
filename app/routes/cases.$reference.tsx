import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { Timeline } from "~/components/timeline";
import { buttonClass } from "~/components/ui/field";
import { describeTimeLeft } from "~/domain/deadlines";
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  DEADLINE_LABELS,
  SEVERITY_LABELS,
  type Category,
  type Channel,
  type DeadlineKind,
  type Severity,
} from "~/domain/vocabulary";
import { acknowledgeIncident, getIncidentForHandler } from "~/models/incident.server";
import { getTimelineItems } from "~/models/timeline-view.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { requireIncidentAccess } from "~/utils/incident-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.incident.reference ?? "Case"} · Incident portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["MANAGER", "HR"]);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  const incident = await getIncidentForHandler(db, id);
  const timeline = await getTimelineItems(db, id, { forReporter: false });
  const now = new Date();
  return {
    incident: {
      reference: incident.reference,
      status: incident.status,
      reporterName: incident.reporter.name,
      assigneeName: incident.assignee?.name ?? null,
      accountName: incident.account.name,
      channel: incident.channel,
      severity: incident.assessedSeverity ?? incident.reporterSeverity,
      categories: incident.categories.map((c) => c.category),
      occurredAt: incident.occurredAt.toISOString(),
      createdAt: incident.createdAt.toISOString(),
      narrative: incident.narrative,
      impact: incident.impact,
      deadlines: incident.deadlines.map((d) => ({
        id: d.id,
        kind: d.kind,
        dueAt: d.dueAt.toISOString(),
        metAt: d.metAt?.toISOString() ?? null,
        status: d.metAt
          ? d.metAt <= d.dueAt
            ? "met on time"
            : "met late"
          : describeTimeLeft(d.dueAt, now),
      })),
    },
    timeline,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["MANAGER", "HR"]);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "acknowledge") {
    const result = await acknowledgeIncident(db, id, user.id);
    return data({
      ok: true,
      message: result.changed
        ? "Acknowledged. The reporter has been told."
        : "This report was already acknowledged.",
    });
  }
  return data({ ok: false, message: "That action is not available here." }, { status: 400 });
}

export default function CasePage() {
  const { incident, timeline } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{incident.reference}</h1>
        <StatusBadge status={incident.status} />
      </div>
      {result ? (
        <p role="status" className={result.ok ? "text-emerald-800" : "text-red-700"}>
          {result.message}
        </p>
      ) : null}
      {incident.status === "SUBMITTED" ? (
        <Form method="post" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="mb-3">
            Acknowledging tells the reporter that you have read their report and are responsible for
            it.
          </p>
          <button
            type="submit"
            name="intent"
            value="acknowledge"
            className={buttonClass}
            disabled={navigation.state !== "idle"}
          >
            Acknowledge report
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="deadlines-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="deadlines-heading" className="text-lg font-semibold">
          Deadlines
        </h2>
        <ul className="mt-2 space-y-1">
          {incident.deadlines.map((d) => (
            <li key={d.id}>
              {DEADLINE_LABELS[d.kind as DeadlineKind]}: due {formatDateTime(d.dueAt)} ({d.status})
            </li>
          ))}
        </ul>
      </section>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">Reported by</dt>
          <dd>{incident.reporterName}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Handled by</dt>
          <dd>{incident.assigneeName ?? "Unassigned"}</dd>
        </div>
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
          <dt className="text-sm text-slate-600">Severity</dt>
          <dd>{SEVERITY_LABELS[incident.severity as Severity]}</dd>
        </div>
        {incident.categories.length ? (
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">Behaviour</dt>
            <dd>{incident.categories.map((c) => CATEGORY_LABELS[c as Category]).join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="narrative-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="narrative-heading" className="text-lg font-semibold">
          What happened
        </h2>
        <p className="mt-2 whitespace-pre-wrap">{incident.narrative}</p>
        {incident.impact ? (
          <>
            <h3 className="mt-4 font-medium">How it affected them</h3>
            <p className="mt-1 whitespace-pre-wrap">{incident.impact}</p>
          </>
        ) : null}
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          Timeline
        </h2>
        <Timeline items={timeline} />
      </section>
    </div>
  );
}
