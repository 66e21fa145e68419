import { useCallback, useEffect, useState } from "react";

// The report form's draft, kept in this browser (localStorage, one per signed-in person):
// saved as people type, restored when the form opens again (after a reload, a lost
// connection or a failed submit), cleared once the report is filed. The hidden
// submissionKey is part of it, so a retry after a lost answer files the report once.
// Files cannot be kept in a draft.

type Draft = { savedAt: string; fields: Record<string, string[]> };

export function draftKey(userId: string) {
  return `report-draft:v1:${userId}`;
}

export function readDraft(userId: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(draftKey(userId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return draft && typeof draft.fields === "object" ? draft : null;
  } catch {
    return null;
  }
}

export function clearDraft(userId: string) {
  try {
    window.localStorage.removeItem(draftKey(userId));
  } catch {
    // storage unavailable (private mode): nothing was kept
  }
}

export function saveDraft(form: HTMLFormElement, userId: string) {
  // A form no longer on the page (its report was kept for sending, decision 080) has no draft.
  if (!form.isConnected) return;
  const fields: Record<string, string[]> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string") continue; // files cannot be kept
    (fields[name] ??= []).push(value);
  }
  try {
    window.localStorage.setItem(
      draftKey(userId),
      JSON.stringify({ savedAt: new Date().toISOString(), fields } satisfies Draft),
    );
  } catch {
    // storage full or unavailable: the form still works, only without a draft
  }
}

function setControlValues(form: HTMLFormElement, name: string, values: string[]): boolean {
  let changed = false;
  const controls = Array.from(form.elements).filter(
    (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
      "name" in el && (el as HTMLInputElement).name === name,
  );
  for (const el of controls) {
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      const checked = values.includes(el.value);
      if (el.checked !== checked) {
        el.checked = checked;
        el.dispatchEvent(new Event("change", { bubbles: true }));
        changed = true;
      }
    } else if (el instanceof HTMLInputElement && el.type === "file") {
      continue;
    } else if (el.value !== (values[0] ?? "")) {
      el.value = values[0] ?? "";
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      changed = true;
    }
  }
  return changed;
}

/**
 * Restores a draft into the form (unless the server just answered it) and keeps saving it.
 * `pendingValue(name)` gives a restored value whose control was not there yet (the contact
 * list arrives after the account is chosen).
 */
export function useReportDraft(
  formId: string,
  userId: string,
  opts: { restore: boolean; ensureKey: (form: HTMLFormElement, restoredKey?: string) => void },
) {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [pending, setPending] = useState<Record<string, string[]>>({});
  const { restore, ensureKey } = opts;

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    let restoredKey: string | undefined;
    if (restore) {
      const draft = readDraft(userId);
      if (draft) {
        restoredKey = draft.fields.submissionKey?.[0] || undefined;
        const later: Record<string, string[]> = {};
        let any = false;
        for (const [name, values] of Object.entries(draft.fields)) {
          if (name === "submissionKey") continue; // the page keeps it (see ensureKey)
          const exists = Array.from(form.elements).some(
            (el) => (el as HTMLInputElement).name === name,
          );
          if (!exists) later[name] = values;
          else if (setControlValues(form, name, values)) any = true;
        }
        setPending(later);
        if (any) setRestoredAt(draft.savedAt);
      }
    }
    ensureKey(form, restoredKey);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      timer = setTimeout(() => saveDraft(form, userId), 250);
    };
    const saveNow = () => {
      clearTimeout(timer);
      saveDraft(form, userId);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", saveNow, { capture: true });
    window.addEventListener("pagehide", saveNow);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("input", save);
      form.removeEventListener("change", save);
      form.removeEventListener("submit", saveNow, { capture: true });
      window.removeEventListener("pagehide", saveNow);
    };
    // Runs once per form: restoring again on every render would undo typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formId, userId]);

  /** Applies a value restored before its control existed; call when the control appears. */
  const applyPending = useCallback(
    (name: string) => {
      const values = pending[name];
      const form = document.getElementById(formId) as HTMLFormElement | null;
      if (!values || !form) return;
      if (setControlValues(form, name, values)) {
        setPending((p) => {
          const next = { ...p };
          delete next[name];
          return next;
        });
      }
    },
    [formId, pending],
  );

  const discard = useCallback(() => {
    clearDraft(userId);
    window.location.reload();
  }, [userId]);

  /** Restored values whose controls were not there yet, by field name (e.g. chosen people). */
  return { restoredAt, applyPending, discard, pending };
}
