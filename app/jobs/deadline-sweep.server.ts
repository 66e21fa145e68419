import {
  addBusinessMinutes,
  addCalendarMinutes,
  type BusinessCalendarSpec,
} from "~/domain/business-calendar";
import { escalationTargets, MAX_ESCALATION_LEVEL } from "~/domain/escalation";
import type { RoutingPerson } from "~/domain/routing";
import { appendCaseEventsLocked, type CaseEventInput } from "~/models/case-event.server";
import { getDefaultPolicy } from "~/models/deadline-policy.server";
import { loadRoutingPeople } from "~/models/org-chart.server";
import { enqueueNotifications, type NotificationInput } from "~/models/notification.server";
import { enqueueWebhookEvents, webhookSubscribers, type Subscriber } from "~/models/webhook.server";
import type { WebhookEventInput } from "~/domain/webhooks";
import type { Db, Tx } from "~/utils/db.server";
import { empty, join, raw, sql } from "~/utils/sql.server";

// Reminders at 75% of a window and escalation on breach, repeated after each further window.
// Set-based (docs/decisions/065-set-based-deadline-sweep.md): due clocks are taken a batch at a
// time, and each batch is one transaction: the batch's cases are locked (on PostgreSQL, skipping
// those another worker holds), its clocks claimed by one conditional UPDATE … RETURNING per
// group, and the escalation rows, participants, mails and timeline entries inserted a few
// statements for the whole batch. Only what the claim returned is acted on, and the
// Escalation table's unique (deadlineId, level) backs the claim up: any number of workers can
// sweep at once and each step happens exactly once, with its timeline entry and its mails.

export type SweepReport = { reminders: number; escalations: number };

/** Clocks handled per transaction: short enough for the write lock, long enough to amortise. */
export const SWEEP_BATCH = 500;
/** Batches per call (one worker tick): a large backlog is worked off over a few ticks. */
const MAX_BATCHES_PER_CALL = 400;
/** Cases held by other workers that a call steps over, at most (they come back next tick). */
const MAX_HELD_SKIPPED = 4 * SWEEP_BATCH;

type DueDeadline = {
  incident: {
    reference: string;
    reporterId: string;
    assigneeId: string | null;
    namedUsers: { userId: string }[];
  };
  id: string;
  incidentId: string;
  kind: string;
  escalationLevel: number;
  remindedAt: Date | null;
  remindAt: Date | null;
  dueAt: Date;
  breachedAt: Date | null;
  businessHours: boolean;
  windowMinutes: number;
};

type Person = RoutingPerson & { email: string };

type SweepContext = {
  people: Map<string, Person>;
  calendar: BusinessCalendarSpec;
  now: Date;
  postgres: boolean;
  /** Webhook endpoints (deadline.breached goes to those subscribed). */
  hooks: Subscriber[];
};

function isPostgres(db: Db): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
}

/** Ids of the clocks a conditional UPDATE took: what this worker, and no other, acts on. */
async function claim(
  tx: Tx,
  set: ReturnType<typeof sql>,
  ids: string[],
  cond: ReturnType<typeof sql>,
) {
  if (ids.length === 0) return new Set<string>();
  const rows = await tx.$queryRaw<{ id: string }[]>(sql`
    UPDATE "Deadline" SET ${set} WHERE "id" IN (${join(ids)}) AND "metAt" IS NULL AND ${cond}
    RETURNING "id"`);
  return new Set(rows.map((r) => r.id));
}

/** A batch's outcome, and the cases of it another transaction held (skipped, PostgreSQL only). */
type BatchReport = SweepReport & { held: string[] };

