import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { ChoiceOptions, Field, inputClass, type Choice } from "~/components/ui/field";

// A conform field as a labelled `Field`: the control takes conform's name, value and
// constraints, then the Field's id and aria wiring, then the attributes given here.

/** Puts a field's messages into the page's language first (the admin and account tables). */
export type Messages = (errors: string[] | undefined) => string[] | undefined;

type ConformFieldProps<Schema> = {
  field: FieldMetadata<Schema>;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  messages?: Messages;
  className?: string;
};

/** The attributes a field's control may still take: conform and `Field` set the rest. */
type Rest<Attributes> = Omit<
  Attributes,
  "id" | "name" | "form" | "type" | "required" | "defaultValue" | "className" | "children"
>;

type InputType = "text" | "email" | "password" | "number" | "date" | "time" | "datetime-local";

/** Splits a field's props into the `Field` around the control and the control's own. */
function frameOf<Schema, Attributes>({
  field,
  label,
  hint,
  required,
  messages,
  className = inputClass,
  ...attributes
}: ConformFieldProps<Schema> & Attributes) {
  const errors = messages ? messages(field.errors) : field.errors;
  return { frame: { id: field.id, label, hint, required, errors }, className, attributes };
}

/** A one-line input (text, email, password, date, time…). */
export function InputField<Schema>({
  type = "text",
  ...props
}: ConformFieldProps<Schema> & { type?: InputType } & Rest<InputHTMLAttributes<HTMLInputElement>>) {
  const { frame, className, attributes } = frameOf(props);
  const control = getInputProps(props.field, { type });
  return (
    <Field {...frame}>
      {(ids) => <input {...control} {...ids} {...attributes} className={className} />}
    </Field>
  );
}

/** A text area. */
export function TextAreaField<Schema>(
  props: ConformFieldProps<Schema> & Rest<TextareaHTMLAttributes<HTMLTextAreaElement>>,
) {
  const { frame, className, attributes } = frameOf(props);
  const control = getTextareaProps(props.field);
  return (
    <Field {...frame}>
      {(ids) => <textarea {...control} {...ids} {...attributes} className={className} />}
    </Field>
  );
}

/** A select: `children` first (a "none" or "choose" option), then one option per choice. */
export function SelectField<Schema>({
  choices = [],
  children,
  ...props
}: ConformFieldProps<Schema> & {
  choices?: readonly Choice[];
  children?: ReactNode;
} & Rest<SelectHTMLAttributes<HTMLSelectElement>>) {
  const { frame, className, attributes } = frameOf(props);
  const control = getSelectProps(props.field);
  return (
    <Field {...frame}>
      {(ids) => (
        <select {...control} {...ids} {...attributes} className={className}>
          {children}
          <ChoiceOptions choices={choices} />
        </select>
      )}
    </Field>
  );
}
