import { describe, expect, it } from "vitest";
import { sweepDeadlines } from "~/jobs/deadline-sweep.server";
import { verifyIncidentChain } from "~/models/case-event.server";
import { acknowledgeIncident, createIncident } from "~/models/incident.server";
import { orgForThisFile } from "../fixtures/org";

// The deadline sweep with an injected clock. Test organisation: Erin (employee) → Mia
// (manager) → Hugo (head of) → Lena (leadership); HR are Hana and Hal. No policy is configured,
// so the built-in defaults apply on the UK calendar (Mon–Fri 09:00–17:00, Europe/London).

const { db, org } = await orgForThisFile();

const at = (iso: string) => new Date(iso);
// Monday 23 November 2026: London is on UTC in winter, so local time = the Z time below.
const FILED = at("2026-11-23T10:00:00Z");

async function fileCritical(namedUserIds: string[] = []) {
  const { id } = await createIncident(
    db,
    {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: at("2026-11-23T09:40:00Z"),
      channel: "PHONE",
      severity: "CRITICAL",
      categories: ["VERBAL_ABUSE"],
      narrative: "Threatening call.",
      namedUserIds,
    },
    FILED,
  );
  return id;
}

async function ackEscalations(incidentId: string) {
  const rows = await db.escalation.findMany({
    where: { incidentId, kind: "ACKNOWLEDGE" },
    orderBy: { level: "asc" },
    include: { deadline: true },
  });
  return rows;
}

async function mailsTo(incidentId: string, template: string) {
  const rows = await db.notification.findMany({
    where: { incidentId, template },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((n) => n.toEmail).sort();
}

describe("a critical report nobody acknowledges", () => {
  let incidentId = "";

  it("is due one business hour after filing, with a reminder at 45 minutes", async () => {
    incidentId = await fileCritical();
    const ack = await db.deadline.findFirstOrThrow({ where: { incidentId, kind: "ACKNOWLEDGE" } });
    expect(ack.dueAt).toEqual(at("2026-11-23T11:00:00Z"));
    expect(ack.remindAt).toEqual(at("2026-11-23T10:45:00Z"));
    const protect = await db.deadline.findFirstOrThrow({
      where: { incidentId, kind: "FIRST_PROTECTIVE_ACTION" },
    });
    expect(protect.dueAt).toEqual(at("2026-11-23T14:00:00Z"));
    const resolve = await db.deadline.findFirstOrThrow({ where: { incidentId, kind: "RESOLVE" } });
    expect(resolve.dueAt).toEqual(at("2026-12-23T10:00:00Z")); // 30 calendar days, never paused
  });

  it("does nothing before the reminder is due", async () => {
    expect(await sweepDeadlines(db, { now: at("2026-11-23T10:44:00Z") })).toEqual({
      reminders: 0,
      escalations: 0,
    });
  });

  it("reminds the assignee at 75% of the window, once", async () => {
    expect(await sweepDeadlines(db, { now: at("2026-11-23T10:45:00Z") })).toEqual({
      reminders: 1,
      escalations: 0,
    });
    expect(await sweepDeadlines(db, { now: at("2026-11-23T10:50:00Z") })).toEqual({
      reminders: 0,
      escalations: 0,
    });
    expect(await mailsTo(incidentId, "DEADLINE_REMINDER")).toEqual([org.managerA.email]);
  });

  it("escalates to the manager's manager at the deadline", async () => {
    await sweepDeadlines(db, { now: at("2026-11-23T10:59:59Z") });
    expect(await ackEscalations(incidentId)).toHaveLength(0);
    await sweepDeadlines(db, { now: at("2026-11-23T11:00:00Z") });
    const rows = await ackEscalations(incidentId);
    expect(rows.map((r) => [r.level, r.toUserId])).toEqual([[1, org.headOf.id]]);
    expect(rows[0].deadline.breachedAt).toEqual(at("2026-11-23T11:00:00Z"));
    expect(rows[0].deadline.nextEscalationAt).toEqual(at("2026-11-23T12:00:00Z"));
    expect(await mailsTo(incidentId, "DEADLINE_ESCALATION")).toEqual([org.headOf.email]);
  });

  it("escalates to HR one window later, then to leadership", async () => {
    await sweepDeadlines(db, { now: at("2026-11-23T11:59:00Z") });
    expect(await ackEscalations(incidentId)).toHaveLength(1);
    await sweepDeadlines(db, { now: at("2026-11-23T12:00:00Z") });
    await sweepDeadlines(db, { now: at("2026-11-23T12:30:00Z") });
    expect((await ackEscalations(incidentId)).map((r) => r.level)).toEqual([1, 2]);
    await sweepDeadlines(db, { now: at("2026-11-23T13:00:00Z") });
    const rows = await ackEscalations(incidentId);
    expect(rows.map((r) => [r.level, r.toUserId])).toEqual([
      [1, org.headOf.id],
      [2, expect.stringMatching(new RegExp(`^(${org.hr.id}|${org.hr2.id})$`))],
      [3, org.leadership.id],
    ]);
    expect(await mailsTo(incidentId, "DEADLINE_ESCALATION")).toEqual(
      [org.headOf.email, org.hr.email, org.hr2.email, org.leadership.email].sort(),
    );
    const events = await db.caseEvent.findMany({ where: { incidentId, type: "ESCALATED" } });
    expect(events.filter((e) => JSON.parse(e.data).kind === "ACKNOWLEDGE")).toHaveLength(3);
    expect((await verifyIncidentChain(db, incidentId)).ok).toBe(true);
  });

  it("lets whoever it was escalated to open the case", async () => {
    const participants = await db.incidentParticipant.findMany({ where: { incidentId } });
    expect(participants.map((p) => p.userId)).toEqual(
      expect.arrayContaining([org.headOf.id, org.leadership.id]),
    );
  });

  it("stops escalating once acknowledged", async () => {
    await acknowledgeIncident(db, incidentId, org.managerA.id, at("2026-11-23T13:30:00Z"));
    await sweepDeadlines(db, { now: at("2026-11-24T17:00:00Z") });
    expect((await ackEscalations(incidentId)).map((r) => r.level)).toEqual([1, 2, 3]);
    const ack = await db.deadline.findFirstOrThrow({ where: { incidentId, kind: "ACKNOWLEDGE" } });
    expect(ack.metAt).toEqual(at("2026-11-23T13:30:00Z"));
  });
});

describe("people named in a report", () => {
  it("are skipped by routing and by every escalation step", async () => {
    // The reporter names their manager, the head of department and one HR person.
    const named = [org.managerA.id, org.headOf.id, org.hr.id];
    const incidentId = await fileCritical(named);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(named).not.toContain(incident.assigneeId);
    for (const hour of ["11", "12", "13", "14", "15", "16"]) {
      await sweepDeadlines(db, { now: at(`2026-11-23T${hour}:00:00Z`) });
    }
    const notified = await db.notification.findMany({ where: { incidentId } });
    expect(notified.length).toBeGreaterThan(2);
    const namedEmails = [org.managerA.email, org.headOf.email, org.hr.email];
    for (const n of notified) expect(namedEmails).not.toContain(n.toEmail);
    const participants = await db.incidentParticipant.findMany({ where: { incidentId } });
    for (const p of participants) expect(named).not.toContain(p.userId);
    const escalations = await db.escalation.findMany({ where: { incidentId } });
    for (const e of escalations) expect(named).not.toContain(e.toUserId);
  });
});
