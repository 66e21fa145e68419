import {
  addBusinessMinutes,
  addCalendarMinutes,
  type BusinessCalendarSpec,
} from "~/domain/business-calendar";
import { escalationTargets, MAX_ESCALATION_LEVEL } from "~/domain/escalation";
import type { RoutingPerson } from "~/domain/routing";
import { appendCaseEvent } from "~/models/case-event.server";
import { getDefaultPolicy } from "~/models/deadline-policy.server";
import { loadRoutingPeople } from "~/models/org-chart.server";
import { enqueueNotification } from "~/models/notification.server";
import type { Db } from "~/utils/db.server";

// Reminders at 75% of a window and escalation on breach, repeated after each further window.
// Each step is claimed with a conditional update inside its own transaction, and the
// Escalation table's unique (deadlineId, level) backs that up: any number of workers can sweep
// at once and each step happens exactly once, with its timeline entry and its mails.

export type SweepReport = { reminders: number; escalations: number };

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

type SweepContext = { people: Map<string, Person>; calendar: BusinessCalendarSpec; now: Date };

async function remind(db: Db, d: DueDeadline, { people, now }: SweepContext): Promise<boolean> {
  const assignee = d.incident.assigneeId ? people.get(d.incident.assigneeId) : undefined;
  return db.$transaction(async (tx) => {
    const claim = await tx.deadline.updateMany({
      where: { id: d.id, remindedAt: null, metAt: null },
      data: { remindedAt: now },
    });
    if (claim.count === 0) return false;
    await appendCaseEvent(tx, {
      incidentId: d.incidentId,
      type: "REMINDER_SENT",
      actorId: null,
      at: now,
      data: { kind: d.kind, dueAt: d.dueAt.toISOString(), toUserId: assignee?.id ?? null },
    });
    if (assignee?.active) {
      await enqueueNotification(tx, {
        idempotencyKey: `deadline:${d.id}:reminder`,
        recipient: assignee,
        template: "DEADLINE_REMINDER",
        data: { reference: d.incident.reference, kind: d.kind, dueAt: d.dueAt.toISOString() },
        incidentId: d.incidentId,
      });
    }
    return true;
  });
}

async function escalate(db: Db, d: DueDeadline, ctx: SweepContext): Promise<boolean> {
  const { now, people } = ctx;
  const level = d.escalationLevel + 1;
  // The next step waits one more window of the same length, on the same kind of clock.
  const window = Math.max(d.windowMinutes, 1);
  const next =
    level >= MAX_ESCALATION_LEVEL
      ? null
      : d.businessHours
        ? addBusinessMinutes(now, window, ctx.calendar)
        : addCalendarMinutes(now, window);
  try {
    return await db.$transaction(async (tx) => {
      const claim = await tx.deadline.updateMany({
        where: { id: d.id, escalationLevel: d.escalationLevel, metAt: null },
        data: { escalationLevel: level, breachedAt: d.breachedAt ?? now, nextEscalationAt: next },
      });
      if (claim.count === 0) return false;
      const { incident } = d;
      const { tier, userIds } = escalationTargets({
        level,
        assigneeId: incident.assigneeId,
        reporterId: incident.reporterId,
        namedUserIds: incident.namedUsers.map((n) => n.userId),
        people,
      });
      await tx.escalation.create({
        data: {
          incidentId: d.incidentId,
          deadlineId: d.id,
          kind: d.kind,
          level,
          toUserId: userIds[0] ?? null,
        },
      });
      for (const r of userIds.map((id) => people.get(id)!)) {
        // Whoever is escalated to may open the case to act on it.
        await tx.incidentParticipant.upsert({
          where: { incidentId_userId: { incidentId: d.incidentId, userId: r.id } },
          create: { incidentId: d.incidentId, userId: r.id, role: "ESCALATION" },
          update: {},
        });
        await enqueueNotification(tx, {
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
      await appendCaseEvent(tx, {
        incidentId: d.incidentId,
        type: "ESCALATED",
        actorId: null,
        at: now,
        data: { kind: d.kind, level, tier, toUserIds: userIds, dueAt: d.dueAt.toISOString() },
      });
      return true;
    });
  } catch (error) {
    // Another worker recorded this level first: the unique key did its job.
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

export async function sweepDeadlines(
  db: Db,
  opts: { now?: Date; batchSize?: number } = {},
): Promise<SweepReport> {
  const now = opts.now ?? new Date();
  const report: SweepReport = { reminders: 0, escalations: 0 };
  const due: DueDeadline[] = await db.deadline.findMany({
    where: {
      metAt: null,
      incident: { status: { not: "RESOLVED" } },
      OR: [
        { remindedAt: null, remindAt: { lte: now }, dueAt: { gt: now } },
        { escalationLevel: 0, dueAt: { lte: now } },
        { escalationLevel: { gt: 0, lt: MAX_ESCALATION_LEVEL }, nextEscalationAt: { lte: now } },
      ],
    },
    orderBy: { dueAt: "asc" },
    take: opts.batchSize ?? 500,
    select: {
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
    },
  });
  if (due.length === 0) return report;
  const ctx: SweepContext = {
    now,
    // The batch's assignees and the management lines above them (walked in the database),
    // with HR and leadership: never the whole directory.
    people: await loadRoutingPeople(
      db,
      due.map((d) => d.incident.assigneeId),
    ),
    calendar: (await getDefaultPolicy(db)).calendar,
  };
  // Workers sweeping at once start at different places in the batch, so they mostly claim
  // different rows instead of queueing on the same ones; the claims keep it correct anyway.
  const start = Math.floor(Math.random() * due.length);
  for (const d of [...due.slice(start), ...due.slice(0, start)]) {
    if (d.dueAt > now) {
      if (await remind(db, d, ctx)) report.reminders++;
    } else if (await escalate(db, d, ctx)) {
      report.escalations++;
    }
  }
  return report;
}
