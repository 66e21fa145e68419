import { data } from "@remix-run/node";
import { z } from "zod";
import {
  CASE_INTENTS,
  caseIntentProblem,
  SUPPORT_ANSWERS,
  type CaseIntent,
} from "~/domain/case-rules";
import { decisionFields } from "~/domain/decision-form";
import { BUSINESS_YEARS, isRealDate, optionalPlainText, plainText } from "~/domain/input-rules";
import { ACTION_STATUSES, SANCTIONS } from "~/domain/sanctions";
import {
  CATEGORIES,
  OUTCOMES,
  PROTECTIVE_MEASURES,
  SEVERITIES,
  SUPPORT_KINDS,
  type IncidentStatus,
} from "~/domain/vocabulary";
import { mayOwnActionOnCase } from "~/models/case-page.server";
import { CaseMessageError, postCaseMessage } from "~/models/case-message.server";
import {
  answerSupportRequest,
  requestWitnessStatement,
  SupportError,
} from "~/models/case-support.server";
import { DecisionError, recordDecision } from "~/models/decision.server";
import { acknowledgeIncident } from "~/models/incident.server";
import {
  addCaseNote,
  assessIncident,
  HandlingError,
  reassignIncident,
  ReassignError,
  recordCaseView,
  recordProtectiveAction,
  recordSanction,
  reopenIncident,
  resolveIncident,
  sendReporterUpdate,
  updateAction,
} from "~/models/incident-handling.server";
import type { Db } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";

// The case page's action: one schema and one handler per intent. The route reads the form,
// checks the rules of `caseIntentProblem` (a resolved case refuses changes) and calls these.

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

export type ActionResult = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** Which form was sent (and for an action's row, which action), so errors go next to it. */
  intent?: string;
  actionId?: string;
  /** What was typed, for a form posted without a fetcher (the shared decision form). */
  values?: Record<string, string>;
};

type Ctx = { db: Db; incidentId: string; actorId: string };
type Outcome = { message: string } | { field: string; error: string };

type Handler<S extends z.ZodTypeAny> = {
  schema: S;
  run: (ctx: Ctx, input: z.infer<S>) => Promise<Outcome>;
};
type AnyHandler = { schema: z.ZodTypeAny; run: (ctx: Ctx, input: unknown) => Promise<Outcome> };
/** Typed where it is written; the table only needs "parse with this, then run that". */
const handler = <S extends z.ZodTypeAny>(h: Handler<S>) => h as unknown as AnyHandler;

const ownerProblem = async (ctx: Ctx, ownerId: string | undefined) =>
  ownerId && !(await mayOwnActionOnCase(ctx.db, ctx.incidentId, ownerId))
    ? { field: "ownerId", error: "Please choose an owner from the list." }
    : null;

