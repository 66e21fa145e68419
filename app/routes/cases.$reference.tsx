import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DecisionForm } from "~/components/decision-form";
import { StatusBadge } from "~/components/status-badge";
import { Timeline } from "~/components/timeline";
import {
  buttonClass,
  ChooseSelect,
  choicesOf,
  Field,
  FieldError,
  inputClass,
  secondaryButtonClass,
} from "~/components/ui/field";
import { z } from "zod";
import { describeTimeLeft } from "~/domain/deadlines";
import { decisionFields } from "~/domain/decision-form";
import { BUSINESS_YEARS, isRealDate, optionalPlainText, plainText } from "~/domain/input-rules";
import {
  ACTION_STATUSES,
  ACTION_STATUS_LABELS,
  DECISION_LABELS,
  SANCTIONS,
  SANCTION_LABELS,
  type AccountDecision,
  type ActionStatus,
} from "~/domain/sanctions";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  DEADLINE_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  PROTECTIVE_MEASURES,
  PROTECTIVE_MEASURE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type Category,
  type Channel,
  type DeadlineKind,
  type Severity,
} from "~/domain/vocabulary";
import { actionLabel } from "~/models/case-export.server";
import { CaseMessageError, listCaseMessages, postCaseMessage } from "~/models/case-message.server";
import { approverCandidates, DecisionError, recordDecision } from "~/models/decision.server";
import { acknowledgeIncident, getIncidentForHandler } from "~/models/incident.server";
import {
  addCaseNote,
  assessIncident,
  HandlingError,
  isAssessed,
  reassignIncident,
  ReassignError,
  reassignmentCandidates,
  recordCaseView,
  recordProtectiveAction,
  recordSanction,
  reopenIncident,
  resolveIncident,
  sendReporterUpdate,
  updateAction,
} from "~/models/incident-handling.server";
import { getTimelineItems } from "~/models/timeline-view.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb, type Db } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { typedValues } from "~/utils/form-values";
import { requireIncidentAccess } from "~/utils/incident-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.incident.reference ?? "Case"} · Incident portal` },
];

function money(minor: bigint, currency: string): string {
  const major = Number(minor / 100n);
  try {
    return new Intl.NumberFormat("en-GB", {
      style: "currency",
      currency,
      maximumFractionDigits: 0,
    }).format(major);
  } catch {
    return `${currency} ${major.toLocaleString("en-GB")}`;
  }
}

