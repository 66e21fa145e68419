import type { TFunction } from "i18next";
import { describeEvent, referencedUserIds, type TimelineItem } from "~/domain/timeline-text";
import type { Db } from "~/utils/db.server";
import { getTimeline } from "./case-event.server";
import { namesByIds } from "./user.server";

/** The timeline as sentences in the reader's language (`t`), ready for the Timeline component. */
export async function getTimelineItems(
  db: Db,
  incidentId: string,
  opts: { forReporter: boolean; t: TFunction },
): Promise<TimelineItem[]> {
  const events = await getTimeline(db, incidentId, opts);
  const names = await namesByIds(db, referencedUserIds(events));
  return events.map((e) => ({
    id: e.id,
    type: e.type,
    at: e.at.toISOString(),
    actorName: e.actorName,
    summary: describeEvent(opts.t, e.type, e.data, names, opts),
  }));
}
