import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { Timeline } from "~/components/timeline";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { z } from "zod";
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
  OUTCOMES,
  OUTCOME_LABELS,
  PROTECTIVE_MEASURES,
  PROTECTIVE_MEASURE_LABELS,
} from "~/domain/vocabulary";
import { acknowledgeIncident, getIncidentForHandler } from "~/models/incident.server";
import {
  reassignIncident,
  ReassignError,
  reassignmentCandidates,
  recordProtectiveAction,
  resolveIncident,
  sendReporterUpdate,
} from "~/models/incident-handling.server";
import { getTimelineItems } from "~/models/timeline-view.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { requireIncidentAccess } from "~/utils/incident-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.incident.reference ?? "Case"} · Incident portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  const incident = await getIncidentForHandler(db, id);
  const timeline = await getTimelineItems(db, id, { forReporter: false });
  const candidates = await reassignmentCandidates(db, id);
  const now = new Date();
  return {
    candidates: candidates
      .filter((c) => c.id !== incident.assignee?.id)
      .map((c) => ({
        id: c.id,
        label: `${c.name} (${c.role === "HR" ? "HR" : "manager"})${c.onLeave ? ", on leave" : ""}`,
      })),
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

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("acknowledge") }),
  z.object({
    intent: z.literal("update"),
    text: z
      .string({ required_error: "Please write the update." })
      .trim()
      .min(1, "Please write the update.")
      .max(5000, "Please keep updates under 5,000 characters."),
  }),
  z.object({
    intent: z.literal("protect"),
    measure: z.enum(PROTECTIVE_MEASURES, {
      errorMap: () => ({ message: "Please choose a protective measure." }),
    }),
  }),
  z.object({
    intent: z.literal("reassign"),
    toUserId: z.string({ required_error: "Please choose who should handle it." }).min(1),
    reason: z
      .string({ required_error: "Please give a reason." })
      .trim()
      .min(3, "Please give a reason.")
      .max(1000, "Please keep the reason under 1,000 characters."),
  }),
  z.object({
    intent: z.literal("resolve"),
    outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: "Please choose an outcome." }) }),
  }),
]);

type ActionResult = { ok: boolean; message: string; fieldErrors?: Record<string, string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  const form = Object.fromEntries(await request.formData());
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors as Record<string, string[]>;
    return data<ActionResult>(
      { ok: false, message: "Please check the form.", fieldErrors },
      { status: 400 },
    );
  }
  const input = parsed.data;
  switch (input.intent) {
    case "acknowledge": {
      const result = await acknowledgeIncident(db, id, user.id);
      return data<ActionResult>({
        ok: true,
        message: result.changed
          ? "Acknowledged. The reporter has been told."
          : "This report was already acknowledged.",
      });
    }
    case "update":
      await sendReporterUpdate(db, { incidentId: id, actorId: user.id, text: input.text });
      return data<ActionResult>({
        ok: true,
        message: "Your update has been sent to the reporter.",
      });
    case "protect":
      await recordProtectiveAction(db, { incidentId: id, actorId: user.id, type: input.measure });
      return data<ActionResult>({ ok: true, message: "Protective measure recorded." });
    case "reassign":
      try {
        const result = await reassignIncident(db, {
          incidentId: id,
          actorId: user.id,
          toUserId: input.toUserId,
          reason: input.reason,
        });
        return data<ActionResult>({
          ok: true,
          message: result.changed ? "The case has been reassigned." : "They already handle it.",
        });
      } catch (error) {
        if (!(error instanceof ReassignError)) throw error;
        return data<ActionResult>(
          { ok: false, message: error.message, fieldErrors: { toUserId: [error.message] } },
          { status: 400 },
        );
      }
    case "resolve": {
      const result = await resolveIncident(db, {
        incidentId: id,
        actorId: user.id,
        outcome: input.outcome,
      });
      return data<ActionResult>({
        ok: true,
        message: result.changed ? "The case is resolved." : "This case was already resolved.",
      });
    }
  }
}

export default function CasePage() {
  const { incident, timeline, candidates } = useLoaderData<typeof loader>();
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
      {incident.status !== "RESOLVED" ? (
        <section
          aria-labelledby="act-heading"
          className="space-y-4 rounded-lg bg-white p-4 shadow-sm"
        >
          <h2 id="act-heading" className="text-lg font-semibold">
            Act on this case
          </h2>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="update" />
            <Field
              id="update-text"
              label="Update for the reporter"
              hint="They see this on their report. The mail they get does not contain it."
              errors={result?.fieldErrors?.text}
            >
              {(ids) => <textarea name="text" rows={3} className={inputClass} {...ids} />}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Send update
            </button>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="protect" />
            <Field
              id="measure"
              label="Protective measure for the employee"
              errors={result?.fieldErrors?.measure}
            >
              {(ids) => (
                <select name="measure" className={inputClass} {...ids} defaultValue="">
                  <option value="">Choose…</option>
                  {PROTECTIVE_MEASURES.map((m) => (
                    <option key={m} value={m}>
                      {PROTECTIVE_MEASURE_LABELS[m]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Record measure
            </button>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="reassign" />
            <Field id="toUserId" label="Hand the case to" errors={result?.fieldErrors?.toUserId}>
              {(ids) => (
                <select name="toUserId" className={inputClass} {...ids} defaultValue="">
                  <option value="">Choose…</option>
                  {candidates.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="reason"
              label="Reason for reassigning"
              hint="Recorded on the case timeline. The reporter sees who handles it, not why."
              errors={result?.fieldErrors?.reason}
            >
              {(ids) => <input name="reason" className={inputClass} {...ids} />}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Reassign
            </button>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="resolve" />
            <Field id="outcome" label="Resolve with outcome" errors={result?.fieldErrors?.outcome}>
              {(ids) => (
                <select name="outcome" className={inputClass} {...ids} defaultValue="">
                  <option value="">Choose…</option>
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {OUTCOME_LABELS[o]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Resolve case
            </button>
          </Form>
        </section>
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