/** People who may own an action or approve a decision on this case. */
async function peopleForCase(db: Db, incidentId: string) {
  const facts = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      reporterId: true,
      namedUsers: { select: { userId: true } },
      account: { select: { ownerId: true } },
    },
  });
  const excluded = [facts.reporterId, ...facts.namedUsers.map((n) => n.userId)];
  const people = await approverCandidates(db, { excludeIds: excluded });
  return { people, accountOwnerId: facts.account.ownerId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  // Every look at a case is on its (hash-chained) timeline: who, and when.
  await recordCaseView(db, { incidentId: id, actorId: user.id });
  const incident = await getIncidentForHandler(db, id);
  const allEvents = await getTimelineItems(db, id, { forReporter: false });
  const views = allEvents.filter((e) => e.type === "VIEWED");
  const timeline = allEvents.filter((e) => e.type !== "VIEWED");
  const candidates = await reassignmentCandidates(db, id);
  const { people, accountOwnerId } = await peopleForCase(db, id);
  const assessed = await isAssessed(db, id);
  // The harm is judged on its own: no commercial figure until severity and categories are
  // assessed. Every handler may then see them (manager on their case, HR, leadership).
  const account = assessed
    ? await db.customerAccount.findUniqueOrThrow({
        where: { id: incident.account.id },
        select: {
          arrMinor: true,
          contractValueMinor: true,
          currency: true,
          renewalDate: true,
          paymentStatus: true,
          daysOverdue: true,
          conductStatus: true,
          // The latest decision on the account, whichever case (or none) it came from: its
          // kind and date only; the rationale stays with those who took it.
          decisions: {
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { decision: true, createdAt: true },
          },
        },
      })
    : null;
  const actions = await db.action.findMany({
    where: { incidentId: id },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      catalogue: true,
      type: true,
      status: true,
      outcome: true,
      reason: true,
      dueAt: true,
      ownerId: true,
      owner: { select: { name: true } },
    },
  });
  const decisions = await db.decision.findMany({
    where: { incidentId: id },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      decision: true,
      rationale: true,
      employeesConsulted: true,
      createdAt: true,
      approver: { select: { name: true } },
    },
  });
  const messages = await listCaseMessages(db, id);
  const evidence = await db.evidence.findMany({
    where: { incidentId: id },
    orderBy: { createdAt: "asc" },
    select: { id: true, fileName: true, sizeBytes: true, sha256: true },
  });
  const now = new Date();
  return {
    canExport: user.role === "HR",
    messages: messages.map((m) => ({
      id: m.id,
      body: m.body,
      at: m.createdAt.toISOString(),
      authorName: m.authorName,
    })),
    evidence,
    candidates: candidates
      .filter((c) => c.id !== incident.assignee?.id)
      .map((c) => ({
        id: c.id,
        label: `${c.name} (${c.role === "HR" ? "HR" : "manager"})${c.onLeave ? ", on leave" : ""}`,
      })),
    owners: people.map((p) => ({ id: p.id, label: p.name, self: p.id === user.id })),
    approvers: people
      .filter((p) => p.id !== user.id && p.id !== accountOwnerId)
      .map((p) => ({ id: p.id, label: `${p.name} (${p.role.toLowerCase()})` })),
    assessed,
    figures: account
      ? {
          arr: money(account.arrMinor, account.currency),
          contractValue: money(account.contractValueMinor, account.currency),
          renewalDate: account.renewalDate?.toISOString() ?? null,
          payment:
            account.paymentStatus === "CURRENT"
              ? "Paying on time"
              : `${account.paymentStatus.toLowerCase().replace(/_/g, " ")}, ${account.daysOverdue} days overdue`,
          conductStatus: account.conductStatus,
          lastDecision: account.decisions[0]
            ? {
                label:
                  DECISION_LABELS[account.decisions[0].decision as AccountDecision] ??
                  account.decisions[0].decision,
                at: account.decisions[0].createdAt.toISOString(),
              }
            : null,
        }
      : null,
    actions: actions.map((a) => ({
      id: a.id,
      catalogue: a.catalogue,
      label: actionLabel(a.catalogue, a.type),
      status: a.status,
      outcome: a.outcome,
      reason: a.reason,
      dueAt: a.dueAt?.toISOString() ?? null,
      ownerId: a.ownerId,
      ownerName: a.owner?.name ?? null,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      label: DECISION_LABELS[d.decision as AccountDecision] ?? d.decision,
      rationale: d.rationale,
      consulted: d.employeesConsulted,
      at: d.createdAt.toISOString(),
      approverName: d.approver.name,
    })),
    incident: {
      reference: incident.reference,
      status: incident.status,
      reporterName: incident.reporter.name,
      assigneeName: incident.assignee?.name ?? null,
      accountName: incident.account.name,
      channel: incident.channel,
      severity: incident.assessedSeverity ?? incident.reporterSeverity,
      reporterSeverity: incident.reporterSeverity,
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
    views: views.map((v) => ({ id: v.id, at: v.at, actorName: v.actorName })),
  };
}

const text = (what: string, max: number, min = 1) => plainText(what, max, min);

/** A due date: a real calendar date (2026-02-30 is refused, not read as 2 March). */
const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!isRealDate(v, BUSINESS_YEARS)) {
      ctx.addIssue({ code: "custom", message: "Please give a date like 2026-12-31." });
      return z.NEVER;
    }
    return new Date(`${v}T17:00:00Z`);
  });

