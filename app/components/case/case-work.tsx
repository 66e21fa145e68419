import { ChooseSelect, choicesOf, Field, FieldError, inputClass } from "~/components/ui/field";
import {
  ACTION_STATUSES,
  ACTION_STATUS_LABELS,
  SANCTIONS,
  SANCTION_LABELS,
  type ActionStatus,
} from "~/domain/sanctions";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  PROTECTIVE_MEASURES,
  PROTECTIVE_MEASURE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
} from "~/domain/vocabulary";
import { formatDate } from "~/utils/format";
import { CaseForm, Section, type FieldErrors } from "./case-form";

export type Owner = { id: string; label: string; self: boolean };

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
  return (
    <Section id="assess-heading" title={assessed ? "Assessment" : "Assess the harm"}>
      <p className="text-sm text-slate-700">
        Judge the harm on its own. The account&apos;s commercial figures are shown only after
        severity and categories are assessed.
      </p>
      {open ? (
        <CaseForm
          intent="assess"
          submitLabel={assessed ? "Update assessment" : "Record assessment"}
          keepAfterSuccess
          className="space-y-3"
        >
          {(errors) => (
            <>
              <Field id="assess-severity" label="Assessed severity" errors={errors?.severity}>
                {(ids) => (
                  <select name="severity" className={inputClass} {...ids} defaultValue={severity}>
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
                        defaultChecked={categories.includes(c)}
                      />
                      {CATEGORY_LABELS[c]}
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
  errors: FieldErrors;
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

/** Updates, protective measures, steps on the account, reassigning and resolving. */
export function ActOnCase({
  reference,
  owners,
  candidates,
}: {
  reference: string;
  owners: Owner[];
  candidates: { id: string; label: string }[];
}) {
  return (
    <Section id="act-heading" title="Act on this case">
      <CaseForm intent="update" submitLabel="Send update">
        {(errors) => (
          <Field
            id="update-text"
            label="Update for the reporter"
            hint="They see this on their report. The mail they get does not contain it."
            errors={errors?.text}
          >
            {(ids) => <textarea name="text" rows={3} className={inputClass} {...ids} />}
          </Field>
        )}
      </CaseForm>
      <CaseForm intent="protect" submitLabel="Record measure">
        {(errors) => (
          <>
            <Field
              id="measure"
              label="Protective measure for the employee"
              errors={errors?.measure}
            >
              {(ids) => (
                <ChooseSelect
                  name="measure"
                  ids={ids}
                  choices={choicesOf(PROTECTIVE_MEASURES, PROTECTIVE_MEASURE_LABELS)}
                />
              )}
            </Field>
            <OwnerAndDue prefix="measure" owners={owners} errors={errors} />
          </>
        )}
      </CaseForm>
      <CaseForm intent="sanction" submitLabel="Record action">
        {(errors) => (
          <>
            <Field id="sanction" label="Action on the account" errors={errors?.sanction}>
              {(ids) => (
                <ChooseSelect
                  name="sanction"
                  ids={ids}
                  choices={choicesOf(SANCTIONS, SANCTION_LABELS)}
                />
              )}
            </Field>
            <OwnerAndDue prefix="sanction" owners={owners} errors={errors} />
            <Field
              id="sanction-reason"
              label="Reason (required for no action)"
              errors={errors?.reason}
            >
              {(ids) => <input name="reason" className={inputClass} {...ids} />}
            </Field>
          </>
        )}
      </CaseForm>
      <CaseForm intent="reassign" submitLabel="Reassign">
        {(errors) => (
          <>
            <Field id="toUserId" label="Hand the case to" errors={errors?.toUserId}>
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
              errors={errors?.reason}
            >
              {(ids) => <input name="reason" className={inputClass} {...ids} />}
            </Field>
          </>
        )}
      </CaseForm>
      <CaseForm intent="resolve" fetcherKey={`${reference}:resolve`} submitLabel="Resolve case">
        {(errors) => (
          <Field id="outcome" label="Resolve with outcome" errors={errors?.outcome}>
            {(ids) => (
              <ChooseSelect
                name="outcome"
                ids={ids}
                choices={choicesOf(OUTCOMES, OUTCOME_LABELS)}
              />
            )}
          </Field>
        )}
      </CaseForm>
    </Section>
  );
}

export function ReopenCase({ reference }: { reference: string }) {
  return (
    <Section id="reopen-heading" title="Reopen">
      <CaseForm intent="reopen" fetcherKey={`${reference}:resolve`} submitLabel="Reopen case">
        {(errors) => (
          <Field id="reopen-reason" label="Reason for reopening" errors={errors?.reason}>
            {(ids) => <input name="reason" className={inputClass} {...ids} />}
          </Field>
        )}
      </CaseForm>
    </Section>
  );
}

type ActionRow = {
  id: string;
  catalogue: string;
  label: string;
  status: string;
  outcome: string | null;
  reason: string | null;
  dueAt: string | null;
  ownerId: string | null;
  ownerName: string | null;
};

export function ActionList({
  actions,
  owners,
  open,
}: {
  actions: ActionRow[];
  owners: Owner[];
  open: boolean;
}) {
  return (
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
              {open ? <ActionRowForm action={a} owners={owners} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** One action's status, outcome, owner and due date; ids are per action so errors sit by their field. */
function ActionRowForm({ action: a, owners }: { action: ActionRow; owners: Owner[] }) {
  const id = (field: string) => `action-${a.id}-${field}`;
  return (
    <CaseForm
      intent="action-status"
      hidden={{ actionId: a.id }}
      submitLabel="Save"
      keepAfterSuccess
      className="mt-1 space-y-2"
    >
      {(errors) => (
        <div className="grid items-end gap-2 sm:grid-cols-2">
          <Field id={id("status")} label="Status" errors={errors?.status}>
            {(ids) => (
              <select name="status" defaultValue={a.status} className={inputClass} {...ids}>
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
                defaultValue={a.outcome ?? ""}
                className={inputClass}
                {...ids}
              />
            )}
          </Field>
          <Field id={id("owner")} label="Owner" errors={errors?.ownerId}>
            {(ids) => (
              <select name="ownerId" defaultValue={a.ownerId ?? ""} className={inputClass} {...ids}>
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
