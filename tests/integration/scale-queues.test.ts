import { beforeAll, describe, expect, it } from "vitest";
import { resolveIncident, reopenIncident } from "~/models/incident-handling.server";
import {
  acknowledgeIncident,
  countOpenCases,
  countOverdueCases,
  createIncident,
  getHandlerQueue,
  type QueueCursor,
} from "~/models/incident.server";
import { refreshAllNextDue } from "~/models/deadline.server";
import * as queueRoute from "~/routes/queue";
import { call, getRequest, loginCookie } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Queues ordered and paged in SQL by the earliest running clock (Incident.nextDueAt), and the
// header's counts, with more open cases than the old 500-row cut-off.

const { db, org } = await orgForThisFile("scale");
const BULK = 520;
const DAY = 86_400_000;
const hrViewer = () => ({ id: org.hr.id, role: "HR" as const, managedTeamIds: [] });
const managerViewer = () => ({
  id: org.managerA.id,
  role: "MANAGER" as const,
  managedTeamIds: [org.teamA.id],
});

/** Every open case in order, the way the old code would have had to compute it. */
async function expectedOrder(viewer: { id: string }) {
  const rows = await db.incident.findMany({
    where: {
      status: { not: "RESOLVED" },
      reporterId: { not: viewer.id },
      namedUsers: { none: { userId: viewer.id } },
    },
    select: { id: true, deadlines: { where: { metAt: null }, select: { dueAt: true } } },
  });
  return rows
    .map((r) => ({ id: r.id, due: Math.min(...r.deadlines.map((d) => d.dueAt.getTime())) }))
    .sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function walkQueue(viewer: Parameters<typeof getHandlerQueue>[1]) {
  const ids: string[] = [];
  let after: QueueCursor | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: Awaited<ReturnType<typeof getHandlerQueue>> = await getHandlerQueue(db, viewer, {
      after,
    });
    ids.push(...page.items.map((i) => i.id));
    if (!page.next) break;
    after = page.next;
  }
  return ids;
}

beforeAll(async () => {
  // Many older open cases written in bulk, their clocks due in 10–30 days; the lowest ids,
  // which is what a query without ORDER BY tends to answer first.
  const base = Date.now() + 10 * DAY;
  await db.incident.createMany({
    data: Array.from({ length: BULK }, (_, i) => ({
      id: `bulk-${String(i).padStart(4, "0")}`,
      reference: `INC-1999-${String(i + 1).padStart(4, "0")}`,
      reporterId: org.employeeB.id,
      accountId: org.account.id,
      occurredAt: new Date(),
      channel: "PHONE",
      reporterSeverity: "MEDIUM",
      narrative: "bulk",
    })),
  });
  await db.deadline.createMany({
    data: Array.from({ length: BULK }, (_, i) => ({
      incidentId: `bulk-${String(i).padStart(4, "0")}`,
      kind: "RESOLVE",
      windowMinutes: 60,
      startedAt: new Date(),
      dueAt: new Date(base + ((i * 7919) % BULK) * 3_600_000),
    })),
  });
  await db.$transaction((tx) => refreshAllNextDue(tx));
});

describe("Incident.nextDueAt follows the running clocks", () => {
  it("is set on filing, moves when a clock stops, clears on resolution and returns on reopening", async () => {
    const now = new Date();
    const { id } = await createIncident(
      db,
      {
        reporterId: org.employeeA.id,
        accountId: org.account.id,
        occurredAt: now,
        channel: "PHONE",
        severity: "HIGH",
        categories: ["VERBAL_ABUSE"],
        narrative: "Shouted at me on the phone.",
      },
      now,
    );
    const earliest = async () =>
      (
        await db.deadline.findFirst({
          where: { incidentId: id, metAt: null },
          orderBy: { dueAt: "asc" },
        })
      )?.dueAt ?? null;
    const nextDue = async () => (await db.incident.findUniqueOrThrow({ where: { id } })).nextDueAt;

    const first = await nextDue();
    expect(first).not.toBeNull();
    expect(first).toEqual(await earliest());

    await acknowledgeIncident(db, id, org.managerA.id);
    const afterAck = await nextDue();
    expect(afterAck).toEqual(await earliest());
    expect(afterAck!.getTime()).toBeGreaterThan(first!.getTime());

    await resolveIncident(db, {
      incidentId: id,
      actorId: org.managerA.id,
      outcome: "SUBSTANTIATED",
    });
    expect(await nextDue()).toBeNull();

    await reopenIncident(db, {
      incidentId: id,
      actorId: org.managerA.id,
      reason: "It happened again",
    });
    expect(await nextDue()).not.toBeNull();
    expect(await nextDue()).toEqual(await earliest());
  });
});

