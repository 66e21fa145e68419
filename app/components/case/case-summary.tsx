import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { StatusBadge } from "~/components/status-badge";
import { Field, inputClass } from "~/components/ui/field";
import type { NextStep } from "~/domain/case-rules";
import { caseLabel, SUPPORT_ANSWER_KEYS } from "~/i18n/case-vocabulary";
import { useI18n } from "~/i18n/react";
import { timeLeftText } from "~/i18n/time";
import { vocabLabel } from "~/i18n/vocabulary";
import { CaseForm, Section, type CaseActionResult } from "./case-form";

type Clock = {
  id: string;
  kind: string;
  dueAt: string;
  met: "onTime" | "late" | null;
  minutesLeft: number | null;
};
type Support = {
  kind: string;
  answer: string | null;
  reason: string | null;
  answeredAt: string | null;
};

const NEXT_STEP_KEYS: Record<NextStep, string> = {
  reopenIfNeeded: "case.next.reopenIfNeeded",
  acknowledge: "case.next.acknowledge",
  answerSupport: "case.next.answerSupport",
  protect: "case.next.protect",
  assess: "case.next.assess",
  awaitStatements: "case.next.awaitStatements",
  updateAndResolve: "case.next.updateAndResolve",
};

/** The top of the case: where it stands, what to do next, every clock and what was asked. */
export function CaseSummary({
  reference,
  status,
  nextStep,
  clocks,
  support,
  open,
}: {
  reference: string;
  status: string;
  nextStep: NextStep;
  clocks: Clock[];
  support: Support[];
  open: boolean;
}) {
  const { t, dateTime } = useI18n();
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section id="summary-heading" title={t("case.summary.title")}>
        <p className="flex flex-wrap items-center gap-2">
          <StatusBadge status={status} />
        </p>
        <p>
          <span className="font-medium">{t("case.summary.nextStep")}</span>{" "}
          {t(NEXT_STEP_KEYS[nextStep])}
        </p>
        <KeptResult fetcherKey={`${reference}:acknowledge`} show={status !== "SUBMITTED"} />
        {status === "SUBMITTED" ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
            <p className="mb-2 text-sm">{t("case.summary.acknowledgeHint")}</p>
            <CaseForm
              intent="acknowledge"
              fetcherKey={`${reference}:acknowledge`}
              submitLabel={t("case.summary.acknowledge")}
              primary
            />
          </div>
        ) : null}
        <h3 id="deadlines-heading" className="font-medium">
          {t("case.summary.deadlines")}
        </h3>
        <ul aria-labelledby="deadlines-heading" className="space-y-1 text-sm">
          {clocks.map((d) => (
            <li key={d.id} className={d.met ? "text-slate-600" : ""}>
              <span className="font-medium">{vocabLabel(t, "deadline", d.kind)}</span>
              {t("case.summary.due", {
                date: dateTime(d.dueAt),
                state:
                  d.met === "onTime"
                    ? t("case.summary.metOnTime")
                    : d.met === "late"
                      ? t("case.summary.metLate")
                      : timeLeftText(t, d.minutesLeft ?? 0),
              })}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="support-heading" title={t("case.support.title")}>
        {support.length === 0 ? (
          <p className="text-slate-600">{t("case.support.none")}</p>
        ) : (
          <ul className="space-y-3">
            {support.map((s) => (
              <li key={s.kind} className="border-b border-slate-100 pb-3 last:border-0">
                <p className="font-medium">{vocabLabel(t, "support", s.kind)}</p>
                {s.answer ? (
                  <p className="text-sm text-slate-700">
                    {s.answeredAt
                      ? t("case.support.answeredOn", {
                          answer: caseLabel(t, SUPPORT_ANSWER_KEYS, s.answer),
                          date: dateTime(s.answeredAt),
                        })
                      : caseLabel(t, SUPPORT_ANSWER_KEYS, s.answer)}
                    {s.reason ? ` · ${s.reason}` : ""}
                  </p>
                ) : (
                  <p className="text-sm text-amber-800">{t("case.support.notAnswered")}</p>
                )}
                {open ? <SupportAnswerForm reference={reference} support={s} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/**
 * The answer of a form that is replaced once it succeeds (acknowledge; resolve, then reopen).
 * Mounted for as long as the page is, it also keeps that form's fetcher alive in between.
 */
export function KeptResult({ fetcherKey, show }: { fetcherKey: string; show: boolean }) {
  const fetcher = useFetcher<CaseActionResult>({ key: fetcherKey });
  if (!show || !fetcher.data) return null;
  return (
    <p role="status" className={fetcher.data.ok ? "text-emerald-800" : "text-red-700"}>
      {fetcher.data.message}
    </p>
  );
}

function SupportAnswerForm({ reference, support }: { reference: string; support: Support }) {
  const { t } = useI18n();
  const id = (f: string) => `support-${support.kind}-${f}`;
  const label = vocabLabel(t, "support", support.kind);
  // Open while unanswered, and it stays as it was when the answer arrives, so its result shows.
  const [initiallyOpen] = useState(!support.answer);
  return (
    <details className="mt-1" open={initiallyOpen}>
      <summary className="cursor-pointer text-sm text-brand-700 underline">
        {support.answer ? t("case.support.change") : t("case.support.answer")}
      </summary>
      <CaseForm
        intent="support-answer"
        fetcherKey={`${reference}:support:${support.kind}`}
        hidden={{ kind: support.kind }}
        submitLabel={t("case.support.save", { label })}
        keepAfterSuccess
        className="mt-2 space-y-2"
      >
        {(errors) => (
          <>
            <fieldset>
              <legend className="text-sm font-medium">
                {t("case.support.answerFor", { label })}
              </legend>
              <div className="mt-1 flex flex-wrap gap-4">
                {(["ARRANGED", "DECLINED"] as const).map((a) => (
                  <label key={a} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="answer"
                      value={a}
                      defaultChecked={support.answer === a}
                    />
                    {t(SUPPORT_ANSWER_KEYS[a])}
                  </label>
                ))}
              </div>
              {errors?.answer ? <p className="text-sm text-red-700">{errors.answer[0]}</p> : null}
            </fieldset>
            <Field
              id={id("reason")}
              label={t("case.support.reasonLabel")}
              hint={t("case.support.reasonHint")}
              errors={errors?.reason ?? errors?.kind}
            >
              {(ids) => (
                <input
                  name="reason"
                  maxLength={1000}
                  defaultValue={support.reason ?? ""}
                  className={inputClass}
                  {...ids}
                />
              )}
            </Field>
          </>
        )}
      </CaseForm>
    </details>
  );
}
