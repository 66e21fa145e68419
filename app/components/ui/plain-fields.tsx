import type { InputHTMLAttributes, ReactNode } from "react";
import { ChoiceOptions, Field, inputClass, type Choice } from "~/components/ui/field";

// Fields of a plain form, whose page keeps the typed values and the messages itself (the admin
// people and team forms post strings and get them back as they were).

type FrameProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
};

type ControlProps = { name: string; defaultValue?: string };

/** Splits a field's props into the `Field` around the control and the control's own. */
function frameOf<Rest>({ id, label, hint, errors, required, ...control }: FrameProps & Rest) {
  return { frame: { id, label, hint, errors, required }, control };
}

/** A one-line input. */
export function PlainInputField(
  props: FrameProps &
    ControlProps &
    Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "defaultValue" | "className">,
) {
  const { frame, control } = frameOf(props);
  return (
    <Field {...frame}>{(ids) => <input {...ids} {...control} className={inputClass} />}</Field>
  );
}

/** A select: `children` first (a "none" option), then one option per choice. */
export function PlainSelectField(
  props: FrameProps & ControlProps & { choices: readonly Choice[]; children?: ReactNode },
) {
  const { frame, control } = frameOf(props);
  const { choices, children, ...select } = control;
  return (
    <Field {...frame}>
      {(ids) => (
        <select {...ids} {...select} className={inputClass}>
          {children}
          <ChoiceOptions choices={choices} />
        </select>
      )}
    </Field>
  );
}
