import { beforeAll, describe, expect, it } from "vitest";
import { PERIOD_MONTHS } from "~/domain/account-scoring";
import type { Viewer } from "~/domain/permissions";
import type { Segment } from "~/domain/vocabulary";
import { updateAccount } from "~/models/account-admin.server";
import {
  getDashboard,
  getDashboardPage,
  periodFor,
  type AccountFigures,
  type DashboardPage,
} from "~/models/account-stats.server";
import { createIncident } from "~/models/incident.server";
import { assessIncident, reopenIncident, resolveIncident } from "~/models/incident-handling.server";
import { BACKLOG_BATCH, keptFiguresDay, moveKeptFiguresTo } from "~/models/kept-figures.server";
import { getRetentionRules, purgeCase } from "~/models/retention.server";
import { getDb, type Db } from "~/utils/db.server";
import { useDemoData } from "../fixtures/demo-data";

// Kept figures (decision 115): the dashboard read from the kept tables must equal the dashboard
// computed from the incidents, figure by figure, on the demo data and after every kind of change.

let NOW: Date;
let db: Db;
const DAY = 24 * 3_600_000;

async function viewerFor(email: string): Promise<Viewer> {
  const u = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, role: true, managedTeams: { select: { id: true } } },
  });
  return {
    id: u.id,
    role: u.role as Viewer["role"],
    managedTeamIds: u.managedTeams.map((t) => t.id),
  };
}

beforeAll(async () => {
  ({ now: NOW } = await useDemoData());
  db = await getDb();
}, 600_000);

const ALL = {
  sort: "score",
  quadrant: null,
  flagged: false,
  withIncidents: false,
  page: 1,
  pageSize: 100_000,
  chartPoints: 400,
} as const;

const figuresOf = (r: AccountFigures) => ({
  incidents: r.incidents,
  score: r.score,
  employeesAffected: r.employeesAffected,
  repeatContacts: r.repeatContacts,
  open: r.open,
  overdue: r.overdue,
  trend: r.trend,
  quadrant: r.quadrant,
  perMillionArr: r.perMillionArr,
  arrMinor: r.arrMinor,
  needsReview: r.needsReview,
  renewalDate: r.renewalDate,
});

/** The kept dashboard against the one computed from the incidents, for every period. */
async function expectKeptEqualsDirect(viewer: Viewer, now: Date, segment: Segment | null = null) {
  for (const months of PERIOD_MONTHS) {
    const filter = { ...periodFor(months, now), segment };
    const kept: DashboardPage = await getDashboardPage(db, viewer, filter, ALL, now);
    const direct = await getDashboard(db, viewer, filter, now);
    const label = `${months} months${segment ? `, ${segment}` : ""}`;
    expect(kept.rows.length, label).toBe(direct.rows.length);
    const byId = new Map(kept.rows.map((r) => [r.accountId, r]));
    for (const d of direct.rows) {
      const k = byId.get(d.accountId);
      expect(k, `${label}: ${d.name}`).toBeDefined();
      expect(figuresOf(k!), `${label}: ${d.name}`).toEqual(figuresOf(d));
    }
    expect(kept.thresholds, label).toEqual(direct.thresholds);
    expect(kept.totals, label).toEqual(direct.totals);
    expect(kept.byMonth, label).toEqual(direct.byMonth);
    expect(kept.severityMix, label).toEqual(direct.severityMix);
    // The chart: the highest scores first, then the most valuable quiet accounts.
    const top = [...direct.rows]
      .sort((a, b) => b.score - a.score || b.arrMinor - a.arrMinor)
      .slice(0, ALL.chartPoints);
    expect(
      kept.charted.map((r) => r.score),
      label,
    ).toEqual(top.map((r) => r.score));
    expect(kept.inScope, label).toBe(direct.rows.length);
  }
}

