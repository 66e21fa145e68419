import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { StatusBadge } from "~/components/status-badge";
import { Field, inputClass } from "~/components/ui/field";
import { SUPPORT_ANSWER_LABELS, type SupportAnswer } from "~/domain/case-rules";
import {
  DEADLINE_LABELS,
  SUPPORT_LABELS,
  type DeadlineKind,
  type SupportKind,
} from "~/domain/vocabulary";
import { formatDateTime } from "~/utils/format";
import { CaseForm, type CaseActionResult } from "./case-form";

type Clock = { id: string; kind: string; dueAt: string; metAt: string | null; status: string };
type Support = {
  kind: string;
  answer: string | null;
  reason: string | null;
  answeredAt: string | null;
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
  nextStep: string;
  clocks: Clock[];
  support: Support[];
  open: boolean;
}) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section
        aria-labelledby="summary-heading"
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
      >
        <h2 id="summary-heading" className="text-lg font-semibold">
          Where this case stands
        </h2>
        <p className="flex flex-wrap items-center gap-2">
          <StatusBadge status={status} />
        </p>
        <p>
          <span className="font-medium">Next step:</span> {nextStep}
        </p>
        <KeptResult fetcherKey={`${reference}:acknowledge`} show={status !== "SUBMITTED"} />
        {status === "SUBMITTED" ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
            <p className="mb-2 text-sm">
              Acknowledging tells the reporter that you have read their report and are responsible
              for it.
            </p>
            <CaseForm
              intent="acknowledge"
              fetcherKey={`${reference}:acknowledge`}
              submitLabel="Acknowledge report"
              primary
            />
          </div>
        ) : null}
        <h3 id="deadlines-heading" className="font-medium">
          Deadlines
        </h3>
        <ul aria-labelledby="deadlines-heading" className="space-y-1 text-sm">
          {clocks.map((d) => (
            <li key={d.id} className={d.metAt ? "text-slate-600" : ""}>
              <span className="font-medium">{DEADLINE_LABELS[d.kind as DeadlineKind]}</span>: due{" "}
              {formatDateTime(d.dueAt)} ({d.status})
            </li>
          ))}
        </ul>
      </section>
      <section
        aria-labelledby="support-heading"
        className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
      >
        <h2 id="support-heading" className="text-lg font-semibold">
          What the employee asked for
        </h2>
        {support.length === 0 ? (
          <p className="text-slate-600">No support was asked for in the report.</p>
        ) : (
          <ul className="space-y-3">
            {support.map((s) => (
              <li key={s.kind} className="border-b border-slate-100 pb-3 last:border-0">
                <p className="font-medium">{SUPPORT_LABELS[s.kind as SupportKind] ?? s.kind}</p>
                {s.answer ? (
                  <p className="text-sm text-slate-700">
                    {SUPPORT_ANSWER_LABELS[s.answer as SupportAnswer] ?? s.answer}
                    {s.answeredAt ? ` on ${formatDateTime(s.answeredAt)}` : ""}
                    {s.reason ? ` · ${s.reason}` : ""}
                  </p>
                ) : (
                  <p className="text-sm text-amber-800">Not answered yet.</p>
                )}
                {open ? <SupportAnswerForm reference={reference} support={s} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
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
  const id = (f: string) => `support-${support.kind}-${f}`;
  const label = SUPPORT_LABELS[support.kind as SupportKind] ?? support.kind;
  // Open while unanswered, and it stays as it was when the answer arrives, so its result shows.
  const [initiallyOpen] = useState(!support.answer);
  return (
    <details className="mt-1" open={initiallyOpen}>
      <summary className="cursor-pointer text-sm text-brand-700 underline">
        {support.answer ? "Change the answer" : "Answer this request"}
      </summary>
      <CaseForm
        intent="support-answer"
        fetcherKey={`${reference}:support:${support.kind}`}
        hidden={{ kind: support.kind }}
        submitLabel={`Save answer: ${label}`}
        keepAfterSuccess
        className="mt-2 space-y-2"
      >
        {(errors) => (
          <>
            <fieldset>
              <legend className="text-sm font-medium">Answer for “{label}”</legend>
              <div className="mt-1 flex flex-wrap gap-4">
                {(["ARRANGED", "DECLINED"] as const).map((a) => (
                  <label key={a} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="answer"
                      value={a}
                      defaultChecked={support.answer === a}
                    />
                    {SUPPORT_ANSWER_LABELS[a]}
                  </label>
                ))}
              </div>
              {errors?.answer ? <p className="text-sm text-red-700">{errors.answer[0]}</p> : null}
            </fieldset>
            <Field
              id={id("reason")}
              label="Reason or note for the employee (required when declining)"
              hint="The employee reads this on their report."
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
