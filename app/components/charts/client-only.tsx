import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Charts draw in the browser only (their generated ids would not match between the server
 * render and hydration). Until then, and without JavaScript, the fallback keeps the space and
 * says where the same figures are as text.
 */
export function ClientOnly({
  width,
  height,
  children,
}: {
  width: number;
  height: number;
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (mounted) return <>{children()}</>;
  return (
    <div
      style={{ width: "100%", maxWidth: width, height }}
      className="flex items-center justify-center rounded border border-dashed border-slate-300 text-sm text-slate-600"
    >
      {t("charts.needsJavaScript")}
    </div>
  );
}
