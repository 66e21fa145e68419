import { beforeAll, describe, expect, it } from "vitest";
import { verifyIncidentChain } from "~/models/case-event.server";
import { getDb, type Db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { DEMO_LOGINS } from "../../prisma/demo-logins.mjs";
import { buildPlan, DEMO_PASSWORD, seed } from "../../prisma/seed";
import { useDemoData } from "../fixtures/demo-data";

// The demo seed on a fresh database (SQLite file or PostgreSQL, per tests/fixtures), seeded once
// per run at the run's clock (tests/fixtures/demo-data.ts) and copied for this file.
const SEED_TIMEOUT = 600_000; // a few thousand queries; slow machines take a while
const FIXED_CLOCK = new Date("2026-11-23T13:00:00Z"); // Monday 13:00 in London, for buildPlan

let NOW: Date; // the seed's clock
let db: Db;
let logins: Awaited<ReturnType<typeof seed>>["logins"];
let messages: string[];

beforeAll(async () => {
  ({ now: NOW, logins, messages } = await useDemoData());
  db = await getDb();
}, SEED_TIMEOUT);

describe("buildPlan", () => {
  it("gives the same data for the same clock", () => {
    expect(buildPlan(FIXED_CLOCK)).toEqual(buildPlan(FIXED_CLOCK));
  });
});

describe("seed", () => {
  it("creates the organisation, the customers and 18 months of reports", async () => {
    expect(await db.user.count()).toBeGreaterThanOrEqual(38);
    expect(await db.team.count()).toBe(5);
    const accounts = await db.customerAccount.count();
    expect(accounts).toBeGreaterThanOrEqual(55);
    expect(accounts).toBeLessThanOrEqual(65);
    const incidents = await db.incident.count();
    expect(incidents).toBeGreaterThanOrEqual(250);
    expect(incidents).toBeLessThanOrEqual(330);
    expect(await db.deadlineTarget.count()).toBe(16);
    expect(await db.holiday.count()).toBeGreaterThanOrEqual(24);
    expect(await db.decision.count()).toBeGreaterThanOrEqual(2);
    // History must not mail anybody when the demo starts.
    expect(await db.notification.count()).toBe(0);
    expect(messages.at(-1)).toMatch(/^Seeded /);
  });

  it("creates the well-known logins, with the demo password", async () => {
    expect(logins.map((l) => l.email).sort()).toEqual(DEMO_LOGINS.map((l) => l.email).sort());
    for (const l of logins) {
      const user = await db.user.findUniqueOrThrow({ where: { email: l.email } });
      expect(user.name).toBe(l.name);
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
    const roles = Object.fromEntries(
      await Promise.all(
        logins.map(async (l) => [
          l.role,
          (await db.user.findUniqueOrThrow({ where: { email: l.email } })).role,
        ]),
      ),
    );
    expect(roles).toEqual({
      Employee: "EMPLOYEE",
      Manager: "MANAGER",
      HR: "HR",
      Leadership: "LEADERSHIP",
      Admin: "ADMIN",
    });
    const sam = await db.user.findUniqueOrThrow({ where: { email: "sam.employee@demo.example" } });
    const morgan = await db.user.findUniqueOrThrow({
      where: { email: "morgan.manager@demo.example" },
    });
    expect(sam.managerId).toBe(morgan.id);
  });

  it("gives every report a timeline whose hash chain verifies, in time order", async () => {
    const incidents = await db.incident.findMany({ select: { id: true } });
    for (const { id } of incidents) {
      expect(await verifyIncidentChain(db, id)).toMatchObject({ ok: true });
      const events = await db.caseEvent.findMany({
        where: { incidentId: id },
        orderBy: { seq: "asc" },
      });
      expect(events.slice(0, 2).map((e) => e.type)).toEqual(["SUBMITTED", "ASSIGNED"]);
      const times = events.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("numbers references per year and records the last number used", async () => {
    const counters = await db.referenceCounter.findMany();
    const refs = (await db.incident.findMany({ select: { reference: true } })).map(
      (r) => r.reference,
    );
    for (const c of counters) {
      const numbers = refs
        .filter((r) => r.startsWith(`INC-${c.year}-`))
        .map((r) => Number(r.slice(9)))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: c.last }, (_, i) => i + 1));
    }
    expect(counters.reduce((s, c) => s + c.last, 0)).toBe(refs.length);
  });

  it("gives Morgan a queue of waiting reports from his team, one of them overdue", async () => {
    const morgan = await db.user.findUniqueOrThrow({
      where: { email: "morgan.manager@demo.example" },
    });
    const waiting = await db.incident.findMany({
      where: { assigneeId: morgan.id, status: "SUBMITTED" },
      include: { deadlines: true, reporter: true },
    });
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    expect(waiting.length).toBeLessThanOrEqual(5);
    for (const i of waiting) {
      expect(i.reporter.managerId).toBe(morgan.id);
      expect(i.deadlines.map((d) => d.kind)).toEqual(["ACKNOWLEDGE"]);
      expect(i.deadlines[0].metAt).toBeNull();
    }
    expect(waiting.filter((i) => i.deadlines[0].dueAt < NOW).length).toBeGreaterThanOrEqual(1);
  });

  it("gives Sam a few reports of his own", async () => {
    const sam = await db.user.findUniqueOrThrow({ where: { email: "sam.employee@demo.example" } });
    expect(await db.incident.count({ where: { reporterId: sam.id } })).toBeGreaterThanOrEqual(3);
  });

  it("keeps the handling consistent with the status", async () => {
    const incidents = await db.incident.findMany({
      include: { deadlines: true, participants: true },
    });
    for (const i of incidents) {
      const ack = i.deadlines.find((d) => d.kind === "ACKNOWLEDGE")!;
      expect(ack).toBeDefined();
      expect(i.participants.some((p) => p.role === "HANDLER" && p.userId === i.assigneeId)).toBe(
        true,
      );
      if (i.status === "SUBMITTED") {
        expect(i.acknowledgedAt).toBeNull();
      } else {
        expect(ack.metAt?.getTime()).toBe(i.acknowledgedAt?.getTime());
        if (ack.metAt! > ack.dueAt) expect(ack.breachedAt?.getTime()).toBe(ack.dueAt.getTime());
      }
      if (i.status === "RESOLVED") {
        expect(i.outcome).toBeTruthy();
        expect(i.resolvedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
      } else {
        expect(i.outcome).toBeNull();
      }
    }
  });

  it("puts money in minor units and never lets an account owner approve its decision", async () => {
    const accounts = await db.customerAccount.findMany({ include: { decisions: true } });
    const arr = accounts.map((a) => Number(a.arrMinor) / 100);
    expect(Math.min(...arr)).toBeGreaterThanOrEqual(8_000);
    expect(Math.max(...arr)).toBeLessThanOrEqual(2_400_000);
    expect(arr.filter((x) => x > 1_000_000).length).toBeGreaterThanOrEqual(3);
    for (const a of accounts) {
      for (const d of a.decisions) expect(d.approverId).not.toBe(a.ownerId);
      expect(a.noticeDate!.getTime()).toBe(a.renewalDate!.getTime() - 90 * 24 * 3600 * 1000);
    }
    expect(accounts.some((a) => a.needsReview)).toBe(true);
  });

  it("refuses to seed a database that already has users, and still answers the logins", async () => {
    const before = await db.incident.count();
    const log: string[] = [];
    const again = await seed(db, { now: NOW, log: (s) => log.push(s) });
    expect(again.logins).toEqual(logins);
    expect(log.join("\n")).toMatch(/already has users/);
    expect(await db.incident.count()).toBe(before);
  });
});