async function sweepBatch(db: Db, due: DueDeadline[], ctx: SweepContext): Promise<BatchReport> {
  const { now, people } = ctx;
  return db.$transaction(
    async (tx) => {
      // The cases first, in id order: the same order as every other writer (which updates the
      // incident before its clocks), so batches and case actions cannot deadlock. PostgreSQL
      // skips cases another transaction holds; they come back in a later batch.
      const incidentIds = [...new Set(due.map((d) => d.incidentId))].sort();
      const heads = await tx.$queryRaw<
        { id: string; chainLength: number | bigint; chainHead: string }[]
      >(sql`
        SELECT "id", "chainLength", "chainHead" FROM "Incident" WHERE "id" IN (${join(incidentIds)})
        ORDER BY "id"${ctx.postgres ? raw(" FOR UPDATE SKIP LOCKED") : empty}`);
      const locked = new Set(heads.map((h) => h.id));
      const mine = due.filter((d) => locked.has(d.incidentId));

      const reminders = mine.filter((d) => d.dueAt > now);
      const reminded = await claim(
        tx,
        sql`"remindedAt" = ${now}`,
        reminders.map((d) => d.id),
        sql`"remindedAt" IS NULL`,
      );

      // Escalations in groups that share the next step's time: the same level, window and kind
      // of clock (a handful of groups), one conditional UPDATE each.
      const groups = new Map<string, DueDeadline[]>();
      for (const d of mine) {
        if (d.dueAt > now) continue;
        const key = `${d.escalationLevel}|${d.businessHours}|${d.windowMinutes}`;
        groups.set(key, [...(groups.get(key) ?? []), d]);
      }
      const escalated: DueDeadline[] = [];
      for (const group of groups.values()) {
        const { escalationLevel, businessHours, windowMinutes } = group[0];
        const level = escalationLevel + 1;
        // The next step waits one more window of the same length, on the same kind of clock.
        const window = Math.max(windowMinutes, 1);
        const next =
          level >= MAX_ESCALATION_LEVEL
            ? null
            : businessHours
              ? addBusinessMinutes(now, window, ctx.calendar)
              : addCalendarMinutes(now, window);
        const got = await claim(
          tx,
          sql`"escalationLevel" = ${level}, "breachedAt" = COALESCE("breachedAt", ${now}), "nextEscalationAt" = ${next}`,
          group.map((d) => d.id),
          sql`"escalationLevel" = ${escalationLevel}`,
        );
        escalated.push(...group.filter((d) => got.has(d.id)));
      }

      const events: CaseEventInput[] = [];
      const mails: NotificationInput[] = [];
      for (const d of reminders) {
        if (!reminded.has(d.id)) continue;
        const assignee = d.incident.assigneeId ? people.get(d.incident.assigneeId) : undefined;
        events.push({
          incidentId: d.incidentId,
          type: "REMINDER_SENT",
          actorId: null,
          at: now,
          data: { kind: d.kind, dueAt: d.dueAt.toISOString(), toUserId: assignee?.id ?? null },
        });
        if (assignee?.active) {
          mails.push({
            idempotencyKey: `deadline:${d.id}:reminder`,
            recipient: assignee,
            template: "DEADLINE_REMINDER",
            data: { reference: d.incident.reference, kind: d.kind, dueAt: d.dueAt.toISOString() },
            incidentId: d.incidentId,
          });
        }
      }
      const hookEvents: WebhookEventInput[] = [];
      const escalationRows = [];
      const participants = new Map<string, { incidentId: string; userId: string }>();
      for (const d of escalated) {
        const level = d.escalationLevel + 1;
        const { incident } = d;
        const { tier, userIds } = escalationTargets({
          level,
          assigneeId: incident.assigneeId,
          reporterId: incident.reporterId,
          namedUserIds: incident.namedUsers.map((n) => n.userId),
          people,
        });
        escalationRows.push({
          incidentId: d.incidentId,
          deadlineId: d.id,
          kind: d.kind,
          level,
          toUserId: userIds[0] ?? null,
        });
        for (const r of userIds.map((id) => people.get(id)!)) {
          // Whoever is escalated to may open the case to act on it.
          participants.set(`${d.incidentId}|${r.id}`, { incidentId: d.incidentId, userId: r.id });
          mails.push({
            idempotencyKey: `deadline:${d.id}:escalation:${level}:${r.id}`,
            recipient: r,
            template: "DEADLINE_ESCALATION",
            data: {
              reference: incident.reference,
              kind: d.kind,
              dueAt: d.dueAt.toISOString(),
              level,
            },
            incidentId: d.incidentId,
          });
        }
        hookEvents.push({
          type: "deadline.breached",
          reference: incident.reference,
          clock: d.kind,
          level,
          dueAt: d.dueAt,
        });
        events.push({
          incidentId: d.incidentId,
          type: "ESCALATED",
          actorId: null,
          at: now,
          data: { kind: d.kind, level, tier, toUserIds: userIds, dueAt: d.dueAt.toISOString() },
        });
      }
      if (escalationRows.length > 0) await tx.escalation.createMany({ data: escalationRows });
      if (participants.size > 0) {
        const wanted = [...participants.values()];
        const existing = await tx.incidentParticipant.findMany({
          where: {
            incidentId: { in: [...new Set(wanted.map((p) => p.incidentId))] },
            userId: { in: [...new Set(wanted.map((p) => p.userId))] },
          },
          select: { incidentId: true, userId: true },
        });
        for (const e of existing) participants.delete(`${e.incidentId}|${e.userId}`);
        if (participants.size > 0) {
          await tx.incidentParticipant.createMany({
            data: [...participants.values()].map((p) => ({ ...p, role: "ESCALATION" })),
          });
        }
      }
      await enqueueNotifications(tx, mails);
      await enqueueWebhookEvents(tx, ctx.hooks, hookEvents, now);
      await appendCaseEventsLocked(
        tx,
        heads.map((h) => ({
          id: h.id,
          chainLength: Number(h.chainLength),
          chainHead: h.chainHead,
        })),
        events,
      );
      return {
        reminders: reminded.size,
        escalations: escalated.length,
        held: incidentIds.filter((id) => !locked.has(id)),
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

const DUE_SELECT = {
  incident: {
    select: {
      reference: true,
      reporterId: true,
      assigneeId: true,
      namedUsers: { select: { userId: true } },
    },
  },
  id: true,
  incidentId: true,
  kind: true,
  escalationLevel: true,
  remindedAt: true,
  remindAt: true,
  dueAt: true,
  breachedAt: true,
  businessHours: true,
  windowMinutes: true,
} as const;

/**
 * Reminds and escalates what is due, `batchSize` clocks per transaction, until nothing is due
 * (or a call's cap of batches is reached; the next tick goes on).
 */
export async function sweepDeadlines(
  db: Db,
  opts: { now?: Date; batchSize?: number; maxBatches?: number } = {},
): Promise<SweepReport> {
  const now = opts.now ?? new Date();
  const size = opts.batchSize ?? SWEEP_BATCH;
  const report: SweepReport = { reminders: 0, escalations: 0 };
  let calendar: BusinessCalendarSpec | undefined;
  let hooks: Subscriber[] | undefined;
  const postgres = isPostgres(db);
  // Cases another worker was sweeping when this one came to them: the next read steps over
  // them, so several workers share a backlog instead of queueing for its first batch.
  const held = new Set<string>();
  for (let b = 0; b < (opts.maxBatches ?? MAX_BATCHES_PER_CALL); b++) {
    const due: DueDeadline[] = await db.deadline.findMany({
      where: {
        metAt: null,
        ...(held.size > 0 ? { incidentId: { notIn: [...held] } } : {}),
        incident: { status: { not: "RESOLVED" } },
        OR: [
          { remindedAt: null, remindAt: { lte: now }, dueAt: { gt: now } },
          { escalationLevel: 0, dueAt: { lte: now } },
          { escalationLevel: { gt: 0, lt: MAX_ESCALATION_LEVEL }, nextEscalationAt: { lte: now } },
        ],
      },
      orderBy: { dueAt: "asc" },
      take: size,
      select: DUE_SELECT,
    });
    if (due.length === 0) break;
    calendar ??= (await getDefaultPolicy(db)).calendar;
    hooks ??= await webhookSubscribers(db);
    const ctx: SweepContext = {
      now,
      postgres,
      hooks,
      // The batch's assignees and the management lines above them (walked in the database),
      // with HR and leadership: never the whole directory.
      people: await loadRoutingPeople(
        db,
        due.map((d) => d.incident.assigneeId),
      ),
      calendar,
    };
    const done = await sweepBatch(db, due, ctx);
    report.reminders += done.reminders;
    report.escalations += done.escalations;
    if (due.length < size) break;
    // Nothing claimed and nothing held: the batch's clocks were all taken a moment ago.
    if (done.reminders + done.escalations === 0 && done.held.length === 0) break;
    // Another worker's cases: stepped over while there are not too many to name in a query.
    for (const id of done.held) held.add(id);
    if (held.size > MAX_HELD_SKIPPED) break;
  }
  return report;
}
