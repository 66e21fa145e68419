import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { ChooseSelect, Field, FieldError, inputClass } from "~/components/ui/field";
import { ACTION_STATUSES, SANCTIONS } from "~/domain/sanctions";
import { CATEGORIES, OUTCOMES, PROTECTIVE_MEASURES, SEVERITIES } from "~/domain/vocabulary";
import {
  ACTION_STATUS_KEYS,
  actionTypeLabel,
  caseLabel,
  MEASURE_KEYS,
  OUTCOME_KEYS,
  SANCTION_KEYS,
} from "~/i18n/case-vocabulary";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { CaseForm, Section, type FieldErrors } from "./case-form";
import { PersonCombobox } from "./person-combobox";

/** Choices from a list of codes and their keys, in the page's language. */
const choices = (t: TFunction, values: readonly string[], keys: Record<string, string>) =>
  values.map((value) => ({ value, label: caseLabel(t, keys, value) }));

export function AssessForm({
  severity,
  categories,
  assessed,
  open,
}: {
  severity: string;
  categories: string[];
  assessed: boolean;
  open: boolean;
}) {
  const { t } = useI18n();
  return (
    <Section
      id="assess-heading"
      title={assessed ? t("case.assess.titleDone") : t("case.assess.title")}
    >
      <p className="text-sm text-slate-700">{t("case.assess.intro")}</p>
      {open ? (
        <CaseForm
          intent="assess"
          submitLabel={assessed ? t("case.assess.update") : t("case.assess.record")}
          keepAfterSuccess
          className="space-y-3"
        >
          {(errors) => (
            <>
              <Field
                id="assess-severity"
                label={t("case.assess.severity")}
                errors={errors?.severity}
              >
                {(ids) => (
                  <select name="severity" className={inputClass} {...ids} defaultValue={severity}>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {vocabLabel(t, "severity", s)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <fieldset>
                <legend className="font-medium">{t("case.assess.categories")}</legend>
                <div className="mt-1 grid gap-1 sm:grid-cols-2">
                  {CATEGORIES.map((c) => (
                    <label key={c} className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        name="categories"
                        value={c}
                        defaultChecked={categories.includes(c)}
                      />
                      {vocabLabel(t, "category", c)}
                    </label>
                  ))}
                </div>
                <FieldError errors={errors?.categories} />
              </fieldset>
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}

/** The viewer as the pickers know them: their name, and whether they may own or take over. */
export type Viewer = { id: string; name: string | null; owner: boolean; handler: boolean };

/** "Me" in a picker: the viewer, when they may be chosen for this. */
function meChoice(t: TFunction, me: Viewer, allowed: boolean) {
  return allowed ? { id: me.id, label: t("case.work.ownerMe", { name: me.name ?? "" }) } : null;
}

function OwnerAndDue({
  prefix,
  reference,
  me,
  errors,
}: {
  prefix: string;
  reference: string;
  me: Viewer;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  // As before: the owner is the viewer unless someone else is chosen (an empty owner means
  // whoever records it).
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <Field id={`${prefix}-owner`} label={t("case.work.owner")} errors={errors?.ownerId}>
        {(ids) => (
          <PersonCombobox
            ids={ids}
            name="ownerId"
            reference={reference}
            pick="owner"
            defaultId={me.owner ? me.id : ""}
            defaultName={
              me.owner && me.name ? t("case.work.ownerMe", { name: me.name }) : t("case.work.me")
            }
            me={meChoice(t, me, me.owner)}
          />
        )}
      </Field>
      <Field id={`${prefix}-due`} label={t("case.work.dueOptional")} errors={errors?.dueAt}>
        {(ids) => <input type="date" name="dueAt" className={inputClass} {...ids} />}
      </Field>
    </div>
  );
}

/** A free-text reason, as several of the case's forms ask for one. */
function ReasonField({
  id,
  label,
  hint,
  errors,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
}) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors?.reason}>
      {(ids) => <input name="reason" className={inputClass} {...ids} />}
    </Field>
  );
}

/** A step to record (a protective measure, an action on the account): what, who and by when. */
function StepForm({
  kind,
  reference,
  me,
  children,
}: {
  kind: "protect" | "sanction";
  reference: string;
  me: Viewer;
  children?: (errors: FieldErrors) => ReactNode;
}) {
  const { t } = useI18n();
  const protect = kind === "protect";
  const name = protect ? "measure" : "sanction";
  return (
    <CaseForm
      intent={kind}
      submitLabel={protect ? t("case.work.recordMeasure") : t("case.work.recordAction")}
    >
      {(errors) => (
        <>
          <Field
            id={name}
            label={protect ? t("case.work.measure") : t("case.work.sanction")}
            errors={errors?.[name]}
          >
            {(ids) => (
              <ChooseSelect
                name={name}
                ids={ids}
                choices={
                  protect
                    ? choices(t, PROTECTIVE_MEASURES, MEASURE_KEYS)
                    : choices(t, SANCTIONS, SANCTION_KEYS)
                }
              />
            )}
          </Field>
          <OwnerAndDue prefix={name} reference={reference} me={me} errors={errors} />
          {children?.(errors)}
        </>
      )}
    </CaseForm>
  );
}

/** Updates, protective measures, steps on the account, reassigning and resolving. */
export function ActOnCase({ reference, me }: { reference: string; me: Viewer }) {
  const { t } = useI18n();
  return (
    <Section id="act-heading" title={t("case.work.title")}>
      <CaseForm intent="update" submitLabel={t("case.work.sendUpdate")}>
        {(errors) => (
          <Field
            id="update-text"
            label={t("case.work.updateLabel")}
            hint={t("case.work.updateHint")}
            errors={errors?.text}
          >
            {(ids) => <textarea name="text" rows={3} className={inputClass} {...ids} />}
          </Field>
        )}
      </CaseForm>
      <StepForm kind="protect" reference={reference} me={me} />
      <StepForm kind="sanction" reference={reference} me={me}>
        {(errors) => (
          <ReasonField id="sanction-reason" label={t("case.work.sanctionReason")} errors={errors} />
        )}
      </StepForm>
      <CaseForm intent="reassign" submitLabel={t("case.work.reassign")}>
        {(errors) => (
          <>
            <Field id="toUserId" label={t("case.work.handTo")} errors={errors?.toUserId}>
              {(ids) => (
                <PersonCombobox
                  ids={ids}
                  name="toUserId"
                  reference={reference}
                  pick="handler"
                  me={meChoice(t, me, me.handler)}
                />
              )}
            </Field>
            <ReasonField
              id="reason"
              label={t("case.work.reassignReason")}
              hint={t("case.work.reassignHint")}
              errors={errors}
            />
          </>
        )}
      </CaseForm>
      <CaseForm
        intent="resolve"
        fetcherKey={`${reference}:resolve`}
        submitLabel={t("case.work.resolve")}
      >
        {(errors) => (
          <Field id="outcome" label={t("case.work.outcome")} errors={errors?.outcome}>
            {(ids) => (
              <ChooseSelect name="outcome" ids={ids} choices={choices(t, OUTCOMES, OUTCOME_KEYS)} />
            )}
          </Field>
        )}
      </CaseForm>
    </Section>
  );
}

export function ReopenCase({ reference }: { reference: string }) {
  const { t } = useI18n();
  return (
    <Section id="reopen-heading" title={t("case.work.reopenTitle")}>
      <CaseForm
        intent="reopen"
        fetcherKey={`${reference}:resolve`}
        submitLabel={t("case.work.reopen")}
      >
        {(errors) => (
          <ReasonField id="reopen-reason" label={t("case.work.reopenReason")} errors={errors} />
        )}
      </CaseForm>
    </Section>
  );
}

type ActionRow = {
  id: string;
  catalogue: string;
  type: string;
  status: string;
  outcome: string | null;
  reason: string | null;
  dueAt: string | null;
  ownerId: string | null;
  ownerName: string | null;
};

export function ActionList({
  reference,
  actions,
  me,
  open,
}: {
  reference: string;
  actions: ActionRow[];
  me: Viewer;
  open: boolean;
}) {
  const { t, date } = useI18n();
  return (
    <Section id="actions-heading" title={t("case.actions.title")}>
      {actions.length === 0 ? (
        <p className="text-slate-600">{t("case.actions.none")}</p>
      ) : (
        <ul className="space-y-3">
          {actions.map((a) => (
            <li key={a.id} className="border-b border-slate-100 pb-2">
              <p className="font-medium">
                {t(
                  a.catalogue === "PROTECTIVE"
                    ? "case.actions.forEmployee"
                    : "case.actions.onAccount",
                  { label: actionTypeLabel(t, a.catalogue, a.type) },
                )}
              </p>
              <p className="text-sm text-slate-600">
                {t("case.actions.line", {
                  owner: a.ownerName ?? "–",
                  due: a.dueAt ? date(a.dueAt) : "–",
                  status: caseLabel(t, ACTION_STATUS_KEYS, a.status),
                })}
                {a.outcome ? ` · ${t("case.actions.outcome", { text: a.outcome })}` : ""}
                {a.reason ? ` · ${t("case.actions.reason", { text: a.reason })}` : ""}
              </p>
              {open ? <ActionRowForm reference={reference} action={a} me={me} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** One action's status, outcome, owner and due date; ids are per action so errors sit by their field. */
function ActionRowForm({
  reference,
  action: a,
  me,
}: {
  reference: string;
  action: ActionRow;
  me: Viewer;
}) {
  const { t } = useI18n();
  const id = (field: string) => `action-${a.id}-${field}`;
  return (
    <CaseForm
      intent="action-status"
      hidden={{ actionId: a.id }}
      submitLabel={t("case.actions.save")}
      keepAfterSuccess
      className="mt-1 space-y-2"
    >
      {(errors) => (
        <div className="grid items-end gap-2 sm:grid-cols-2">
          <Field id={id("status")} label={t("case.actions.status")} errors={errors?.status}>
            {(ids) => (
              <select name="status" defaultValue={a.status} className={inputClass} {...ids}>
                {ACTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(ACTION_STATUS_KEYS[s])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id("outcome")} label={t("case.actions.outcomeLabel")} errors={errors?.outcome}>
            {(ids) => (
              <input
                name="outcome"
                maxLength={2000}
                defaultValue={a.outcome ?? ""}
                className={inputClass}
                {...ids}
              />
            )}
          </Field>
          <Field id={id("owner")} label={t("case.work.owner")} errors={errors?.ownerId}>
            {(ids) => (
              // Left as it is, the owner stays; cleared, too (an action always has its owner).
              <PersonCombobox
                ids={ids}
                name="ownerId"
                reference={reference}
                pick="owner"
                defaultId={a.ownerId ?? ""}
                defaultName={a.ownerName ?? ""}
                me={meChoice(t, me, me.owner)}
              />
            )}
          </Field>
          <Field id={id("due")} label={t("case.actions.due")} errors={errors?.dueAt}>
            {(ids) => (
              <input
                type="date"
                name="dueAt"
                defaultValue={a.dueAt?.slice(0, 10) ?? ""}
                className={inputClass}
                {...ids}
              />
            )}
          </Field>
        </div>
      )}
    </CaseForm>
  );
}
