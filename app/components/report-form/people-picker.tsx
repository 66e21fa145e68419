import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/ui/field";
import { isOffline, useOnline } from "~/utils/offline-online";

export type Person = { id: string; name: string; team: string | null };

const SEARCH_DELAY_MS = 200;

/**
 * Choose several colleagues from the whole directory: typing asks the server
 * (/resources/colleagues?q=) for a few matches, shown as checkboxes; the people chosen stay
 * listed, checked, above them. Plain checkboxes in a fieldset, so it works by keyboard and with
 * a screen reader. `knownIds` are ids chosen before the page knew their names (a restored
 * draft, a form sent back with an error): their names are asked for once.
 */
export function PeoplePicker({
  name,
  legend,
  hint,
  knownIds,
  errors,
}: {
  name: string;
  legend: string;
  hint: string;
  knownIds: string[];
  errors?: string[];
}) {
  const base = useId();
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<Person[]>([]);
  const search = useFetcher<{ colleagues: Person[] }>();
  const names = useFetcher<{ colleagues: Person[] }>();
  const asked = useRef(new Set<string>());

  const q = query.trim();
  const load = search.load;
  // Without a signal nobody can be looked up (decision 080); a failed look-up would replace the
  // form with an error.
  const online = useOnline();
  useEffect(() => {
    if (!q || !online) return;
    const timer = setTimeout(
      () => load(`/resources/colleagues?q=${encodeURIComponent(q)}`),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [q, load, online]);

  // Names for ids chosen before this page knew them.
  const loadNames = names.load;
  const missing = knownIds.filter((id) => !asked.current.has(id));
  const missingKey = missing.join(",");
  useEffect(() => {
    if (!missingKey || isOffline()) return;
    const ids = missingKey.split(",");
    ids.forEach((id) => asked.current.add(id));
    loadNames(
      `/resources/colleagues?${ids.map((id) => `ids=${encodeURIComponent(id)}`).join("&")}`,
    );
  }, [missingKey, loadNames]);
  useEffect(() => {
    const found = names.data?.colleagues;
    if (!found?.length) return;
    setChosen((c) => [...c, ...found.filter((p) => !c.some((x) => x.id === p.id))]);
  }, [names.data]);

  const results = q ? (search.data?.colleagues ?? []) : [];
  const offered = results.filter((p) => !chosen.some((c) => c.id === p.id));
  const searching = q !== "" && search.state !== "idle";
  const hintId = `${base}-hint`;
  const errorId = errors?.length ? `${base}-error` : undefined;

  const { t } = useTranslation();
  const toggle = (p: Person, on: boolean) =>
    setChosen((c) =>
      on ? [...c.filter((x) => x.id !== p.id), p] : c.filter((x) => x.id !== p.id),
    );

  const row = (p: Person, checked: boolean) => (
    <label key={p.id} className="flex min-h-11 items-center gap-3 rounded px-1">
      <input
        type="checkbox"
        name={name}
        value={p.id}
        checked={checked}
        onChange={(e) => toggle(p, e.target.checked)}
        className="h-5 w-5"
      />
      <span>
        {p.name}
        {p.team ? <span className="text-sm text-slate-600"> · {p.team}</span> : null}
      </span>
    </label>
  );

  return (
    <fieldset className="space-y-2" aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
      <legend className="font-medium">
        {legend} <span className="text-sm font-normal text-slate-600">{t("form.optional")}</span>
      </legend>
      <p id={hintId} className="text-sm text-slate-600">
        {hint} {t("picker.hint")}
      </p>
      {chosen.length ? (
        <div className="space-y-1" aria-label={t("picker.chosen", { legend })} role="group">
          {chosen.map((p) => row(p, true))}
        </div>
      ) : null}
      <label htmlFor={`${base}-search`} className="sr-only">
        {t("picker.searchLabel", { legend })}
      </label>
      <input
        id={`${base}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.preventDefault(); // searching must not send the report
        }}
        placeholder={t("picker.placeholder")}
        autoComplete="off"
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
      />
      {q && !online ? (
        <p className="px-1 text-sm text-slate-700" role="status">
          {t("picker.offline")}
        </p>
      ) : null}
      {q && online ? (
        <div className="max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 bg-white p-2">
          {offered.map((p) => row(p, false))}
          <p className="px-1 text-sm text-slate-600" role="status">
            {searching
              ? t("picker.searching")
              : results.length === 0
                ? t("picker.nobody", { query: q })
                : offered.length === 0
                  ? t("picker.allChosen")
                  : ""}
          </p>
        </div>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
