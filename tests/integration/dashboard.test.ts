import { beforeAll, describe, expect, it } from "vitest";
import {
  median,
  monthKey,
  monthsBetween,
  SEVERITY_WEIGHTS,
  TREND_WINDOW_DAYS,
  utcDay,
} from "~/domain/account-scoring";
import type { Viewer } from "~/domain/permissions";
import type { Severity } from "~/domain/vocabulary";
import {
  ACCOUNT_INCIDENTS_PAGE,
  getAccountView,
  getDashboard,
  periodFor,
} from "~/models/account-stats.server";
import { recordProtectiveAction, updateAction } from "~/models/incident-handling.server";
import { loader as accountLoader } from "~/routes/accounts.$id";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { getDb, type Db, type Prisma } from "~/utils/db.server";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { useDemoData } from "../fixtures/demo-data";
import { call, getRequest, loginCookie } from "../fixtures/http";

// Every figure on the dashboard, checked against direct queries of the seeded demo data.
let NOW: Date; // the seed's clock
const DAY = 24 * 3_600_000;
let db: Db;

async function viewerFor(email: string): Promise<Viewer & { email: string }> {
  const u = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, role: true, managedTeams: { select: { id: true } } },
  });
  return {
    id: u.id,
    role: u.role as Viewer["role"],
    managedTeamIds: u.managedTeams.map((t) => t.id),
    email,
  };
}

beforeAll(async () => {
  ({ now: NOW } = await useDemoData());
  db = await getDb();
}, 600_000);

/** The figures for one account from plain Prisma queries, not from the model under test. */
async function expected(scope: Prisma.IncidentWhereInput, accountId: string, from: Date, to: Date) {
  const where: Prisma.IncidentWhereInput = {
    AND: [scope, { accountId, occurredAt: { gte: from, lt: to } }],
  };
  const incidents = await db.incident.count({ where });
  const bySeverity = await db.incident.groupBy({
    by: ["reporterSeverity", "assessedSeverity"],
    where,
    _count: { _all: true },
  });
  const score = bySeverity.reduce(
    (s, g) =>
      s + SEVERITY_WEIGHTS[(g.assessedSeverity ?? g.reporterSeverity) as Severity] * g._count._all,
    0,
  );
  const reporters = await db.incident.groupBy({ by: ["reporterId"], where });
  const perContact = await db.incidentContact.groupBy({
    by: ["contactId"],
    where: { incident: where },
    _count: { _all: true },
  });
  const open = await db.incident.count({
    where: { AND: [where, { status: { not: "RESOLVED" } }] },
  });
  const overdue = await db.incident.count({
    where: {
      AND: [
        where,
        { status: { not: "RESOLVED" } },
        { deadlines: { some: { metAt: null, dueAt: { lt: NOW } } } },
      ],
    },
  });
  const windowCount = (start: number, end: number) =>
    db.incident.count({
      where: {
        AND: [scope, { accountId, occurredAt: { gte: new Date(start), lt: new Date(end) } }],
      },
    });
  // The trend's windows start at midnight UTC (decision 115): the last 90 days up to `to`.
  const w = TREND_WINDOW_DAYS * DAY;
  const t = utcDay(to).getTime();
  return {
    incidents,
    score,
    employeesAffected: reporters.length,
    repeatContacts: perContact.filter((c) => c._count._all >= 2).length,
    open,
    overdue,
    recent: await windowCount(t - w, to.getTime()),
    previous: await windowCount(t - 2 * w, t - w),
  };
}

