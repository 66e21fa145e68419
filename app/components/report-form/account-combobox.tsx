import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldIds } from "~/components/ui/field";
import { inputClass } from "~/components/ui/field";
import { TYPED_ACCOUNT } from "~/domain/offline";
import { isOffline, useOnline } from "~/utils/offline-online";

type AccountChoice = { id: string; name: string };

const SEARCH_DELAY_MS = 200;

/**
 * The report form's account field: a text box that asks the server (/resources/accounts?q=)
 * for matching accounts as people type, and a list to choose one from (the ARIA combobox
 * pattern: arrows move, Enter chooses, Escape closes). The page never embeds the account list,
 * however many accounts there are.
 *
 * The chosen id goes in a hidden `name` input and its name stays in the text box
 * (`accountName`), both uncontrolled: a restored draft or a form sent back with an error puts
 * them back as they were, and programmatic changes (draft restore) do not count as typing.
 * `newChoice` is the value of "not in the list: add a new account".
 */
export function AccountCombobox({
  ids,
  name,
  defaultId,
  defaultName,
  newChoice,
  errors,
}: {
  ids: FieldIds;
  errors?: string[];
  name: string;
  defaultId: string;
  defaultName: string;
  newChoice: string;
}) {
  const listId = `${ids.id}-listbox`;
  const hidden = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLInputElement>(null);
  // The id is React state: a hidden input's value is its `value` attribute, which React would
  // reset to `defaultValue` on every render. A restored draft sets the input and sends an input
  // event, which the listener below takes into the state.
  const [chosenId, setChosenId] = useState(defaultId);
  useEffect(() => {
    const el = hidden.current;
    if (!el) return;
    const sync = () => setChosenId(el.value);
    el.addEventListener("input", sync);
    return () => el.removeEventListener("input", sync);
  }, []);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useFetcher<{ accounts: AccountChoice[] }>();
  // Without a signal the list cannot be asked for: the typed name is sent and matched by the
  // server when the report goes (decision 080).
  const online = useOnline();

  // A refused submit focuses its first problem, but the id's input is hidden and cannot take
  // focus: when the account is what is missing and the send button still has focus, the box
  // takes it (as any other first field with a problem would).
  useEffect(() => {
    if (!errors?.length) return;
    const at = document.activeElement;
    const onSubmitter =
      !at || at === document.body || (at instanceof HTMLButtonElement && at.type === "submit");
    if (onSubmitter) box.current?.focus();
  }, [errors]);

  // Someone who typed before the page's script had loaded (a slow phone) typed into a box no
  // script listened to yet: once it does, it searches for what is already there.
  useEffect(() => {
    const el = box.current;
    if (!el || isOffline() || hidden.current?.value) return;
    if (el.value.trim() && el.value !== defaultName && document.activeElement === el) {
      setQuery(el.value);
      setOpen(true);
    }
    // Once, after hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const q = query.trim();
  const load = search.load;
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(
      () => load(`/resources/accounts?q=${encodeURIComponent(q)}`),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [q, open, load]);

  const { t } = useTranslation();
  const NEW_LABEL = t("report.newAccountChoice");
  const options: AccountChoice[] = [
    ...(search.data?.accounts ?? []),
    { id: newChoice, name: NEW_LABEL },
  ];
  const searching = search.state !== "idle";

  /** Sets the hidden id and tells the form (conform and the draft listen to input events). */
  const setChosen = (id: string) => {
    const el = hidden.current;
    if (!el || el.value === id) return;
    el.value = id;
    setChosenId(id);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  };

  const choose = (choice: AccountChoice) => {
    setChosen(choice.id);
    if (box.current) box.current.value = choice.id === newChoice ? "" : choice.name;
    setQuery("");
    setOpen(false);
    setActive(-1);
  };

  return (
    <div className="relative">
      <input ref={hidden} type="hidden" name={name} value={chosenId} />
      <input
        {...ids}
        ref={box}
        type="text"
        name="accountName"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        defaultValue={defaultName}
        placeholder={t("report.accountPlaceholder")}
        autoComplete="off"
        className={inputClass}
        onChange={(e) => {
          // Typing replaces the choice: until one is chosen from the list, none is sent.
          if (isOffline()) {
            setChosen(e.target.value.trim() ? TYPED_ACCOUNT : "");
            return;
          }
          setChosen("");
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        // No onFocus: the list is only ever open while the box has focus, and on a slow phone
        // React replays a focus that came before hydration after it, which would close the list
        // that the catch-up above had just opened for what was typed meanwhile.
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (isOffline()) return;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            if (!open) {
              setOpen(true);
              setQuery(e.currentTarget.value);
              return;
            }
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((i) => (i + step + options.length) % options.length);
          } else if (e.key === "Enter") {
            // Choosing must not send the report.
            if (open) {
              e.preventDefault();
              const choice = options[active >= 0 ? active : 0];
              if (choice && (active >= 0 || options.length > 1)) choose(choice);
            }
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {!online ? <p className="mt-1 text-sm text-slate-700">{t("report.accountOffline")}</p> : null}
      {open ? (
        <div className="absolute z-10 mt-1 w-full rounded-md border border-slate-300 bg-white shadow-lg">
          <ul
            id={listId}
            role="listbox"
            aria-label={t("report.matchingAccounts")}
            className="max-h-64 overflow-y-auto py-1"
          >
            {options.map((a, i) => (
              <li
                key={a.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`flex min-h-11 cursor-pointer items-center px-3 ${
                  i === active ? "bg-sky-100" : "hover:bg-slate-100"
                } ${a.id === newChoice ? "border-t border-slate-200 text-slate-700" : ""}`}
                // Keep focus in the text box while choosing with a pointer.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(a)}
              >
                {a.name}
              </li>
            ))}
          </ul>
          <p role="status" className="px-3 pb-2 text-sm text-slate-600">
            {searching
              ? t("picker.searching")
              : options.length === 1
                ? t("report.noAccountMatches", { query: q })
                : t("report.accountsShown", { count: options.length - 1 })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
