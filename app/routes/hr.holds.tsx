import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { TitledSection } from "~/components/titled-section";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  Field,
  FieldError,
  buttonClass,
  inputClass,
  secondaryButtonClass,
} from "~/components/ui/field";
import { HOLD_SCOPES, parseHoldForm, type HoldScope } from "~/domain/retention";
import { HOLD_SCOPE_KEYS, labelOf } from "~/i18n/hr-labels";
import { hrMessage } from "~/i18n/hr-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import {
  HOLDS_PAGE,
  listHolds,
  placeHold,
  releaseHold,
  resolveHoldTarget,
} from "~/models/legal-hold.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hr.holds.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR places and releases legal holds. A hold covers one case, an account's cases or an
// employee's reports; while it stands, retention and erasure leave those cases alone.

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cases:review");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const db = await getDb();
  const [active, released] = await Promise.all([
    listHolds(db, { released: false }),
    listHolds(db, { released: true, skip: (page - 1) * HOLDS_PAGE }),
  ]);
  return { active, released, page };
}

const RELEASE_REASON_MESSAGE = "Give the reason for releasing (5 to 2,000 characters).";
const text = z.string().optional();

// One schema for both forms (placing, and releasing one hold); the hold's rules stay in
// app/domain/retention.ts and are reported here field by field.
const holdSchema = z
  .object({
    intent: z.enum(["place", "release"]).catch("place"),
    scope: text,
    target: text,
    matter: text,
    reason: text,
    holdId: text,
    releaseReason: text,
  })
  .transform((v, ctx) => {
    if (v.intent === "release") {
      const reason = (v.releaseReason ?? "").trim();
      if (reason.length >= 5 && reason.length <= 2000)
        return { intent: "release" as const, holdId: v.holdId ?? "", reason };
      ctx.addIssue({ code: "custom", path: ["releaseReason"], message: RELEASE_REASON_MESSAGE });
      return z.NEVER;
    }
    const parsed = parseHoldForm({
      scope: v.scope ?? "",
      target: v.target ?? "",
      matter: v.matter ?? "",
      reason: v.reason ?? "",
    });
    if (parsed.ok) return { intent: "place" as const, hold: parsed.value };
    for (const [field, messages] of Object.entries(parsed.errors))
      for (const message of messages ?? [])
        ctx.addIssue({ code: "custom", path: [field], message });
    return z.NEVER;
  });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: holdSchema });
  // Which hold a release form was about, so its message shows under that hold.
  const holdId = formData.get("intent") === "release" ? String(formData.get("holdId") ?? "") : "";
  if (submission.status !== "success")
    return data({ result: submission.reply(), holdId }, { status: 400 });
  const db = await getDb();
  const input = submission.value;
  if (input.intent === "release") {
    const result = await releaseHold(db, {
      actorId: user.id,
      holdId: input.holdId,
      reason: input.reason,
    });
    if (!result.ok)
      return data(
        { result: submission.reply({ fieldErrors: { releaseReason: [result.error] } }), holdId },
        { status: 409 },
      );
    return redirectWithToast("/hr/holds", { key: "toast.hrHoldReleased" });
  }
  const target = await resolveHoldTarget(db, user, input.hold.scope, input.hold.target);
  if (!target) {
    const message = "Nothing matches this. Check the reference, account or email.";
    return data(
      { result: submission.reply({ fieldErrors: { target: [message] } }), holdId },
      { status: 400 },
    );
  }
  await placeHold(db, { actorId: user.id, input: input.hold, target });
  return redirectWithToast("/hr/holds", { key: "toast.hrHoldPlaced" });
}

type Hold = { id: string; matter: string };

function ReleaseForm({
  hold,
  lastResult,
}: {
  hold: Hold;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, language } = useI18n();
  const [form, fields] = useForm({ id: `release-form-${hold.id}`, lastResult });
  const errors = fields.releaseReason.errors?.map((m) => hrMessage(t, m, language));
  return (
    <Form method="post" className="mt-3 space-y-2" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="release" />
      <input type="hidden" name="holdId" value={hold.id} />
      <Field
        id={`release-${hold.id}`}
        label={t("hr.holds.releaseReason", { matter: hold.matter })}
        errors={errors}
      >
        {(ids) => (
          <input
            {...ids}
            name="releaseReason"
            defaultValue={(fields.releaseReason.initialValue as string | undefined) ?? ""}
            className={inputClass}
            maxLength={2000}
          />
        )}
      </Field>
      <button type="submit" className={secondaryButtonClass}>
        {t("hr.holds.release")}
      </button>
    </Form>
  );
}

