import { useLocation } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Toast } from "~/utils/toast.server";

/**
 * The success message a form left for the page it redirected to (utils/toast.server.ts): a
 * status message at the top of the content. It stays until dismissed or until the person
 * moves to another page, so someone who reads slowly is not rushed.
 */
export function ToastMessage({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [dismissed, setDismissed] = useState<string | null>(null);
  // The page a toast arrived on; the layout's data may keep it while the person moves on.
  const arrivedAt = useRef<{ id: string; location: string } | null>(null);
  if (toast && arrivedAt.current?.id !== toast.id) {
    arrivedAt.current = { id: toast.id, location: location.key };
  }
  const visible =
    toast && dismissed !== toast.id && arrivedAt.current?.location === location.key ? toast : null;
  // Rendered only with a message: pages keep their own status lines for in-place answers.
  if (!visible) return null;
  return (
    <div role="status" className="mx-auto max-w-5xl px-4">
      <p
        data-testid="toast"
        className="mt-4 flex items-start justify-between gap-4 rounded border border-green-700 bg-green-50 px-4 py-3 text-green-900"
      >
        <span>{t(visible.key, visible.values)}</span>
        <button
          type="button"
          onClick={() => setDismissed(visible.id)}
          className="shrink-0 px-2 text-lg leading-none"
          aria-label={t("toast.dismiss")}
        >
          ×
        </button>
      </p>
    </div>
  );
}