export const INTENT_HANDLERS: Record<CaseIntent, AnyHandler> = {
  view: handler({
    schema: z.object({}),
    run: async (ctx) => {
      await recordCaseView(ctx.db, { incidentId: ctx.incidentId, actorId: ctx.actorId });
      return { message: "" };
    },
  }),
  acknowledge: handler({
    schema: z.object({}),
    run: async (ctx) => {
      const r = await acknowledgeIncident(ctx.db, ctx.incidentId, ctx.actorId);
      return {
        message: r.changed
          ? "Acknowledged. The reporter has been told."
          : "This report was already acknowledged.",
      };
    },
  }),
  assess: handler({
    schema: z.object({
      severity: z.enum(SEVERITIES, { errorMap: () => ({ message: "Please choose a severity." }) }),
      categories: z
        .array(
          z.enum(CATEGORIES, { errorMap: () => ({ message: "Please choose from the list." }) }),
        )
        .min(1, "Please confirm at least one category."),
    }),
    run: async (ctx, input) => {
      await assessIncident(ctx.db, { ...ids(ctx), ...input });
      return { message: "Assessment recorded." };
    },
  }),
  note: handler({
    schema: z.object({ text: text("Please write the note.", 5000) }),
    run: async (ctx, input) => {
      await addCaseNote(ctx.db, { ...ids(ctx), text: input.text });
      return { message: "Note added. The reporter does not see it." };
    },
  }),
  message: handler({
    schema: z.object({ body: text("Please write a message.", 5000) }),
    run: async (ctx, input) => {
      await postCaseMessage(ctx.db, {
        incidentId: ctx.incidentId,
        authorId: ctx.actorId,
        body: input.body,
      });
      return { message: "Message sent to the reporter." };
    },
  }),
  update: handler({
    schema: z.object({ text: text("Please write the update.", 5000) }),
    run: async (ctx, input) => {
      await sendReporterUpdate(ctx.db, { ...ids(ctx), text: input.text });
      return { message: "Your update has been sent to the reporter." };
    },
  }),
  protect: handler({
    schema: z.object({
      measure: z.enum(PROTECTIVE_MEASURES, {
        errorMap: () => ({ message: "Please choose a protective measure." }),
      }),
      ownerId: optionalId,
      dueAt: optionalDate,
    }),
    run: async (ctx, input) => {
      const problem = await ownerProblem(ctx, input.ownerId);
      if (problem) return problem;
      await recordProtectiveAction(ctx.db, {
        ...ids(ctx),
        type: input.measure,
        ownerId: input.ownerId,
        dueAt: input.dueAt,
      });
      return { message: "Protective measure recorded." };
    },
  }),
  sanction: handler({
    schema: z.object({
      sanction: z.enum(SANCTIONS, { errorMap: () => ({ message: "Please choose an action." }) }),
      ownerId: optionalId,
      dueAt: optionalDate,
      reason: optionalPlainText(2000),
    }),
    run: async (ctx, input) => {
      const problem = await ownerProblem(ctx, input.ownerId);
      if (problem) return problem;
      if (input.sanction === "NO_ACTION" && !input.reason)
        return { field: "reason", error: "Please write why no action is taken." };
      await recordSanction(ctx.db, {
        ...ids(ctx),
        type: input.sanction,
        ownerId: input.ownerId,
        dueAt: input.dueAt,
        reason: input.reason,
      });
      return { message: "Action on the account recorded." };
    },
  }),
  "action-status": handler({
    schema: z.object({
      actionId: z.string().min(1, "Please choose an action."),
      status: z.enum(ACTION_STATUSES, {
        errorMap: () => ({ message: "Please choose a status." }),
      }),
      outcome: optionalPlainText(2000),
      ownerId: optionalId,
      dueAt: editedDate,
    }),
    run: async (ctx, input) => {
      const problem = await ownerProblem(ctx, input.ownerId);
      if (problem) return problem;
      await updateAction(ctx.db, { ...ids(ctx), ...input });
      return { message: "Action updated." };
    },
  }),
  reassign: handler({
    schema: z.object({
      toUserId: z.string({ required_error: "Please choose who should handle it." }).min(1),
      reason: text("Please give a reason.", 1000, 3),
    }),
    run: async (ctx, input) => {
      const r = await reassignIncident(ctx.db, { ...ids(ctx), ...input });
      return { message: r.changed ? "The case has been reassigned." : "They already handle it." };
    },
  }),
  resolve: handler({
    schema: z.object({
      outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: "Please choose an outcome." }) }),
    }),
    run: async (ctx, input) => {
      const r = await resolveIncident(ctx.db, { ...ids(ctx), outcome: input.outcome });
      return {
        message: r.changed ? "The case is resolved." : "This case was already resolved.",
      };
    },
  }),
  reopen: handler({
    schema: z.object({ reason: text("Please give a reason.", 1000, 3) }),
    run: async (ctx, input) => {
      const r = await reopenIncident(ctx.db, { ...ids(ctx), reason: input.reason });
      return { message: r.changed ? "The case is open again." : "This case is already open." };
    },
  }),
  decide: handler({
    schema: decisionFields,
    run: async (ctx, input) => {
      const r = await recordDecision(ctx.db, {
        ...ids(ctx),
        decision: input.decision,
        rationale: input.rationale,
        approverId: input.approverId,
        employeesConsulted: input.consulted === "yes",
        watch: input.watch === "on",
      });
      return {
        message: `Decision proposed. ${r.approverName} is asked to approve it; once approved, the account's conduct status becomes ${r.conductStatus.toLowerCase()}.`,
      };
    },
  }),
  "support-answer": handler({
    schema: z.object({
      kind: z.enum(SUPPORT_KINDS, { errorMap: () => ({ message: "Please choose a request." }) }),
      answer: z.enum(SUPPORT_ANSWERS, {
        errorMap: () => ({ message: "Please choose arranged or declined." }),
      }),
      reason: optionalPlainText(1000),
    }),
    run: async (ctx, input) => {
      await answerSupportRequest(ctx.db, { ...ids(ctx), ...input });
      return {
        message:
          input.answer === "ARRANGED"
            ? "Marked as arranged. The reporter has been told."
            : "Marked as declined. The reporter has been told why.",
      };
    },
  }),
  "witness-request": handler({
    schema: z.object({
      witnessId: z.string({ required_error: "Please choose a witness." }).min(1, {
        message: "Please choose a witness.",
      }),
    }),
    run: async (ctx, input) => {
      const r = await requestWitnessStatement(ctx.db, { ...ids(ctx), witnessId: input.witnessId });
      return {
        message: r.changed
          ? "Statement asked for. The witness has been sent a link."
          : "A statement was already asked of them.",
      };
    },
  }),
};

