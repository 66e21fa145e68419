import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { inputClass, secondaryButtonClass } from "~/components/ui/field";

// The admin pages' lists of things (tokens, webhook endpoints and deliveries, set-aside mail):
// each item a card of facts with, beside them, at most one button acting on that item; the
// status line a button's outcome is said in; a new secret shown once.

/** A secret shown this once (a new token, a signing secret), selected when focused to copy. */
export function ShownOnce({
  id,
  title,
  note,
  label,
  value,
}: {
  id: string;
  title: string;
  note: string;
  label: string;
  value: string;
}) {
  return (
    <div role="status" className="rounded-lg border border-emerald-700 bg-white p-4">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-slate-700">{note}</p>
      <label htmlFor={id} className="mt-2 block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        className={`${inputClass} font-mono text-sm`}
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}

/** The outcome of a button, said in the page's status line. */
export function OutcomeNote({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <p role="status" className={ok ? "text-emerald-800" : "text-slate-800"}>
      {children}
    </p>
  );
}

/** A label, its value and the value's classes. */
export type FactProps = { label: string; className?: string; children: ReactNode };

/** One label and its value in a card's facts. */
export function Fact({ label, className, children }: FactProps) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className={className}>{children}</dd>
    </>
  );
}

/** A card: its facts (Fact rows) and, beside them, an optional action. */
export function RecordCard({
  factsClassName = "grid flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm",
  action,
  children,
}: {
  factsClassName?: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <dl className={factsClassName}>{children}</dl>
        {action}
      </div>
    </li>
  );
}

/** A button posting `intent` for the item `id`; `which` names the item to screen readers. */
export function ItemButton({
  id,
  intent,
  disabled,
  which,
  children,
}: {
  id: string;
  intent: string;
  disabled: boolean;
  which: ReactNode;
  children: ReactNode;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className={secondaryButtonClass}
        disabled={disabled}
      >
        {children}
        <span className="sr-only">{which}</span>
      </button>
    </Form>
  );
}

/** Tick boxes for codes other systems read (events, scopes): each its words and its code. */
export function CodeChoices({
  name,
  legend,
  errorId,
  errors,
  options,
  checked,
}: {
  name: string;
  legend: string;
  errorId: string;
  errors: string[] | undefined;
  options: { value: string; label: string }[];
  checked: string[] | undefined;
}) {
  return (
    <fieldset aria-describedby={errors ? errorId : undefined} className="space-y-1">
      <legend className="font-medium">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-start gap-2">
          <input
            type="checkbox"
            name={name}
            value={o.value}
            defaultChecked={checked?.includes(o.value)}
            className="mt-1 h-4 w-4"
          />
          <span>
            {o.label} <code className="text-sm text-slate-600">{o.value}</code>
          </span>
        </label>
      ))}
      {errors ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
