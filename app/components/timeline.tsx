import { useI18n } from "~/i18n/react";
import type { TimelineItem } from "~/domain/timeline-text";

// The entries' summaries arrive written in the reader's language (app/domain/timeline-text.ts,
// called by the loader); the frame and the dates follow the page's language.
export function Timeline({ items }: { items: TimelineItem[] }) {
  const { t, dateTime } = useI18n();
  if (items.length === 0) return <p className="text-slate-600">{t("timeline.empty")}</p>;
  return (
    <ol className="space-y-3 border-l-2 border-brand-100 pl-4" aria-label={t("timeline.label")}>
      {items.map((e) => (
        <li key={e.id}>
          <p className="font-medium">{e.summary}</p>
          <p className="text-sm text-slate-600">
            <time dateTime={e.at}>{dateTime(e.at)}</time>
            {e.actorName ? ` · ${e.actorName}` : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