/** An existing due date: left alone when the field is absent, cleared when sent empty. */
const editedDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const parsed = optionalDate.safeParse(v);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0].message });
    return z.NEVER;
  });

const optionalId = z
  .string()
  .optional()
  .transform((v) => v || undefined);

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("acknowledge") }),
  z.object({
    intent: z.literal("assess"),
    severity: z.enum(SEVERITIES, { errorMap: () => ({ message: "Please choose a severity." }) }),
    categories: z
      .array(z.enum(CATEGORIES, { errorMap: () => ({ message: "Please choose from the list." }) }))
      .min(1, "Please confirm at least one category."),
  }),
  z.object({ intent: z.literal("note"), text: text("Please write the note.", 5000) }),
  z.object({ intent: z.literal("message"), body: text("Please write a message.", 5000) }),
  z.object({
    intent: z.literal("update"),
    text: text("Please write the update.", 5000),
  }),
  z.object({
    intent: z.literal("protect"),
    measure: z.enum(PROTECTIVE_MEASURES, {
      errorMap: () => ({ message: "Please choose a protective measure." }),
    }),
    ownerId: optionalId,
    dueAt: optionalDate,
  }),
  z.object({
    intent: z.literal("sanction"),
    sanction: z.enum(SANCTIONS, { errorMap: () => ({ message: "Please choose an action." }) }),
    ownerId: optionalId,
    dueAt: optionalDate,
    reason: optionalPlainText(2000),
  }),
  z.object({
    intent: z.literal("action-status"),
    actionId: z.string().min(1, "Please choose an action."),
    status: z.enum(ACTION_STATUSES, { errorMap: () => ({ message: "Please choose a status." }) }),
    outcome: optionalPlainText(2000),
    ownerId: optionalId,
    dueAt: editedDate,
  }),
  z.object({
    intent: z.literal("reassign"),
    toUserId: z.string({ required_error: "Please choose who should handle it." }).min(1),
    reason: text("Please give a reason.", 1000, 3),
  }),
  z.object({
    intent: z.literal("resolve"),
    outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: "Please choose an outcome." }) }),
  }),
  z.object({ intent: z.literal("reopen"), reason: text("Please give a reason.", 1000, 3) }),
  decisionFields.extend({ intent: z.literal("decide") }),
]);

type ActionResult = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** Which form was sent (and for an action's row, which action), so errors go next to it. */
  intent?: string;
  actionId?: string;
  /** What was typed, for the forms that give it back when refused. */
  values?: Record<string, string>;
};