describe("the leadership dashboard's figures", () => {
  it("match direct queries for every account, month and severity (leadership, 12 months)", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const { from, to } = periodFor(12, NOW);
    const dash = await getDashboard(db, lee, { from, to, segment: null }, NOW);
    const scope: Prisma.IncidentWhereInput = { namedUsers: { none: { userId: lee.id } } };

    const accounts = await db.customerAccount.findMany();
    expect(dash.rows).toHaveLength(accounts.length);
    for (const a of accounts) {
      const row = dash.rows.find((r) => r.accountId === a.id)!;
      const e = await expected(scope, a.id, from, to);
      expect(
        {
          incidents: row.incidents,
          score: row.score,
          employeesAffected: row.employeesAffected,
          repeatContacts: row.repeatContacts,
          open: row.open,
          overdue: row.overdue,
          recent: row.trend.recent,
          previous: row.trend.previous,
        },
        a.name,
      ).toEqual(e);
      expect(row.arrMinor).toBe(Number(a.arrMinor));
      expect(row.currency).toBe(a.currency);
      expect(row.renewalDate).toBe(a.renewalDate?.toISOString() ?? null);
      expect(row.paymentStatus).toBe(a.paymentStatus);
      expect(row.daysOverdue).toBe(a.daysOverdue);
      expect(row.conductStatus).toBe(a.conductStatus);
      expect(row.needsReview).toBe(a.needsReview);
      if (Number(a.arrMinor) > 0) {
        expect(row.perMillionArr).toBeCloseTo(e.incidents / (Number(a.arrMinor) / 100_000_000), 9);
      }
    }

    // Quadrant thresholds: median ARR of all accounts, median score of accounts with incidents.
    const scores = dash.rows.map((r) => r.score).filter((s) => s > 0);
    expect(dash.thresholds.arrMinor).toBe(median(accounts.map((a) => Number(a.arrMinor))));
    expect(dash.thresholds.score).toBe(Math.max(1, median(scores)));

    // Months and severity mix, by counting per month and per severity.
    const inPeriod: Prisma.IncidentWhereInput = {
      AND: [scope, { occurredAt: { gte: from, lt: to } }],
    };
    expect(dash.totals.incidents).toBe(await db.incident.count({ where: inPeriod }));
    expect(dash.byMonth.map((m) => m.month)).toEqual(monthsBetween(from, to));
    for (const m of dash.byMonth) {
      const [y, mo] = m.month.split("-").map(Number);
      const start = new Date(Math.max(Date.UTC(y, mo - 1, 1), from.getTime()));
      const end = new Date(Math.min(Date.UTC(y, mo, 1), to.getTime()));
      const n = await db.incident.count({
        where: { AND: [scope, { occurredAt: { gte: start, lt: end } }] },
      });
      expect(m.incidents, m.month).toBe(n);
    }
    expect(monthKey(from)).toBe(dash.byMonth[0].month);
    for (const s of dash.severityMix) {
      const n = await db.incident.count({
        where: {
          AND: [
            inPeriod,
            {
              OR: [
                { assessedSeverity: s.severity },
                { assessedSeverity: null, reporterSeverity: s.severity },
              ],
            },
          ],
        },
      });
      expect(s.incidents, s.severity).toBe(n);
    }
    const employees = await db.incident.groupBy({ by: ["reporterId"], where: inPeriod });
    expect(dash.totals.employeesAffected).toBe(employees.length);
  });

  it("puts a high-ARR account in the high value, high abuse quadrant", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const dash = await getDashboard(db, lee, { ...periodFor(12, NOW), segment: null }, NOW);
    const high = dash.rows.filter((r) => r.quadrant === "HIGH_VALUE_HIGH_ABUSE");
    const names = high.map((r) => r.name);
    expect(names).toContain("Brannock Industrial Holdings");
    expect(high.some((r) => r.arrMinor >= 100_000_000)).toBe(true);
    // A quiet big account is not there.
    expect(names).not.toContain("Aldgate Mutual Insurance");
  });

  it("filters by segment", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const dash = await getDashboard(db, lee, { ...periodFor(12, NOW), segment: "SMB" }, NOW);
    const smb = await db.customerAccount.count({ where: { segment: "SMB" } });
    expect(dash.rows).toHaveLength(smb);
    expect(dash.rows.every((r) => r.segment === "SMB")).toBe(true);
  });

  it("gives a manager the same figures from their team's incidents only", async () => {
    const morgan = await viewerFor("morgan.manager@demo.example");
    expect(morgan.managedTeamIds.length).toBeGreaterThan(0);
    const { from, to } = periodFor(18, NOW);
    const dash = await getDashboard(db, morgan, { from, to, segment: null }, NOW);
    const scope: Prisma.IncidentWhereInput = {
      namedUsers: { none: { userId: morgan.id } },
      reporter: { teamId: { in: morgan.managedTeamIds } },
    };
    const withTeamIncidents = await db.incident.groupBy({
      by: ["accountId"],
      where: { AND: [scope, { occurredAt: { gte: from, lt: to } }] },
    });
    // Accounts with an unassessed case of Morgan's are listed without figures (decision 056).
    expect([...dash.rows, ...dash.withheld].map((r) => r.accountId).sort()).toEqual(
      withTeamIncidents.map((g) => g.accountId).sort(),
    );
    expect(dash.rows.length).toBeGreaterThan(0);
    for (const row of dash.rows) {
      const e = await expected(scope, row.accountId, from, to);
      expect(row.incidents, row.name).toBe(e.incidents);
      expect(row.score, row.name).toBe(e.score);
      expect(row.employeesAffected, row.name).toBe(e.employeesAffected);
      expect(row.repeatContacts, row.name).toBe(e.repeatContacts);
      expect([row.open, row.overdue], row.name).toEqual([e.open, e.overdue]);
    }
    const all = await db.incident.count({ where: { occurredAt: { gte: from, lt: to } } });
    expect(dash.totals.incidents).toBeLessThan(all);
  });

  it("leaves out incidents that name the viewer", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const harper = await viewerFor("harper.hr@demo.example");
    const brannock = await db.customerAccount.findFirstOrThrow({
      where: { name: "Brannock Industrial Holdings" },
    });
    const period = { ...periodFor(12, NOW), segment: null };
    const before = (await getDashboard(db, lee, period, NOW)).rows.find(
      (r) => r.accountId === brannock.id,
    )!;
    const target = await db.incident.findFirstOrThrow({
      where: { accountId: brannock.id, occurredAt: { gte: period.from } },
    });
    await db.incidentNamedUser.create({ data: { incidentId: target.id, userId: lee.id } });
    try {
      const after = (await getDashboard(db, lee, period, NOW)).rows.find(
        (r) => r.accountId === brannock.id,
      )!;
      expect(after.incidents).toBe(before.incidents - 1);
      const hr = (await getDashboard(db, harper, period, NOW)).rows.find(
        (r) => r.accountId === brannock.id,
      )!;
      expect(hr.incidents).toBe(before.incidents);
    } finally {
      await db.incidentNamedUser.delete({
        where: { incidentId_userId: { incidentId: target.id, userId: lee.id } },
      });
    }
  });
});

