import { Form } from "@remix-run/react";
import { DECISIONS } from "~/domain/sanctions";
import { DECISION_KEYS } from "~/i18n/case-vocabulary";
import { useI18n } from "~/i18n/react";
import { ChooseSelect, Field, FieldError, inputClass, secondaryButtonClass } from "./ui/field";

/** Keep, conditions, suspend or end: the form the case page and the account page share. */
export function DecisionForm({
  approvers,
  errors,
  values,
  submitLabel,
}: {
  approvers: { id: string; label: string }[];
  errors?: Record<string, string[] | undefined>;
  /** What was sent last time, when it was refused (kept without JavaScript too). */
  values?: Record<string, string>;
  /** The button's words (the page's own); "Propose decision" when not given. */
  submitLabel?: string;
}) {
  const { t } = useI18n();
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value="decide" />
      <Field id="decision" label={t("case.decide.decision")} errors={errors?.decision}>
        {(ids) => (
          <ChooseSelect
            name="decision"
            ids={ids}
            choices={DECISIONS.map((d) => ({ value: d, label: t(DECISION_KEYS[d]) }))}
            defaultValue={values?.decision}
          />
        )}
      </Field>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="watch" defaultChecked={values?.watch === "on"} />{" "}
        {t("case.decide.watch")}
      </label>
      <Field id="rationale" label={t("case.decide.rationale")} errors={errors?.rationale}>
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
        label={t("case.decide.approver")}
        hint={t("case.decide.approverHint")}
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
        <legend className="font-medium">{t("case.decide.consulted")}</legend>
        <label className="mr-4">
          <input
            type="radio"
            name="consulted"
            value="yes"
            defaultChecked={values?.consulted === "yes"}
          />{" "}
          {t("case.yes")}
        </label>
        <label>
          <input
            type="radio"
            name="consulted"
            value="no"
            defaultChecked={values?.consulted === "no"}
          />{" "}
          {t("case.no")}
        </label>
        <FieldError id="consulted-error" errors={errors?.consulted} />
      </fieldset>
      <button type="submit" className={secondaryButtonClass}>
        {submitLabel ?? t("case.decide.propose")}
      </button>
    </Form>
  );
}