const ok = (message: string) => data<ActionResult>({ ok: true, message });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  const formData = await readForm(request);
  const form: Record<string, unknown> = Object.fromEntries(formData);
  form.categories = formData.getAll("categories");
  const sent = {
    intent: String(form.intent ?? ""),
    actionId: typeof form.actionId === "string" ? form.actionId : undefined,
    values: typedValues(formData),
  };
  const fail = (message: string, field: string) =>
    data<ActionResult>(
      { ok: false, message, fieldErrors: { [field]: [message] }, ...sent },
      { status: 400 },
    );
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors as Record<string, string[]>;
    return data<ActionResult>(
      { ok: false, message: "Please check the form.", fieldErrors, ...sent },
      { status: 400 },
    );
  }
  const input = parsed.data;
  const ownerOk = async (ownerId: string | undefined) =>
    !ownerId || (await peopleForCase(db, id)).people.some((p) => p.id === ownerId);
  try {
    switch (input.intent) {
      case "acknowledge": {
        const result = await acknowledgeIncident(db, id, user.id);
        return ok(
          result.changed
            ? "Acknowledged. The reporter has been told."
            : "This report was already acknowledged.",
        );
      }
      case "assess":
        await assessIncident(db, {
          incidentId: id,
          actorId: user.id,
          severity: input.severity,
          categories: input.categories,
        });
        return ok("Assessment recorded.");
      case "note":
        await addCaseNote(db, { incidentId: id, actorId: user.id, text: input.text });
        return ok("Note added. The reporter does not see it.");
      case "message":
        await postCaseMessage(db, { incidentId: id, authorId: user.id, body: input.body });
        return ok("Message sent to the reporter.");
      case "update":
        await sendReporterUpdate(db, { incidentId: id, actorId: user.id, text: input.text });
        return ok("Your update has been sent to the reporter.");
      case "protect":
        if (!(await ownerOk(input.ownerId))) return fail("Please choose an owner.", "ownerId");
        await recordProtectiveAction(db, {
          incidentId: id,
          actorId: user.id,
          type: input.measure,
          ownerId: input.ownerId,
          dueAt: input.dueAt,
        });
        return ok("Protective measure recorded.");
      case "sanction":
        if (!(await ownerOk(input.ownerId))) return fail("Please choose an owner.", "ownerId");
        if (input.sanction === "NO_ACTION" && !input.reason)
          return fail("Please write why no action is taken.", "reason");
        await recordSanction(db, {
          incidentId: id,
          actorId: user.id,
          type: input.sanction,
          ownerId: input.ownerId,
          dueAt: input.dueAt,
          reason: input.reason,
        });
        return ok("Action on the account recorded.");
      case "action-status":
        if (!(await ownerOk(input.ownerId))) return fail("Please choose an owner.", "ownerId");
        await updateAction(db, {
          incidentId: id,
          actorId: user.id,
          actionId: input.actionId,
          status: input.status,
          outcome: input.outcome,
          ownerId: input.ownerId,
          dueAt: input.dueAt,
        });
        return ok("Action updated.");
      case "reassign": {
        const result = await reassignIncident(db, {
          incidentId: id,
          actorId: user.id,
          toUserId: input.toUserId,
          reason: input.reason,
        });
        return ok(result.changed ? "The case has been reassigned." : "They already handle it.");
      }
      case "resolve": {
        const result = await resolveIncident(db, {
          incidentId: id,
          actorId: user.id,
          outcome: input.outcome,
        });
        return ok(result.changed ? "The case is resolved." : "This case was already resolved.");
      }
      case "reopen": {
        const result = await reopenIncident(db, {
          incidentId: id,
          actorId: user.id,
          reason: input.reason,
        });
        return ok(result.changed ? "The case is open again." : "This case is already open.");
      }
      case "decide": {
        const result = await recordDecision(db, {
          incidentId: id,
          actorId: user.id,
          decision: input.decision,
          rationale: input.rationale,
          approverId: input.approverId,
          employeesConsulted: input.consulted === "yes",
          watch: input.watch === "on",
        });
        return ok(
          `Decision recorded. The account's conduct status is now ${result.conductStatus.toLowerCase()}.`,
        );
      }
    }
  } catch (error) {
    if (error instanceof ReassignError) return fail(error.message, "toUserId");
    if (error instanceof DecisionError) return fail(error.message, "approverId");
    if (error instanceof HandlingError) return fail(error.message, "form");
    if (error instanceof CaseMessageError) return fail(error.message, "body");
    throw error;
  }
}

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

type Owner = { id: string; label: string; self: boolean };

