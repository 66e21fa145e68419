import "~/i18n/case-messages";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
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
import { CONDUCT_KEYS, caseLabel } from "~/i18n/case-vocabulary";
import { translateMessage } from "~/i18n/messages";
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
// Forms are read by conform (`parseWithZod`); what the page shows back — the answer beside the
// button and each field's message — is in the reader's language (`ctx.t`).

const text = (what: string, max: number, min = 1) => plainText(what, max, min);

const DATE_MESSAGE = "Please give a date like 2026-12-31.";

/** A due date: a real calendar date (2026-02-30 is refused, not read as 2 March); none if empty. */
const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!isRealDate(v, BUSINESS_YEARS)) {
      ctx.addIssue({ code: "custom", message: DATE_MESSAGE });
      return z.NEVER;
    }
    return new Date(`${v}T17:00:00Z`);
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

type Ctx = {
  db: Db;
  incidentId: string;
  actorId: string;
  /** The reader's translate function and language, for the answers the page shows. */
  t: TFunction;
  language: string;
};
type Outcome = { message: string } | { field: string; error: string };

type Handler<S extends z.ZodTypeAny> = {
  schema: S;
  run: (ctx: Ctx, input: z.infer<S>, form: FormData) => Promise<Outcome>;
};
type AnyHandler = {
  schema: z.ZodTypeAny;
  run: (ctx: Ctx, input: unknown, form: FormData) => Promise<Outcome>;
};
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
          ? ctx.t("case.done.acknowledged")
          : ctx.t("case.done.alreadyAcknowledged"),
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
      return { message: ctx.t("case.done.assessed") };
    },
  }),
  note: handler({
    schema: z.object({ text: text("Please write the note.", 5000) }),
    run: async (ctx, input) => {
      await addCaseNote(ctx.db, { ...ids(ctx), text: input.text });
      return { message: ctx.t("case.done.note") };
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
      return { message: ctx.t("case.done.message") };
    },
  }),
  update: handler({
    schema: z.object({ text: text("Please write the update.", 5000) }),
    run: async (ctx, input) => {
      await sendReporterUpdate(ctx.db, { ...ids(ctx), text: input.text });
      return { message: ctx.t("case.done.update") };
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
      return { message: ctx.t("case.done.measure") };
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
      return { message: ctx.t("case.done.sanction") };
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
      dueAt: optionalDate,
    }),
    run: async (ctx, { dueAt, ...input }, form) => {
      const problem = await ownerProblem(ctx, input.ownerId);
      if (problem) return problem;
      // An existing due date: left alone when the field is absent, cleared when sent empty.
      const due = form.has("dueAt") ? dueAt : undefined;
      await updateAction(ctx.db, { ...ids(ctx), ...input, dueAt: due });
      return { message: ctx.t("case.done.actionUpdated") };
    },
  }),
  reassign: handler({
    schema: z.object({
      toUserId: z.string({ required_error: "Please choose who should handle it." }).min(1),
      reason: text("Please give a reason.", 1000, 3),
    }),
    run: async (ctx, input) => {
      const r = await reassignIncident(ctx.db, { ...ids(ctx), ...input });
      return {
        message: r.changed ? ctx.t("case.done.reassigned") : ctx.t("case.done.alreadyHandles"),
      };
    },
  }),
  resolve: handler({
    schema: z.object({
      outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: "Please choose an outcome." }) }),
    }),
    run: async (ctx, input) => {
      const r = await resolveIncident(ctx.db, { ...ids(ctx), outcome: input.outcome });
      return {
        message: r.changed ? ctx.t("case.done.resolved") : ctx.t("case.done.alreadyResolved"),
      };
    },
  }),
  reopen: handler({
    schema: z.object({ reason: text("Please give a reason.", 1000, 3) }),
    run: async (ctx, input) => {
      const r = await reopenIncident(ctx.db, { ...ids(ctx), reason: input.reason });
      return {
        message: r.changed ? ctx.t("case.done.reopened") : ctx.t("case.done.alreadyOpen"),
      };
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
        message: ctx.t("case.done.decisionProposed", {
          approver: r.approverName,
          conduct: caseLabel(ctx.t, CONDUCT_KEYS, r.conductStatus).toLocaleLowerCase(),
        }),
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
            ? ctx.t("case.done.supportArranged")
            : ctx.t("case.done.supportDeclined"),
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
          ? ctx.t("case.done.statementAsked")
          : ctx.t("case.done.statementAlreadyAsked"),
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
  const intent = formData.get("intent");
  const sent = {
    intent: String(intent ?? ""),
    actionId: formData.get("actionId")?.toString(),
  };
  // Messages are written in English where the rule lives; the reader gets them in their language.
  const say = (message: string) => translateMessage(ctx.t, message, ctx.language);
  const fail = (message: string, field: string, status = 400) =>
    data<ActionResult>(
      {
        ok: false,
        message: say(message),
        fieldErrors: { [field]: [say(message)] },
        ...sent,
        values: typedValues(formData),
      },
      { status },
    );
  if (!isCaseIntent(intent)) return fail("Please use one of the forms on this page.", "form");
  const refused = caseIntentProblem(intent, ctx.status);
  if (refused) return fail(refused, "form", 409);
  const h = INTENT_HANDLERS[intent];
  const submission = parseWithZod(formData, { schema: h.schema });
  if (submission.status !== "success") {
    const fieldErrors: Record<string, string[]> = {};
    for (const [field, errors] of Object.entries(submission.reply().error ?? {})) {
      if (errors?.length) fieldErrors[field] = errors.map(say);
    }
    return data<ActionResult>(
      {
        ok: false,
        message: say("Please check the form."),
        fieldErrors,
        ...sent,
        values: typedValues(formData),
      },
      { status: 400 },
    );
  }
  try {
    const out = await h.run(ctx, submission.value, formData);
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
