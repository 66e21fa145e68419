import { useTranslation } from "react-i18next";
import { vocabLabel } from "~/i18n/vocabulary";
import type { IncidentStatus } from "~/domain/vocabulary";

const tone: Record<IncidentStatus, string> = {
  SUBMITTED: "bg-amber-100 text-amber-900",
  ACKNOWLEDGED: "bg-sky-100 text-sky-900",
  IN_PROGRESS: "bg-indigo-100 text-indigo-900",
  RESOLVED: "bg-emerald-100 text-emerald-900",
};

export function StatusBadge({ status }: { status: string }) {
  const s = status as IncidentStatus;
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${tone[s] ?? ""}`}>
      {vocabLabel(t, "status", status)}
    </span>
  );
}