/** One action's status, outcome, owner and due date; ids are per action so errors sit by their field. */
function ActionRowForm({
  action: a,
  owners,
  errors,
  values,
}: {
  action: {
    id: string;
    status: string;
    outcome: string | null;
    ownerId: string | null;
    ownerName: string | null;
    dueAt: string | null;
  };
  owners: Owner[];
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
}) {
  const id = (field: string) => `action-${a.id}-${field}`;
  return (
    <Form method="post" className="mt-1 grid items-end gap-2 sm:grid-cols-5">
      <input type="hidden" name="intent" value="action-status" />
      <input type="hidden" name="actionId" value={a.id} />
      <Field id={id("status")} label="Status" errors={errors?.status}>
        {(ids) => (
          <select
            name="status"
            defaultValue={values?.status ?? a.status}
            className={inputClass}
            {...ids}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id("outcome")} label="Outcome" errors={errors?.outcome}>
        {(ids) => (
          <input
            name="outcome"
            maxLength={2000}
            defaultValue={values?.outcome ?? a.outcome ?? ""}
            className={inputClass}
            {...ids}
          />
        )}
      </Field>
      <Field id={id("owner")} label="Owner" errors={errors?.ownerId}>
        {(ids) => (
          <select
            name="ownerId"
            defaultValue={values?.ownerId ?? a.ownerId ?? ""}
            className={inputClass}
            {...ids}
          >
            {owners.some((o) => o.id === a.ownerId) ? null : (
              <option value="">{a.ownerName ?? "Nobody"}</option>
            )}
            <OwnerOptions owners={owners} />
          </select>
        )}
      </Field>
      <Field id={id("due")} label="Due" errors={errors?.dueAt}>
        {(ids) => (
          <input
            type="date"
            name="dueAt"
            defaultValue={values?.dueAt ?? a.dueAt?.slice(0, 10) ?? ""}
            className={inputClass}
            {...ids}
          />
        )}
      </Field>
      <button type="submit" className={secondaryButtonClass}>
        Save
      </button>
    </Form>
  );
}

function OwnerOptions({ owners }: { owners: Owner[] }) {
  return owners.map((o) => (
    <option key={o.id} value={o.id}>
      {o.label}
      {o.self ? " (me)" : ""}
    </option>
  ));
}

function OwnerAndDue({
  prefix,
  owners,
  errors,
}: {
  prefix: string;
  owners: Owner[];
  errors?: Record<string, string[]>;
}) {
  const self = owners.find((o) => o.self)?.id ?? "";
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <Field id={`${prefix}-owner`} label="Owner" errors={errors?.ownerId}>
        {(ids) => (
          <select name="ownerId" className={inputClass} {...ids} defaultValue={self}>
            {self ? null : <option value="">Me</option>}
            <OwnerOptions owners={owners} />
          </select>
        )}
      </Field>
      <Field id={`${prefix}-due`} label="Due date (optional)" errors={errors?.dueAt}>
        {(ids) => <input type="date" name="dueAt" className={inputClass} {...ids} />}
      </Field>
    </div>
  );
}