describe("an account page's figures", () => {
  it("match direct queries for every account, for leadership, HR and a manager", async () => {
    const viewers = await Promise.all(
      ["lee.leadership@demo.example", "harper.hr@demo.example", "morgan.manager@demo.example"].map(
        viewerFor,
      ),
    );
    const accounts = await db.customerAccount.findMany({ select: { id: true, name: true } });
    let compared = 0;
    for (const viewer of viewers) {
      const notNamed: Prisma.IncidentWhereInput = { namedUsers: { none: { userId: viewer.id } } };
      const scope: Prisma.IncidentWhereInput =
        viewer.role === "MANAGER"
          ? { AND: [notNamed, { reporter: { teamId: { in: viewer.managedTeamIds } } }] }
          : notNamed;
      for (const a of accounts) {
        const view = await getAccountView(db, viewer, a.id, NOW);
        const all = await db.incident.count({ where: { AND: [scope, { accountId: a.id }] } });
        if (viewer.role === "MANAGER" && all === 0) {
          expect(view, `${a.name} is not the manager's to see`).toBeNull();
          continue;
        }
        // Nothing in the demo happens after its clock, so [epoch, NOW) is every incident.
        const e = await expected(scope, a.id, new Date(0), NOW);
        expect(e.incidents).toBe(all);
        const f = view!.figures!;
        expect(
          {
            incidents: f.incidents,
            score: f.score,
            employeesAffected: f.employeesAffected,
            repeatContacts: f.repeatContacts,
            open: f.open,
            overdue: f.overdue,
            recent: f.trend.recent,
            previous: f.trend.previous,
          },
          `${a.name} for ${viewer.email}`,
        ).toEqual(e);
        // The contacts' counts: one per contact, over the same incidents.
        for (const c of view!.contacts) {
          expect(c.incidents, c.name).toBe(
            await db.incidentContact.count({
              where: { contactId: c.id, incident: { AND: [scope, { accountId: a.id }] } },
            }),
          );
        }
        compared += all;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("lists the newest incidents first and pages older ones by key", async () => {
    const lee = await viewerFor("lee.leadership@demo.example");
    const busiest = await db.incident.groupBy({
      by: ["accountId"],
      _count: { _all: true },
      orderBy: { _count: { accountId: "desc" } },
      take: 1,
    });
    const accountId = busiest[0]!.accountId;
    const scope: Prisma.IncidentWhereInput = {
      AND: [{ namedUsers: { none: { userId: lee.id } } }, { accountId }],
    };
    const all = await db.incident.findMany({
      where: scope,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      select: { id: true, reference: true, occurredAt: true },
    });
    expect(all.length).toBeGreaterThan(3);
    const first = await getAccountView(db, lee, accountId, NOW);
    expect(first!.incidents.map((i) => i.reference)).toEqual(
      all.slice(0, ACCOUNT_INCIDENTS_PAGE).map((i) => i.reference),
    );
    expect(first!.olderIncidents).toBe(
      all.length > ACCOUNT_INCIDENTS_PAGE ? expect.any(String) : null,
    );
    // After the third incident: the rest, in the same order.
    const third = all[2]!;
    const rest = await getAccountView(db, lee, accountId, NOW, {
      before: `${third.occurredAt.toISOString()}|${third.id}`,
    });
    expect(rest!.incidents.map((i) => i.reference)).toEqual(
      all.slice(3, 3 + ACCOUNT_INCIDENTS_PAGE).map((i) => i.reference),
    );
    // A malformed key is the first page, not an error.
    const odd = await getAccountView(db, lee, accountId, NOW, { before: "nonsense" });
    expect(odd!.incidents[0]!.reference).toBe(all[0]!.reference);
  });
});

describe("who may see the dashboard and the account pages", () => {
  it("answers 404 to employees and admins, and lets leadership, HR and managers in", async () => {
    const brannock = await db.customerAccount.findFirstOrThrow({
      where: { name: "Brannock Industrial Holdings" },
    });
    for (const email of ["sam.employee@demo.example", "alex.admin@demo.example"]) {
      const cookie = await loginCookie(email, DEMO_PASSWORD);
      expect((await call(dashboardLoader, getRequest("/dashboard", cookie))).status).toBe(404);
    }
    const sam = await loginCookie("sam.employee@demo.example", DEMO_PASSWORD);
    expect(
      (await call(accountLoader, getRequest(`/accounts/${brannock.id}`, sam), { id: brannock.id }))
        .status,
    ).toBe(404);
    for (const email of [
      "lee.leadership@demo.example",
      "harper.hr@demo.example",
      "morgan.manager@demo.example",
    ]) {
      const cookie = await loginCookie(email, DEMO_PASSWORD);
      expect((await call(dashboardLoader, getRequest("/dashboard", cookie))).status).toBe(200);
    }
  });

  it("never gives leadership a reporter's name or a narrative, on the dashboard or an account", async () => {
    const cookie = await loginCookie("lee.leadership@demo.example", DEMO_PASSWORD);
    const incidents = await db.incident.findMany({
      select: { narrative: true, impact: true, reporter: { select: { name: true } } },
    });
    // Account owners and the people who decided or approved a decision are shown in those
    // roles (some of them also reported incidents); nobody is ever shown as a reporter.
    const shownInOtherRoles = new Set([
      ...(await db.customerAccount.findMany({ select: { owner: { select: { name: true } } } })).map(
        (a) => a.owner?.name,
      ),
      ...(
        await db.decision.findMany({
          select: { decidedBy: { select: { name: true } }, approver: { select: { name: true } } },
        })
      ).flatMap((d) => [d.decidedBy.name, d.approver.name]),
    ]);
    const reporterNames = [...new Set(incidents.map((i) => i.reporter.name))].filter(
      (n) => !shownInOtherRoles.has(n),
    );
    expect(reporterNames.length).toBeGreaterThan(10);
    const texts = incidents
      .flatMap((i) => [i.narrative, i.impact ?? ""])
      .filter((t) => t.length > 20);

    const pages: string[] = [];
    for (const q of ["", "?months=24&all=1", "?sort=perMillion&segment=ENTERPRISE"]) {
      const a = await call(dashboardLoader, getRequest(`/dashboard${q}`, cookie));
      expect(a.status).toBe(200);
      pages.push(JSON.stringify(a.body));
    }
    const accounts = await db.customerAccount.findMany({
      where: { incidents: { some: {} } },
      select: { id: true },
    });
    for (const { id } of accounts) {
      const a = await call(accountLoader, getRequest(`/accounts/${id}`, cookie), { id });
      expect(a.status).toBe(200);
      // The decision form lists every possible approver (all managers, HR and leadership, some
      // of whom reported incidents): names with a role and nothing else, checked apart.
      const { approvers, ...rest } = a.body as { approvers: { id: string; label: string }[] };
      for (const approver of approvers) {
        expect(Object.keys(approver).sort()).toEqual(["id", "label"]);
        expect(approver.label).toMatch(/ \((manager|hr|leadership)\)$/);
      }
      pages.push(JSON.stringify(rest));
    }
    const all = pages.join("\n");
    expect(all).toContain("Brannock Industrial Holdings");
    expect(reporterNames.filter((name) => all.includes(name))).toEqual([]);
    expect(texts.filter((text) => all.includes(text.slice(0, 40)))).toEqual([]);
    expect(all).not.toMatch(/narrative|reporterName/);

    // The same account page for HR does show who reported (so the check above can fail).
    const hr = await loginCookie("harper.hr@demo.example", DEMO_PASSWORD);
    const brannock = await db.customerAccount.findFirstOrThrow({
      where: { name: "Brannock Industrial Holdings" },
    });
    const forHr = await call(accountLoader, getRequest(`/accounts/${brannock.id}`, hr), {
      id: brannock.id,
    });
    expect(JSON.stringify(forHr.body)).toMatch(/reporterName/);
  });

  it("explains on the account page why a high-abuse account stands out", async () => {
    const cookie = await loginCookie("lee.leadership@demo.example", DEMO_PASSWORD);
    const brannock = await db.customerAccount.findFirstOrThrow({
      where: { name: "Brannock Industrial Holdings" },
      include: { _count: { select: { incidents: true, decisions: true } } },
    });
    const a = await call(accountLoader, getRequest(`/accounts/${brannock.id}`, cookie), {
      id: brannock.id,
    });
    const body = a.body as {
      figures: { incidents: number; repeatContacts: number };
      incidents: unknown[];
      decisions: unknown[];
      contacts: { name: string; incidents: number }[];
      account: { needsReview: boolean };
    };
    expect(body.figures.incidents).toBe(brannock._count.incidents);
    expect(body.incidents).toHaveLength(brannock._count.incidents);
    expect(body.decisions).toHaveLength(brannock._count.decisions);
    expect(body.figures.repeatContacts).toBeGreaterThanOrEqual(1);
    const gordon = body.contacts.find((c) => c.name === "Gordon Pryce")!;
    expect(gordon.incidents).toBe(
      await db.incidentContact.count({
        where: {
          contactId: (
            await db.customerContact.findFirstOrThrow({ where: { name: "Gordon Pryce" } })
          ).id,
        },
      }),
    );
    expect(gordon.incidents).toBeGreaterThanOrEqual(2);
    expect(body.account.needsReview).toBe(brannock.needsReview);

    // Its history chart: 18 months by severity, and the time since the last decision.
    const { history } = a.body as {
      history: {
        months: ({ month: string } & Record<Severity, number>)[];
        sinceLastDecision: { at: string; days: number; before: number; after: number } | null;
      };
    };
    const from = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 17, 1));
    const inWindow = { accountId: brannock.id, occurredAt: { gte: from } };
    expect(history.months).toHaveLength(18);
    expect(history.months.at(-1)!.month).toBe(monthKey(NOW));
    for (const severity of ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const) {
      expect(
        history.months.reduce((n, m) => n + m[severity], 0),
        severity,
      ).toBe(
        await db.incident.count({
          where: {
            ...inWindow,
            OR: [
              { assessedSeverity: severity },
              { assessedSeverity: null, reporterSeverity: severity },
            ],
          },
        }),
      );
    }
    const last = await db.decision.findFirst({
      where: { accountId: brannock.id },
      orderBy: { createdAt: "desc" },
    });
    expect(last, "the demo has a decision on Brannock").not.toBeNull();
    const pivot = last!.createdAt.getTime();
    const span = Date.now() - pivot; // the loader's "now" was a moment earlier
    expect(history.sinceLastDecision).toMatchObject({
      at: last!.createdAt.toISOString(),
      after: await db.incident.count({
        where: { accountId: brannock.id, occurredAt: { gte: last!.createdAt } },
      }),
      before: await db.incident.count({
        where: {
          accountId: brannock.id,
          occurredAt: { gte: new Date(pivot - span), lt: last!.createdAt },
        },
      }),
    });
  });
});

describe("protective measures on an account page", () => {
  it("are a count for leadership: no outcome text, no measure next to a reference", async () => {
    const brannock = await db.customerAccount.findFirstOrThrow({
      where: { name: "Brannock Industrial Holdings" },
    });
    const incident = await db.incident.findFirstOrThrow({
      where: { accountId: brannock.id },
      select: { id: true, reference: true, assigneeId: true, reporterId: true },
    });
    const handler = await db.user.findFirstOrThrow({ where: { role: "HR" } });
    const OUTCOME = "Sessions booked with the counsellor for the night-shift colleague";
    const measure = await recordProtectiveAction(db, {
      incidentId: incident.id,
      actorId: handler.id,
      type: "COUNSELLING",
    });
    await updateAction(db, {
      incidentId: incident.id,
      actorId: handler.id,
      actionId: measure.id,
      status: "DONE",
      outcome: OUTCOME,
    });
    const sanction = await db.action.findFirst({
      where: { accountId: brannock.id, catalogue: "SANCTION" },
    });
    if (sanction) {
      await db.action.update({
        where: { id: sanction.id },
        data: { outcome: "Sanction outcome typed by a handler" },
      });
    }
    const inScope = {
      catalogue: "PROTECTIVE",
      OR: [{ accountId: brannock.id }, { incident: { accountId: brannock.id } }],
    };
    const outcomes = (
      await db.action.findMany({ where: { outcome: { not: null } }, select: { outcome: true } })
    ).map((a) => a.outcome!);

    const page = async (email: string) =>
      call(
        accountLoader,
        getRequest(`/accounts/${brannock.id}`, await loginCookie(email, DEMO_PASSWORD)),
        { id: brannock.id },
      );
    const lee = await page("lee.leadership@demo.example");
    expect(lee.status).toBe(200);
    const body = lee.body as {
      protectiveMeasures: number;
      actions: { catalogue: string; outcome: string | null }[];
    };
    expect(body.protectiveMeasures).toBe(await db.action.count({ where: inScope }));
    expect(body.protectiveMeasures).toBeGreaterThanOrEqual(1);
    expect(body.actions.filter((a) => a.catalogue !== "SANCTION")).toEqual([]);
    expect(body.actions.filter((a) => a.outcome !== null)).toEqual([]);
    const text = JSON.stringify(body);
    expect(outcomes.filter((o) => text.includes(o))).toEqual([]);
    expect(text).not.toContain("COUNSELLING");

    // HR handles the cases and still sees the measures with their outcome.
    const hr = await page("harper.hr@demo.example");
    expect(JSON.stringify(hr.body)).toContain(OUTCOME);
  });
});
