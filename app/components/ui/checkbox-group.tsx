import type { InputHTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldError } from "./field";

type OptionProps = InputHTMLAttributes<HTMLInputElement> & { key?: string; value: string };

/** A labelled group of checkboxes (conform's collection props) with its error below it. */
export function CheckboxGroup({
  legend,
  options,
  labels,
  errorId,
  errors,
  columns = 1,
}: {
  legend: ReactNode;
  options: OptionProps[];
  labels: Record<string, string>;
  errorId: string;
  errors?: string[];
  columns?: 1 | 2;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="space-y-2">
      <legend className="font-medium">
        {legend} <span className="text-sm font-normal text-slate-600">{t("form.optionalAny")}</span>
      </legend>
      <div className={`grid gap-1 ${columns === 2 ? "sm:grid-cols-2" : ""}`}>
        {options.map(({ key, ...props }) => (
          <label key={key ?? props.value} className="flex min-h-11 items-center gap-3">
            <input {...props} className="h-5 w-5" />
            {labels[props.value]}
          </label>
        ))}
      </div>
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
