import type { TimelineItem } from "~/domain/timeline-text";
import { formatDateTime } from "~/utils/format";

export function Timeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <p className="text-slate-600">Nothing has happened yet.</p>;
  return (
    <ol className="space-y-3 border-l-2 border-brand-100 pl-4" aria-label="Timeline">
      {items.map((e) => (
        <li key={e.id}>
          <p className="font-medium">{e.summary}</p>
          <p className="text-sm text-slate-600">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            {e.actorName ? ` · ${e.actorName}` : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