export default function HoldsPage() {
  const { active, released, page } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, language, date } = useI18n();
  const [form, fields] = useForm({
    id: "place-hold",
    lastResult: answer && !answer.holdId ? answer.result : undefined,
  });
  const errorsOf = (messages: string[] | undefined) =>
    messages?.map((m) => hrMessage(t, m, language));
  const typed = (value: unknown) => (typeof value === "string" ? value : undefined);
  const line = (name: "target" | "matter", label: string, maxLength: number, hint?: string) => (
    <Field id={name} label={label} hint={hint} errors={errorsOf(fields[name].errors)} required>
      {(ids) => (
        <input
          {...ids}
          name={name}
          defaultValue={typed(fields[name].initialValue)}
          className={inputClass}
          maxLength={maxLength}
        />
      )}
    </Field>
  );
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t("hr.holds.title")}</h1>
      <p className="max-w-prose">{t("hr.holds.intro")}</p>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link to="/hr/data-rights" className="text-brand-700 underline">
          {t("hr.dataRights.title")}
        </Link>
        <Link to="/hr/bundles" className="text-brand-700 underline">
          {t("hr.bundles.title")}
        </Link>
      </p>

      <TitledSection
        id="place-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("hr.holds.place")}
      >
        <Form method="post" className="mt-3 max-w-xl space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="place" />
          <fieldset className="space-y-1">
            <legend className="font-medium">{t("hr.holds.covers")}</legend>
            {HOLD_SCOPES.map((s: HoldScope) => (
              <label key={s} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="scope"
                  value={s}
                  defaultChecked={(typed(fields.scope.initialValue) ?? "CASE") === s}
                />
                {labelOf(t, HOLD_SCOPE_KEYS, s)}
              </label>
            ))}
            <FieldError errors={errorsOf(fields.scope.errors)} />
          </fieldset>
          {line("target", t("hr.holds.target"), 320)}
          {line("matter", t("hr.holds.matter"), 200, t("hr.holds.matterHint"))}
          <Field
            id="reason"
            label={t("hr.holds.reason")}
            errors={errorsOf(fields.reason.errors)}
            required
          >
            {(ids) => (
              <textarea
                {...ids}
                name="reason"
                defaultValue={typed(fields.reason.initialValue)}
                rows={3}
                className={inputClass}
                maxLength={2000}
              />
            )}
          </Field>
          <button type="submit" className={buttonClass}>
            {t("hr.holds.placeButton")}
          </button>
        </Form>
      </TitledSection>

      <section aria-labelledby="active-heading">
        <h2 id="active-heading" className="text-lg font-semibold">
          {t("hr.holds.active", { count: active.total })}
        </h2>
        {active.holds.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("hr.holds.noneActive")}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {active.holds.map((h) => (
              <li key={h.id} className="rounded-lg bg-white p-4 shadow-sm">
                <p className="font-medium">{h.matter}</p>
                <p className="text-sm">
                  {t("hr.holds.placedLine", {
                    scope: labelOf(t, HOLD_SCOPE_KEYS, h.scope),
                    target: h.target,
                    date: date(h.placedAt),
                    name: h.placedBy,
                  })}
                </p>
                <p className="mt-1 text-sm text-slate-700">{h.reason}</p>
                <ReleaseForm
                  hold={h}
                  lastResult={answer?.holdId === h.id ? answer.result : undefined}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="released-heading">
        <h2 id="released-heading" className="text-lg font-semibold">
          {t("hr.holds.released", { count: released.total })}
        </h2>
        {released.holds.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("hr.holds.noneReleased")}</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg bg-white shadow-sm">
            {released.holds.map((h) => (
              <li key={h.id} className="p-3 text-sm">
                <span className="font-medium">{h.matter}</span>{" "}
                {t("hr.holds.releasedLine", {
                  target: h.target,
                  date: h.releasedAt ? date(h.releasedAt) : "",
                  reason: h.releaseReason,
                })}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 flex gap-4 text-sm">
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} className="text-brand-700 underline">
              {t("hr.holds.newer")}
            </Link>
          ) : null}
          {page * HOLDS_PAGE < released.total ? (
            <Link to={`?page=${page + 1}`} className="text-brand-700 underline">
              {t("hr.holds.older")}
            </Link>
          ) : null}
        </p>
      </section>
    </div>
  );
}