function ids(ctx: Ctx) {
  return { incidentId: ctx.incidentId, actorId: ctx.actorId };
}

export function isCaseIntent(v: unknown): v is CaseIntent {
  return typeof v === "string" && (CASE_INTENTS as readonly string[]).includes(v);
}

/** Runs one intent: 400 with the message next to its field for bad input or a refused rule. */
export async function runIntent(ctx: Ctx & { status: IncidentStatus }, formData: FormData) {
  const form: Record<string, unknown> = Object.fromEntries(formData);
  form.categories = formData.getAll("categories");
  const intent = form.intent;
  const sent = {
    intent: String(intent ?? ""),
    actionId: typeof form.actionId === "string" ? form.actionId : undefined,
  };
  const fail = (message: string, field: string, status = 400) =>
    data<ActionResult>(
      {
        ok: false,
        message,
        fieldErrors: { [field]: [message] },
        ...sent,
        values: typedValues(formData),
      },
      { status },
    );
  if (!isCaseIntent(intent)) return fail("Please use one of the forms on this page.", "form");
  const refused = caseIntentProblem(intent, ctx.status);
  if (refused) return fail(refused, "form", 409);
  const h = INTENT_HANDLERS[intent];
  const parsed = h.schema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors as Record<string, string[]>;
    return data<ActionResult>(
      {
        ok: false,
        message: "Please check the form.",
        fieldErrors,
        ...sent,
        values: typedValues(formData),
      },
      { status: 400 },
    );
  }
  try {
    const out = await h.run(ctx, parsed.data);
    if ("error" in out) return fail(out.error, out.field);
    return data<ActionResult>({ ok: true, message: out.message, ...sent });
  } catch (error) {
    if (error instanceof ReassignError) return fail(error.message, "toUserId");
    if (error instanceof DecisionError) return fail(error.message, "approverId");
    if (error instanceof SupportError) return fail(error.message, error.field);
    if (error instanceof HandlingError) return fail(error.message, "form");
    if (error instanceof CaseMessageError) return fail(error.message, "body");
    throw error;
  }
}