describe("kept figures", () => {
  it("equal the figures computed from the incidents, for leadership and HR, every period", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const harper = await viewerFor("harper.hr@demo.example");
    // Neither is named in a demo case, so both read the kept tables (not the fallback).
    expect(
      await db.incidentNamedUser.count({ where: { userId: { in: [lee.id, harper.id] } } }),
    ).toBe(0);
    expect((await keptFiguresDay(db))?.toISOString().slice(0, 10)).toBe(
      NOW.toISOString().slice(0, 10),
    );
    await expectKeptEqualsDirect(lee, NOW);
    await expectKeptEqualsDirect(harper, NOW);
    await expectKeptEqualsDirect(lee, NOW, "SMB");
  });

  it("page, sort and filter in SQL as the in-memory table did", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const filter = { ...periodFor(12, NOW), segment: null };
    const direct = await getDashboard(db, lee, filter, NOW);
    const withIncidents = direct.rows.filter((r) => r.incidents > 0);
    const first = await getDashboardPage(
      db,
      lee,
      filter,
      { ...ALL, withIncidents: true, pageSize: 3 },
      NOW,
    );
    expect(first.paging.total).toBe(withIncidents.length);
    expect(first.paging.pages).toBe(Math.ceil(withIncidents.length / 3));
    const scores = withIncidents.map((r) => r.score).sort((a, b) => b - a);
    expect(first.rows.map((r) => r.score)).toEqual(scores.slice(0, 3));
    const second = await getDashboardPage(
      db,
      lee,
      filter,
      { ...ALL, withIncidents: true, pageSize: 3, page: 2 },
      NOW,
    );
    expect(second.rows.map((r) => r.score)).toEqual(scores.slice(3, 6));
    for (const quadrant of ["HIGH_VALUE_HIGH_ABUSE", "LOW_VALUE_LOW_ABUSE"] as const) {
      const q = await getDashboardPage(db, lee, filter, { ...ALL, quadrant }, NOW);
      expect(q.rows.map((r) => r.accountId).sort(), quadrant).toEqual(
        direct.rows
          .filter((r) => r.quadrant === quadrant)
          .map((r) => r.accountId)
          .sort(),
      );
    }
    const flagged = await getDashboardPage(db, lee, filter, { ...ALL, flagged: true }, NOW);
    expect(flagged.rows.map((r) => r.accountId).sort()).toEqual(
      direct.rows
        .filter((r) => r.needsReview)
        .map((r) => r.accountId)
        .sort(),
    );
    const byArr = await getDashboardPage(db, lee, filter, { ...ALL, sort: "arr" }, NOW);
    expect(byArr.rows.map((r) => r.arrMinor)).toEqual(
      direct.rows.map((r) => r.arrMinor).sort((a, b) => b - a),
    );
  });

  it("stay equal after filings, assessments, resolutions, reopenings, a purge and a segment change", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const morgan = await viewerFor("morgan.manager@demo.example");
    const sam = await db.user.findUniqueOrThrow({ where: { email: "sam.employee@demo.example" } });
    const accounts = await db.customerAccount.findMany({
      orderBy: { name: "asc" },
      take: 3,
      include: { contacts: { take: 1 } },
    });
    const at = new Date(NOW.getTime() - 2 * 3_600_000);
    // Filings: a quiet account's first, a repeat contact, one filed long ago (another window).
    const filed = [];
    for (const [k, a] of accounts.entries()) {
      for (const occurredAt of [at, new Date(NOW.getTime() - (100 + k * 150) * DAY)]) {
        filed.push(
          await createIncident(
            db,
            {
              reporterId: sam.id,
              accountId: a.id,
              occurredAt,
              channel: "PHONE",
              severity: "MEDIUM",
              categories: ["VERBAL_ABUSE"],
              narrative: "Kept figures test report.",
              contactIds: a.contacts.map((c) => c.id),
            },
            NOW,
          ),
        );
      }
    }
    await expectKeptEqualsDirect(lee, NOW);

    // Assessment (severity and score), resolution, reopening.
    const [one, two] = filed;
    const idOf = async (ref: string) =>
      (await db.incident.findUniqueOrThrow({ where: { reference: ref } })).id;
    await assessIncident(db, {
      incidentId: await idOf(one.reference),
      actorId: morgan.id,
      severity: "CRITICAL",
      categories: ["THREATS"],
      now: NOW,
    });
    await resolveIncident(db, {
      incidentId: await idOf(two.reference),
      actorId: morgan.id,
      outcome: "RESOLVED_INFORMALLY",
      now: NOW,
    });
    await expectKeptEqualsDirect(lee, NOW);
    await reopenIncident(db, {
      incidentId: await idOf(two.reference),
      actorId: morgan.id,
      reason: "The customer called again.",
      now: NOW,
    });
    await expectKeptEqualsDirect(lee, NOW);

    // A retention purge detaches the contacts of a resolved case.
    const resolved = await db.incident.findFirstOrThrow({
      where: { status: "RESOLVED", contacts: { some: {} }, narrative: { not: "" } },
      orderBy: { occurredAt: "desc" },
      select: {
        id: true,
        reference: true,
        accountId: true,
        reporterId: true,
        outcome: true,
        resolvedAt: true,
      },
    });
    const purged = await purgeCase(db, resolved, await getRetentionRules(db), NOW);
    expect(purged.status).toBe("purged");
    await expectKeptEqualsDirect(lee, NOW);

    // An account moves to another segment: the per-segment counts follow it.
    const mover = accounts[0];
    const target: Segment = mover.segment === "SMB" ? "ENTERPRISE" : "SMB";
    const { id, name, ownerId, arrMinor, contractValueMinor, currency } = mover;
    await updateAccount(
      db,
      id,
      {
        name,
        segment: target,
        ownerId,
        arrMinor,
        contractValueMinor,
        currency,
        contractStart: mover.contractStart,
        contractEnd: mover.contractEnd,
        renewalDate: mover.renewalDate,
        noticeDate: mover.noticeDate,
        paymentStatus: mover.paymentStatus,
        daysOverdue: mover.daysOverdue,
        conductStatus: mover.conductStatus,
        needsConfirmation: mover.needsConfirmation,
      },
      lee.id,
    );
    await expectKeptEqualsDirect(lee, NOW, "SMB");
    await expectKeptEqualsDirect(lee, NOW, "ENTERPRISE");
  });

  it("move to a new day as time passes, recomputing the accounts whose windows changed", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    for (const days of [1, 45]) {
      const later = new Date(NOW.getTime() + days * DAY);
      // The dashboard moves them itself when the worker has not yet.
      await expectKeptEqualsDirect(lee, later);
      expect((await keptFiguresDay(db))?.toISOString().slice(0, 10)).toBe(
        later.toISOString().slice(0, 10),
      );
      expect(await moveKeptFiguresTo(db, later)).toBe(false);
    }
  });

  it("finish a move that was cut short, more than one batch of accounts at a time", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const later = new Date(NOW.getTime() + 46 * DAY);
    expect(await moveKeptFiguresTo(db, later)).toBe(true);
    // As if the process stopped after the move's own transaction: the windows are on the new
    // day and every account still waits, its figures wrong until it is recomputed.
    const accounts = await db.customerAccount.count();
    expect(accounts).toBeGreaterThan(BACKLOG_BATCH);
    await db.$executeRawUnsafe(
      `INSERT INTO "KeptFigureBacklog" ("accountId") SELECT "id" FROM "CustomerAccount"`,
    );
    await db.$executeRawUnsafe(`UPDATE "AccountFigure" SET "incidents" = "incidents" + 1000`);
    expect(await moveKeptFiguresTo(db, later)).toBe(true);
    expect(await db.keptFigureBacklog.count()).toBe(0);
    await expectKeptEqualsDirect(lee, later);
    expect(await moveKeptFiguresTo(db, later)).toBe(false);
  });

  it("leave a viewer's named cases out by computing that viewer's figures afresh", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const filter = { ...periodFor(12, NOW), segment: null };
    const target = await db.incident.findFirstOrThrow({
      where: { occurredAt: { gte: filter.from } },
      orderBy: { occurredAt: "desc" },
    });
    const before = await getDashboardPage(db, lee, filter, ALL, NOW);
    await db.incidentNamedUser.create({ data: { incidentId: target.id, userId: lee.id } });
    try {
      const after = await getDashboardPage(db, lee, filter, ALL, NOW);
      expect(after.totals.incidents).toBe(before.totals.incidents - 1);
      const row = (p: DashboardPage) => p.rows.find((r) => r.accountId === target.accountId)!;
      expect(row(after).incidents).toBe(row(before).incidents - 1);
      await expectKeptEqualsDirect(lee, NOW);
    } finally {
      await db.incidentNamedUser.delete({
        where: { incidentId_userId: { incidentId: target.id, userId: lee.id } },
      });
    }
  });
});
