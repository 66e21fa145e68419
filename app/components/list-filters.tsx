import type { ReactNode } from "react";

// The filters above the leadership lists (dashboard, accounts): a labelled select whose first
// choice may be "any", a tick box sent as "1", and the button that applies them.

export const filterButtonClass = "rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white";

export function FilterSelect({
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  name: string;
  label: string;
  value: string | number;
  /** The first choice, sent empty (no filter); none when the filter always has a value. */
  anyLabel?: string;
  options: { value: string | number; label: string }[];
}) {
  return (
    <label className="flex flex-col text-sm">
      {label}
      <select name={name} defaultValue={value} className="mt-1 rounded border-slate-300">
        {anyLabel === undefined ? null : <option value="">{anyLabel}</option>}
        <OptionList options={options} />
      </select>
    </label>
  );
}

export function FilterCheckbox({
  name,
  checked,
  children,
}: {
  name: string;
  checked: boolean;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} />
      {children}
    </label>
  );
}

/** A select's choices after its first one. */
export function OptionList({ options }: { options: { value: string | number; label: string }[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}
