import { useId, useState } from "react";
import { FieldError } from "~/components/ui/field";

export type Person = { id: string; name: string; team: string | null };

/**
 * Choose several colleagues: a search box that narrows a list of checkboxes. Plain
 * checkboxes in a fieldset, so it works by keyboard, with a screen reader and without
 * JavaScript (then the whole list shows).
 */
export function PeoplePicker({
  name,
  legend,
  hint,
  people,
  defaultSelected,
  errors,
}: {
  name: string;
  legend: string;
  hint: string;
  people: Person[];
  defaultSelected: string[];
  errors?: string[];
}) {
  const base = useId();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<Set<string>>(() => new Set(defaultSelected));
  const q = query.trim().toLowerCase();
  const matches = (p: Person) =>
    !q || p.name.toLowerCase().includes(q) || (p.team ?? "").toLowerCase().includes(q);
  const visible = people.filter((p) => selected.has(p.id) || matches(p));
  const hintId = `${base}-hint`;
  const errorId = errors?.length ? `${base}-error` : undefined;
  return (
    <fieldset className="space-y-2" aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
      <legend className="font-medium">
        {legend} <span className="text-sm font-normal text-slate-600">(optional)</span>
      </legend>
      <p id={hintId} className="text-sm text-slate-600">
        {hint}
      </p>
      <label htmlFor={`${base}-search`} className="sr-only">
        Search colleagues for “{legend}”
      </label>
      <input
        id={`${base}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.preventDefault(); // searching must not send the report
        }}
        placeholder="Type a name…"
        autoComplete="off"
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
      />
      <div className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 bg-white p-2">
        {people.map((p) => (
          <label
            key={p.id}
            className={`${visible.includes(p) ? "flex" : "hidden"} min-h-11 items-center gap-3 rounded px-1`}
          >
            <input
              type="checkbox"
              name={name}
              value={p.id}
              defaultChecked={defaultSelected.includes(p.id)}
              onChange={(e) =>
                setSelected((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.add(p.id);
                  else next.delete(p.id);
                  return next;
                })
              }
              className="h-5 w-5"
            />
            <span>
              {p.name}
              {p.team ? <span className="text-sm text-slate-600"> · {p.team}</span> : null}
            </span>
          </label>
        ))}
        {visible.length === 0 ? (
          <p className="px-1 text-sm text-slate-600" role="status">
            Nobody matches “{query}”.
          </p>
        ) : null}
      </div>
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