export default function CasePage() {
  const {
    incident,
    timeline,
    views,
    candidates,
    owners,
    approvers,
    assessed,
    figures,
    actions,
    decisions,
    canExport,
    messages,
    evidence,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  // Each form shows only the errors of its own last submission.
  const errorsOf = (intent: string, actionId?: string) =>
    result && !result.ok && result.intent === intent && result.actionId === actionId
      ? result.fieldErrors
      : undefined;
  const open = incident.status !== "RESOLVED";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{incident.reference}</h1>
        <StatusBadge status={incident.status} />
        {canExport ? (
          // A POST: the download records an export on the case's timeline.
          <Form
            method="post"
            action={`/cases/${incident.reference}/case-file`}
            reloadDocument
            className="ml-auto"
          >
            <button type="submit" className="text-brand-700 underline">
              Download case file (PDF)
            </button>
          </Form>
        ) : null}
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
          <dd>
            {SEVERITY_LABELS[incident.severity as Severity]}
            {assessed ? " (assessed)" : " (as reported)"}
          </dd>
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
      {evidence.length ? (
        <Section id="evidence-heading" title="Evidence">
          <ul className="space-y-1">
            {evidence.map((e) => (
              <li key={e.id}>
                <a href={`/evidence/${e.id}`} className="underline" download>
                  {e.fileName}
                </a>{" "}
                <span className="break-all text-sm text-slate-600">SHA-256 {e.sha256}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="messages-heading" title="Messages with the reporter">
        {messages.length === 0 ? (
          <p className="text-slate-600">No messages yet.</p>
        ) : (
          <ol className="space-y-2" aria-label="Messages">
            {messages.map((m) => (
              <li key={m.id}>
                <p className="whitespace-pre-wrap">{m.body}</p>
                <p className="text-sm text-slate-600">
                  {formatDateTime(m.at)} · {m.authorName}
                </p>
              </li>
            ))}
          </ol>
        )}
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="message" />
          <Field
            id="message-body"
            label="Message to the reporter"
            hint="They see it on their report; the mail they get does not contain it."
            errors={errorsOf("message")?.body}
          >
            {(ids) => <textarea name="body" rows={2} className={inputClass} {...ids} />}
          </Field>
          <button type="submit" className={secondaryButtonClass}>
            Send message
          </button>
        </Form>
      </Section>
      <Section id="assess-heading" title={assessed ? "Assessment" : "Assess the harm"}>
        <p className="text-sm text-slate-700">
          Judge the harm on its own. The account&apos;s commercial figures are shown only after
          severity and categories are assessed.
        </p>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="assess" />
          <Field
            id="assess-severity"
            label="Assessed severity"
            errors={errorsOf("assess")?.severity}
          >
            {(ids) => (
              <select
                name="severity"
                className={inputClass}
                {...ids}
                defaultValue={incident.severity}
              >
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend className="font-medium">Confirmed categories</legend>
            <div className="mt-1 grid gap-1 sm:grid-cols-2">
              {CATEGORIES.map((c) => (
                <label key={c} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="categories"
                    value={c}
                    defaultChecked={incident.categories.includes(c)}
                  />
                  {CATEGORY_LABELS[c]}
                </label>
              ))}
            </div>
            <FieldError errors={errorsOf("assess")?.categories} />
          </fieldset>
          <button type="submit" className={secondaryButtonClass}>
            {assessed ? "Update assessment" : "Record assessment"}
          </button>
        </Form>
      </Section>
      {figures ? (
        <Section id="figures-heading" title="Account figures">
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-slate-600">Annual recurring revenue</dt>
              <dd>{figures.arr}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Total contract value</dt>
              <dd>{figures.contractValue}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Renewal</dt>
              <dd>{figures.renewalDate ? formatDate(figures.renewalDate) : "Not set"}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Payment</dt>
              <dd>{figures.payment}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Conduct status</dt>
              <dd>{figures.conductStatus.toLowerCase()}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Last decision on the account</dt>
              <dd>
                {figures.lastDecision
                  ? `${figures.lastDecision.label}, ${formatDate(figures.lastDecision.at)}`
                  : "None yet"}
              </dd>
            </div>
          </dl>
        </Section>
      ) : null}
      {open ? (
        <Section id="act-heading" title="Act on this case">
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="update" />
            <Field
              id="update-text"
              label="Update for the reporter"
              hint="They see this on their report. The mail they get does not contain it."
              errors={errorsOf("update")?.text}
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
              errors={errorsOf("protect")?.measure}
            >
              {(ids) => (
                <ChooseSelect
                  name="measure"
                  ids={ids}
                  choices={choicesOf(PROTECTIVE_MEASURES, PROTECTIVE_MEASURE_LABELS)}
                />
              )}
            </Field>
            <OwnerAndDue prefix="measure" owners={owners} errors={errorsOf("protect")} />
            <button type="submit" className={secondaryButtonClass}>
              Record measure
            </button>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="sanction" />
            <Field
              id="sanction"
              label="Action on the account"
              errors={errorsOf("sanction")?.sanction}
            >
              {(ids) => (
                <ChooseSelect
                  name="sanction"
                  ids={ids}
                  choices={choicesOf(SANCTIONS, SANCTION_LABELS)}
                />
              )}
            </Field>
            <OwnerAndDue prefix="sanction" owners={owners} errors={errorsOf("sanction")} />
            <Field
              id="sanction-reason"
              label="Reason (required for no action)"
              errors={errorsOf("sanction")?.reason}
            >
              {(ids) => <input name="reason" className={inputClass} {...ids} />}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Record action
            </button>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="reassign" />
            <Field id="toUserId" label="Hand the case to" errors={errorsOf("reassign")?.toUserId}>
              {(ids) => (
                <ChooseSelect
                  name="toUserId"
                  ids={ids}
                  choices={candidates.map((c) => ({ value: c.id, label: c.label }))}
                />
              )}
            </Field>
            <Field
              id="reason"
              label="Reason for reassigning"
              hint="Recorded on the case timeline. The reporter sees who handles it, not why."
              errors={errorsOf("reassign")?.reason}
            >
              {(ids) => <input name="reason" className={inputClass} {...ids} />}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Reassign
            </button>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="resolve" />
            <Field id="outcome" label="Resolve with outcome" errors={errorsOf("resolve")?.outcome}>
              {(ids) => (
                <ChooseSelect
                  name="outcome"
                  ids={ids}
                  choices={choicesOf(OUTCOMES, OUTCOME_LABELS)}
                />
              )}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Resolve case
            </button>
          </Form>
        </Section>
      ) : (
        <Section id="reopen-heading" title="Reopen">
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="reopen" />
            <Field
              id="reopen-reason"
              label="Reason for reopening"
              errors={errorsOf("reopen")?.reason}
            >
              {(ids) => <input name="reason" className={inputClass} {...ids} />}
            </Field>
            <button type="submit" className={secondaryButtonClass}>
              Reopen case
            </button>
          </Form>
        </Section>
      )}
      <Section id="notes-heading" title="Private note">
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="note" />
          <Field
            id="note-text"
            label="Note for the people handling this case"
            hint="Never shown to the reporter."
            errors={errorsOf("note")?.text}
          >
            {(ids) => <textarea name="text" rows={2} className={inputClass} {...ids} />}
          </Field>
          <button type="submit" className={secondaryButtonClass}>
            Add note
          </button>
        </Form>
      </Section>
      <Section id="actions-heading" title="Actions">
        {actions.length === 0 ? (
          <p className="text-slate-600">No actions yet.</p>
        ) : (
          <ul className="space-y-3">
            {actions.map((a) => (
              <li key={a.id} className="border-b border-slate-100 pb-2">
                <p className="font-medium">
                  {a.catalogue === "PROTECTIVE" ? "For the employee" : "On the account"}: {a.label}
                </p>
                <p className="text-sm text-slate-600">
                  Owner {a.ownerName ?? "–"} · due {a.dueAt ? formatDate(a.dueAt) : "–"} ·{" "}
                  {ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status}
                  {a.outcome ? ` · outcome: ${a.outcome}` : ""}
                  {a.reason ? ` · reason: ${a.reason}` : ""}
                </p>
                <ActionRowForm
                  action={a}
                  owners={owners}
                  errors={errorsOf("action-status", a.id)}
                  values={errorsOf("action-status", a.id) ? result?.values : undefined}
                />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="decision-heading" title="Decision on the account">
        {decisions.length ? (
          <ul className="space-y-1">
            {decisions.map((d) => (
              <li key={d.id}>
                {formatDate(d.at)}: {d.label}, approved by {d.approverName}; employees consulted:{" "}
                {d.consulted ? "yes" : "no"}. {d.rationale}
              </li>
            ))}
          </ul>
        ) : null}
        <DecisionForm
          approvers={approvers}
          errors={errorsOf("decide")}
          values={errorsOf("decide") ? result?.values : undefined}
        />
      </Section>
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
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          Timeline
        </h2>
        <Timeline items={timeline} />
        <details className="mt-4">
          <summary>Viewed {views.length} times</summary>
          <ul className="mt-2 text-sm text-slate-700">
            {views.map((v) => (
              <li key={v.id}>
                {formatDateTime(v.at)} · {v.actorName ?? "someone"}
              </li>
            ))}
          </ul>
        </details>
        <p className="mt-2 text-sm">
          {canExport ? (
            <Link to={`/hr/verify?reference=${incident.reference}`} className="underline">
              Verify this timeline
            </Link>
          ) : null}
        </p>
      </section>
    </div>
  );
}