describe("queues with more than 500 open cases", () => {
  it("show HR the nearest deadlines first, even for the newest cases", async () => {
    // Filed last (the highest ids) but due first: a HIGH report's 4-hour acknowledgement.
    const urgent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await createIncident(db, {
        reporterId: org.employeeA.id,
        accountId: org.account.id,
        occurredAt: new Date(),
        channel: "CHAT",
        severity: "CRITICAL",
        categories: ["THREATS"],
        narrative: `Urgent ${i}`,
      });
      urgent.push(r.id);
    }
    expect(await db.incident.count({ where: { status: { not: "RESOLVED" } } })).toBeGreaterThan(
      500,
    );

    const page = await getHandlerQueue(db, hrViewer());
    const expected = await expectedOrder(hrViewer());
    expect(page.items.map((i) => i.id)).toEqual(
      expected.slice(0, page.items.length).map((e) => e.id),
    );
    expect(
      page.items
        .slice(0, 3)
        .map((i) => i.id)
        .sort(),
    ).toEqual([...urgent].sort());
    expect(page.next).not.toBeNull();

    // Paging by key visits every open case exactly once, in order.
    const all = await walkQueue(hrViewer());
    expect(all).toEqual(expected.map((e) => e.id));
  });

  it("the queue page shows HR the nearest deadline first and links to the next cases", async () => {
    const cookie = await loginCookie(org.hr.email);
    const first = await call(queueRoute.loader, getRequest("/queue", cookie));
    const body = first.body as {
      open: number;
      next: string | null;
      items: { reference: string; deadline: { dueAt: string } | null }[];
    };
    const expected = await expectedOrder(hrViewer());
    expect(body.open).toBe(expected.length);
    const dues = body.items.map((i) => Date.parse(i.deadline!.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(body.next).not.toBeNull();
    const second = await call(
      queueRoute.loader,
      getRequest(`/queue?after=${encodeURIComponent(body.next!)}`, cookie),
    );
    const next = second.body as typeof body;
    expect(Date.parse(next.items[0].deadline!.dueAt)).toBeGreaterThanOrEqual(dues[dues.length - 1]);
    const refs = new Set(body.items.map((i) => i.reference));
    expect(next.items.some((i) => refs.has(i.reference))).toBe(false);
  });

  it("a manager's queue and counts hold only their team's cases", async () => {
    const ids = await walkQueue(managerViewer());
    const teamCases = await db.incident.findMany({
      where: { status: { not: "RESOLVED" }, reporter: { teamId: org.teamA.id } },
      select: { id: true },
    });
    expect(new Set(ids)).toEqual(new Set(teamCases.map((c) => c.id)));
    expect(ids.some((id) => id.startsWith("bulk-"))).toBe(false);
    expect(await countOpenCases(db, managerViewer())).toBe(teamCases.length);
  });

  it("counts overdue cases as a direct computation does, leaving out cases naming the viewer", async () => {
    // One bulk case names the HR viewer: it leaves their queue and counts.
    await db.incidentNamedUser.create({ data: { incidentId: "bulk-0001", userId: org.hr.id } });
    const later = new Date(Date.now() + 20 * DAY);
    const direct = await db.incident.count({
      where: {
        status: { not: "RESOLVED" },
        reporterId: { not: org.hr.id },
        namedUsers: { none: { userId: org.hr.id } },
        deadlines: { some: { metAt: null, dueAt: { lt: later } } },
      },
    });
    expect(direct).toBeGreaterThan(100);
    expect(await countOverdueCases(db, hrViewer(), later)).toBe(direct);
    expect(await countOverdueCases(db, hrViewer(), new Date(Date.now() - DAY))).toBe(0);
    const all = await walkQueue(hrViewer());
    expect(all).not.toContain("bulk-0001");
    expect(all.length).toBe((await expectedOrder(hrViewer())).length);
  });
});
