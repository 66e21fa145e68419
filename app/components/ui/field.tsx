import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/i18n/messages";

// A labelled field with its hint and error tied to the control by id, so screen readers
// announce them with the field. `children` receives the ids to put on the control.

export type FieldIds = { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

export function Field({
  id,
  label,
  hint,
  errors,
  required,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  children: (ids: FieldIds) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const { t } = useTranslation();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
        {required ? (
          <span className="ml-1 text-sm font-normal text-slate-600">{t("form.required")}</span>
        ) : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": errorId ? true : undefined,
      })}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/** A required group of checkboxes or radios, its error below it and tied to it by id. */
export function RequiredFieldset({
  errorId,
  legend,
  errors,
  children,
}: {
  errorId: string;
  legend: ReactNode;
  errors?: string[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="space-y-2" aria-describedby={errors ? errorId : undefined}>
      <legend className="font-medium">
        {legend} <span className="text-sm font-normal text-slate-600">{t("form.required")}</span>
      </legend>
      {children}
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}

export function FieldError({ id, errors }: { id?: string; errors?: string[] }) {
  const { t, i18n } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm font-medium text-red-700">
      {errors.map((e) => translateMessage(t, e, i18n.language)).join(" ")}
    </p>
  );
}

/** The form's own messages (not one field's), announced when they appear. */
export function FormErrors({
  id,
  errors,
  messages,
}: {
  id?: string;
  errors?: string[];
  /** Puts the messages into the page's language (the admin table); else the shared table. */
  messages?: (errors: string[] | undefined) => string[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (!errors?.length) return null;
  const shown = messages
    ? (messages(errors) ?? [])
    : errors.map((e) => translateMessage(t, e, i18n.language));
  return (
    <p id={id} role="alert" className="font-medium text-red-700">
      {shown.join(" ")}
    </p>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60";

export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-400 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-100";

/** A file picker with a thumb-sized button (the evidence fields). */
export const fileInputClass =
  "block w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-4 file:py-2";

/** A picker for several files of the kinds `accept` names; its name is its id. */
export function FilesField({
  id,
  accept,
  onChange,
  ...frame
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  accept: string;
  onChange?: () => void;
}) {
  return (
    <Field id={id} {...frame}>
      {(ids) => (
        <input
          {...ids}
          type="file"
          name={id}
          multiple
          accept={accept}
          onChange={onChange}
          className={fileInputClass}
        />
      )}
    </Field>
  );
}

export type Choice = { value: string; label: string };

/** Choices from a vocabulary list and its labels (a table, or a function naming each value). */
export function choicesOf<T extends string>(
  values: readonly T[],
  labels: Record<T, string> | ((value: T) => string),
) {
  return values.map((value) => ({
    value,
    label: typeof labels === "function" ? labels(value) : labels[value],
  }));
}

/** One option per choice. */
export function ChoiceOptions({ choices }: { choices: readonly Choice[] }) {
  return (
    <>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </>
  );
}

/** A select that starts at "Choose…": the server says so next to it when left there. */
export function ChooseSelect({
  name,
  choices,
  ids,
  defaultValue = "",
}: {
  name: string;
  choices: readonly Choice[];
  ids: FieldIds;
  defaultValue?: string;
}) {
  const { t } = useTranslation();
  return (
    <select name={name} className={inputClass} {...ids} defaultValue={defaultValue}>
      <option value="">{t("form.choose")}</option>
      <ChoiceOptions choices={choices} />
    </select>
  );
}
