import { Form } from "@remix-run/react";
import { DECISION_LABELS, DECISIONS } from "~/domain/sanctions";
import {
  ChooseSelect,
  choicesOf,
  Field,
  FieldError,
  inputClass,
  secondaryButtonClass,
} from "./ui/field";

/** Keep, conditions, suspend or end: the form the case page and the account page share. */
export function DecisionForm({
  approvers,
  errors,
  values,
  submitLabel = "Propose decision",
}: {
  approvers: { id: string; label: string }[];
  errors?: Record<string, string[] | undefined>;
  /** What was sent last time, when it was refused (kept without JavaScript too). */
  values?: Record<string, string>;
  submitLabel?: string;
}) {
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value="decide" />
      <Field id="decision" label="Decision" errors={errors?.decision}>
        {(ids) => (
          <ChooseSelect
            name="decision"
            ids={ids}
            choices={choicesOf(DECISIONS, DECISION_LABELS)}
            defaultValue={values?.decision}
          />
        )}
      </Field>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="watch" defaultChecked={values?.watch === "on"} /> If kept: keep
        the account on watch
      </label>
      <Field id="rationale" label="Rationale" errors={errors?.rationale}>
        {(ids) => (
          <textarea
            name="rationale"
            rows={3}
            className={inputClass}
            {...ids}
            defaultValue={values?.rationale ?? ""}
          />
        )}
      </Field>
      <Field
        id="approverId"
        label="Approver"
        hint="Someone other than you and the account's owner."
        errors={errors?.approverId}
      >
        {(ids) => (
          <ChooseSelect
            name="approverId"
            ids={ids}
            choices={approvers.map((a) => ({ value: a.id, label: a.label }))}
            defaultValue={values?.approverId}
          />
        )}
      </Field>
      <fieldset aria-describedby={errors?.consulted ? "consulted-error" : undefined}>
        <legend className="font-medium">Were the affected employees consulted?</legend>
        <label className="mr-4">
          <input
            type="radio"
            name="consulted"
            value="yes"
            defaultChecked={values?.consulted === "yes"}
          />{" "}
          Yes
        </label>
        <label>
          <input
            type="radio"
            name="consulted"
            value="no"
            defaultChecked={values?.consulted === "no"}
          />{" "}
          No
        </label>
        <FieldError id="consulted-error" errors={errors?.consulted} />
      </fieldset>
      <button type="submit" className={secondaryButtonClass}>
        {submitLabel}
      </button>
    </Form>
  );
}
