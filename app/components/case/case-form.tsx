import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass, secondaryButtonClass } from "~/components/ui/field";

export type CaseActionResult = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[]>;
};

export type FieldErrors = Record<string, string[] | undefined> | undefined;

/**
 * One form of the case page (its answer comes back in the reader's language): it posts through its own fetcher, shows its answer beside its
 * button and empties itself after a success (so nothing invites a second copy). Errors keep what
 * was typed: the fields are not reset when refused.
 */
export function CaseForm({
  intent,
  submitLabel,
  fetcherKey,
  hidden,
  primary,
  keepAfterSuccess,
  className = "space-y-2",
  children,
}: {
  intent: string;
  submitLabel: string;
  /** Shared by forms that replace each other (resolve, then reopen), so the answer stays. */
  fetcherKey?: string;
  hidden?: Record<string, string>;
  primary?: boolean;
  /** For forms that edit what is saved (an assessment, an action's status): never emptied. */
  keepAfterSuccess?: boolean;
  className?: string;
  children?: (errors: FieldErrors) => ReactNode;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<CaseActionResult>(fetcherKey ? { key: fetcherKey } : undefined);
  const ref = useRef<HTMLFormElement>(null);
  const busy = fetcher.state !== "idle";
  const result = busy ? undefined : fetcher.data;
  useEffect(() => {
    if (!keepAfterSuccess && fetcher.state === "idle" && fetcher.data?.ok) ref.current?.reset();
  }, [keepAfterSuccess, fetcher.state, fetcher.data]);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <fetcher.Form method="post" ref={ref} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(errors)}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          className={primary ? buttonClass : secondaryButtonClass}
          disabled={busy}
        >
          {submitLabel}
        </button>
        <p
          role="status"
          className={
            busy || !result
              ? "text-sm text-slate-700"
              : result.ok
                ? "text-sm text-emerald-800"
                : "text-sm text-red-700"
          }
        >
          {busy ? t("case.saving") : (result?.message ?? "")}
        </p>
      </div>
    </fetcher.Form>
  );
}

/** A titled card of the case page. */
export { TitledSection as Section } from "~/components/titled-section";
