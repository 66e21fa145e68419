import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { FieldIds } from "~/components/ui/field";
import { inputClass } from "~/components/ui/field";
import type { CasePick } from "~/domain/case-rules";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";

type Person = { id: string; name: string; role: string; onLeave: boolean };
type Choice = { id: string; label: string };

const SEARCH_DELAY_MS = 200;

/**
 * Sent when something was typed but nobody chosen from the list: the action refuses it with
 * the field's message ("choose from the list") instead of reading it as "nobody" or "me".
 */
export const TYPED_NOT_CHOSEN = "typed-not-chosen";

/**
 * One person for a case (a new handler, an action's owner): a text box that asks
 * /resources/case-people as the handler types, and a list to choose from (the ARIA combobox
 * pattern, as the report form's account field: arrows move, Enter chooses, Escape closes).
 * The page embeds no list of people, however many managers there are (decision 125). Before
 * anything is typed the list offers "me" when the viewer may be chosen.
 *
 * The chosen id goes in a hidden `name` input; the text box keeps the chosen name. Both come
 * back to their defaults when the form is emptied after a success, or the box is left empty.
 */
export function PersonCombobox({
  ids,
  name,
  reference,
  pick,
  defaultId = "",
  defaultName = "",
  me,
}: {
  ids: FieldIds;
  name: string;
  reference: string;
  pick: CasePick;
  defaultId?: string;
  defaultName?: string;
  /** The viewer, offered before typing; null when they may not be chosen. */
  me: Choice | null;
}) {
  const { t } = useI18n();
  const listId = `${ids.id}-listbox`;
  const box = useRef<HTMLInputElement>(null);
  const [chosenId, setChosenId] = useState(defaultId);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useFetcher<{ people: Person[] }>();

  // CaseForm empties itself after a success: the choice goes back to its default too.
  useEffect(() => {
    const form = box.current?.form;
    if (!form) return;
    const reset = () => {
      setChosenId(defaultId);
      setQuery("");
      setOpen(false);
      setActive(-1);
    };
    form.addEventListener("reset", reset);
    return () => form.removeEventListener("reset", reset);
  }, [defaultId]);

  const q = query.trim();
  const load = search.load;
  useEffect(() => {
    if (!open || !q) return;
    const timer = setTimeout(
      () =>
        load(
          `/resources/case-people?${new URLSearchParams({ reference, for: pick, q }).toString()}`,
        ),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [q, open, load, reference, pick]);

  const options: Choice[] = q
    ? (search.data?.people ?? []).map((p) => ({
        id: p.id,
        label: t(p.onLeave ? "case.work.candidateOnLeave" : "case.work.candidate", {
          name: p.name,
          role: vocabLabel(t, "role", p.role),
        }),
      }))
    : me
      ? [me]
      : [];
  const searching = !!q && search.state !== "idle";

  const choose = (choice: Choice) => {
    setChosenId(choice.id);
    if (box.current) box.current.value = choice.label;
    setQuery("");
    setOpen(false);
    setActive(-1);
  };

  return (
    <div className="relative">
      <input type="hidden" name={name} value={chosenId} />
      <input
        {...ids}
        ref={box}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        defaultValue={defaultName}
        placeholder={t("picker.placeholder")}
        autoComplete="off"
        maxLength={100}
        className={inputClass}
        onChange={(e) => {
          // Typing replaces the choice: until one is chosen from the list, none is sent.
          setChosenId(e.target.value.trim() ? TYPED_NOT_CHOSEN : "");
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={(e) => {
          if (!e.currentTarget.value.trim() && me) setOpen(true);
        }}
        onBlur={(e) => {
          setOpen(false);
          // Left empty, the field means what it meant before (me, the current owner, nobody
          // chosen yet): it says so again rather than staying blank.
          if (!e.currentTarget.value.trim()) {
            e.currentTarget.value = defaultName;
            setChosenId(defaultId);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            if (!open) {
              setOpen(true);
              setQuery(chosenId && chosenId !== TYPED_NOT_CHOSEN ? "" : e.currentTarget.value);
              return;
            }
            if (!options.length) return;
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((i) => (i + step + options.length) % options.length);
          } else if (e.key === "Enter") {
            // Choosing must not send the form.
            if (open) {
              e.preventDefault();
              const choice = options[active >= 0 ? active : 0];
              if (choice) choose(choice);
            }
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {open ? (
        <div className="absolute z-10 mt-1 w-full rounded-md border border-slate-300 bg-white shadow-lg">
          <ul
            id={listId}
            role="listbox"
            aria-label={t("case.picker.matching")}
            className="max-h-64 overflow-y-auto py-1"
          >
            {options.map((o, i) => (
              <li
                key={o.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`flex min-h-11 cursor-pointer items-center px-3 ${
                  i === active ? "bg-sky-100" : "hover:bg-slate-100"
                }`}
                // Keep focus in the text box while choosing with a pointer.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
              >
                {o.label}
              </li>
            ))}
          </ul>
          <p role="status" className="px-3 pb-2 text-sm text-slate-600">
            {!q
              ? t("case.picker.typeToSearch")
              : searching
                ? t("picker.searching")
                : options.length === 0
                  ? t("picker.nobody", { query: q })
                  : t("case.picker.shown", { count: options.length })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
