// The demo data: one organisation, its customers and 18 months of reports, deterministic for a
// given `now` (a seeded PRNG, no Math.random). Safe to run every time the demo starts: it does
// nothing when the database already has users.
//
//   DATABASE_URL=file:./prisma/data/dev.db npx tsx prisma/seed.ts     (SEED_QUIET=1: one line)
//
// Two phases: buildPlan() decides everything in memory (pure, testable), writePlan() stores it
// in one transaction, every timeline entry through appendCaseEvent so the hash chains verify.
// No Notification rows: history must not mail anybody when the demo starts.
import { rebuildKeptFigures } from "~/models/kept-figures.server";
import { pathToFileURL } from "node:url";
import { addBusinessMinutes, type BusinessCalendarSpec } from "~/domain/business-calendar";
import { computeDeadline, DEFAULT_TARGETS } from "~/domain/deadlines";
import { formatReference } from "~/domain/reference";
import { routeReport, type RoutingPerson } from "~/domain/routing";
import {
  SEVERITIES,
  type Category,
  type Channel,
  type ConductStatus,
  type Segment,
  type Severity,
  type SupportKind,
} from "~/domain/vocabulary";
import { appendCaseEvent } from "~/models/case-event.server";
import { FALLBACK_CALENDAR, findTarget, type ActivePolicy } from "~/models/deadline-policy.server";
import { refreshAllNextDue } from "~/models/deadline.server";
import { disconnectDb, getDb, type Db, type Tx } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { DEMO_PASSWORD } from "./demo-logins.mjs";
import {
  ACCOUNTS,
  ACTIONS_BY_SEVERITY,
  ARR_RANGES,
  CALENDAR,
  CONTACT_FIRST_NAMES,
  CONTACT_LAST_NAMES,
  CONTACT_TITLES,
  DECISIONS,
  EMAIL_DOMAIN,
  INCIDENTS_PER_ACCOUNT,
  NOTES,
  OPEN_REPORTS,
  OUTCOME_WEIGHTS,
  OWNERS_BY_SEGMENT,
  PEOPLE,
  POLICY_NAME,
  REPORTER_UPDATES,
  SCENARIOS,
  SEED,
  SEVERITY_WEIGHTS,
  TEAMS,
  TOPICS,
  UK_BANK_HOLIDAYS,
  type AccountProfile,
  type ActionType,
  type ContactSeed,
  type OpenReportSeed,
  type PersonSeed,
  type Scenario,
  type TeamKey,
} from "./seed-data";

export { DEMO_PASSWORD };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 547; // 18 months

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32) and the draws built on it.
// ---------------------------------------------------------------------------------------------

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from SEED and a key, so each part of the demo draws from its own stream. */
function seedFor(...key: (string | number)[]): number {
  let h = 2166136261 ^ SEED;
  for (const ch of key.join("|")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of pairs) {
      r -= w;
      if (r < 0) return item;
    }
    return pairs[pairs.length - 1][0];
  }
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }
}

// ---------------------------------------------------------------------------------------------
// The plan: everything the seed writes, with people referred to by email.
// ---------------------------------------------------------------------------------------------

export type PersonPlan = PersonSeed & { email: string; managerEmail: string | null };

export type ContactPlan = ContactSeed & { email: string };

export type AccountPlan = {
  crmId: string;
  name: string;
  segment: Segment;
  ownerEmail: string;
  arrMinor: bigint;
  contractValueMinor: bigint;
  currency: string;
  contractStart: Date;
  contractEnd: Date;
  renewalDate: Date;
  noticeDate: Date;
  paymentStatus: string;
  daysOverdue: number;
  conductStatus: ConductStatus;
  needsReview: boolean;
  createdAt: Date;
  contacts: ContactPlan[];
  /** The people who work on the account and so may report about it. */
  teamEmails: string[];
};

export type ActionPlan = {
  catalogue: "SANCTION" | "PROTECTIVE";
  type: string;
  text: string;
  accountCrmId: string | null;
  ownerEmail: string;
  createdByEmail: string;
  createdAt: Date;
  dueAt: Date;
  status: "PLANNED" | "IN_PROGRESS" | "DONE";
  outcome: string | null;
};

export type DecisionPlan = {
  accountCrmId: string;
  decision: string;
  rationale: string;
  decidedByEmail: string;
  approverEmail: string;
  employeesConsulted: boolean;
  createdAt: Date;
};

export type EventPlan = {
  type: string;
  actorEmail: string | null;
  at: Date;
  visibleToReporter: boolean;
  data: Record<string, unknown>;
  /** Created just before the event; its id goes into the event's data. */
  action?: ActionPlan;
  decision?: DecisionPlan;
};

export type IncidentPlan = {
  reference: string;
  reporterEmail: string;
  accountCrmId: string;
  contactNames: string[];
  witnessEmails: string[];
  occurredAt: Date;
  createdAt: Date;
  channel: Channel;
  severity: Severity;
  assessedSeverity: Severity | null;
  categories: Category[];
  narrative: string;
  impact: string | null;
  supportKinds: SupportKind[];
  status: "SUBMITTED" | "ACKNOWLEDGED" | "IN_PROGRESS" | "RESOLVED";
  outcome: string | null;
  assigneeEmail: string | null;
  hrEmails: string[];
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  deadline: {
    /** The target's length, which each escalation step waits again. */
    windowMinutes: number;
    startedAt: Date;
    dueAt: Date;
    remindAt: Date;
    remindedAt: Date | null;
    metAt: Date | null;
    breachedAt: Date | null;
  };
  events: EventPlan[];
};

export type Plan = {
  people: PersonPlan[];
  accounts: AccountPlan[];
  incidents: IncidentPlan[];
  counters: { year: number; last: number }[];
};

export function emailFor(name: string): string {
  const parts = name.toLowerCase().split(/\s+/);
  const clean = (s: string) => s.normalize("NFKD").replace(/[^a-z]/g, "");
  return `${clean(parts[0])}.${clean(parts[parts.length - 1])}@${EMAIL_DOMAIN}`;
}

function domainFor(company: string): string {
  const words = company
    .toLowerCase()
    .replace(/&/g, " ")
    .normalize("NFKD")
    .replace(/[^a-z ]/g, "")
    .split(/\s+/)
    .filter(Boolean);
  return `${words.slice(0, 2).join("-")}.example`;
}

function contactEmail(name: string, domain: string): string {
  const [first, ...rest] = name
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .split(/\s+/);
  return `${first}.${rest[rest.length - 1]}@${domain}`;
}

const minuteFloor = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE);
const daysFrom = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
const utcMidnight = (d: Date) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

export function seedCalendar(): BusinessCalendarSpec {
  return { ...FALLBACK_CALENDAR, holidays: new Set(UK_BANK_HOLIDAYS.map((h) => h.date)) };
}

/**
 * The timeline entry for an action (its id is added when written). Protective measures are
 * PROTECTIVE_ACTION entries the reporter sees, as recordProtectiveAction writes them;
 * sanctions on the account are private ACTION entries.
 */
function actionEvent(catalogue: "SANCTION" | "PROTECTIVE", type: string, text: string) {
  return catalogue === "PROTECTIVE"
    ? { type: "PROTECTIVE_ACTION", visibleToReporter: true, data: { measure: type } }
    : { type: "ACTION", visibleToReporter: false, data: { catalogue, type, text } };
}

const TEAM_WEIGHT: Record<TeamKey, number> = {
  SUPPORT: 3,
  ACCOUNTS: 2,
  SERVICES: 2,
  BILLING: 1.5,
  FIELD: 1,
};

/**
 * Decides every row of the demo. Pure: the same `now` gives the same plan. Each account's
 * reports, and each report's handling, draw from their own PRNG stream, so whatever `now` is
 * (a weekday, a weekend) the shape of the data stays the same.
 */
export function buildPlan(now: Date): Plan {
  const policy: ActivePolicy = { targets: DEFAULT_TARGETS, calendar: seedCalendar() };

  // People ------------------------------------------------------------------------------------
  const byName = new Map<string, PersonPlan>();
  for (const p of PEOPLE) {
    byName.set(p.name, { ...p, email: p.email ?? emailFor(p.name), managerEmail: null });
  }
  const person = (name: string): PersonPlan => {
    const p = byName.get(name);
    if (!p) throw new Error(`seed-data names an unknown person: ${name}`);
    return p;
  };
  for (const p of byName.values()) p.managerEmail = p.reportsTo ? person(p.reportsTo).email : null;
  const people = [...byName.values()];
  const byEmail = new Map(people.map((p) => [p.email, p]));
  // People with a fixed list of accounts are not drawn for others.
  const teamMembers = (team: TeamKey) =>
    people.filter((p) => p.team === team && p.role === "EMPLOYEE" && !p.accounts);

  /** Whether someone could have filed a report at `at` (the leaver left, the absent are away). */
  const availableAt = (p: PersonPlan, at: Date) => {
    const ageDays = (now.getTime() - at.getTime()) / DAY;
    if (p.inactive && ageDays < 150) return false;
    if (p.onLeave && ageDays < 30) return false;
    return true;
  };

  // Accounts ----------------------------------------------------------------------------------
  let crm = 10_000;
  const accounts: AccountPlan[] = [];
  const profiles = new Map<string, AccountProfile>();
  const fixedCounts = new Map<string, number>();
  for (const seed of ACCOUNTS) {
    const rng = new Rng(seedFor("account", seed.name));
    crm += rng.int(3, 41);
    const crmId = `CRM-${crm}`;
    const profile = seed.profile;
    if (profile) profiles.set(crmId, profile);
    if (seed.incidents !== undefined) fixedCounts.set(crmId, seed.incidents);
    const [lo, hi] = ARR_RANGES[seed.segment];
    const arr = seed.arr ?? Math.round(rng.logUniform(lo, hi) / 500) * 500;
    const termYears =
      seed.segment === "SMB"
        ? rng.pick([1, 1, 2])
        : seed.segment === "MID_MARKET"
          ? rng.pick([1, 2, 3])
          : rng.pick([2, 3, 3]);
    const renewalInDays = profile?.renewalInDays ?? rng.int(20, termYears * 365 - 10);
    const contractEnd = daysFrom(utcMidnight(now), renewalInDays);
    const contractStart = new Date(contractEnd);
    contractStart.setUTCFullYear(contractStart.getUTCFullYear() - termYears);
    const payment =
      profile?.paymentStatus ??
      rng.weighted([
        ["CURRENT", 80],
        ["LATE", 13],
        ["IN_DISPUTE", 7],
      ] as const);
    const daysOverdue =
      profile?.daysOverdue ??
      (payment === "LATE" ? rng.int(10, 75) : payment === "IN_DISPUTE" ? rng.int(30, 120) : 0);
    const owner = person(profile?.owner ?? rng.pick(OWNERS_BY_SEGMENT[seed.segment]));

    // Contacts: the offenders first, then people drawn from the name pools.
    const domain = domainFor(seed.name);
    const contacts: ContactPlan[] = (profile?.offenders ?? []).map((c) => ({
      ...c,
      email: contactEmail(c.name, domain),
    }));
    const big = seed.segment === "ENTERPRISE" || seed.segment === "PUBLIC_SECTOR";
    const extra = profile ? rng.int(1, 3) : big ? rng.int(2, 5) : rng.int(1, 3);
    for (let i = 0; i < extra; i++) {
      const taken = new Set(contacts.map((c) => c.name));
      const draw = () => `${rng.pick(CONTACT_FIRST_NAMES)} ${rng.pick(CONTACT_LAST_NAMES)}`;
      let name = draw();
      while (taken.has(name)) name = draw();
      const jobTitle = rng.pick(
        CONTACT_TITLES.filter((t) => !contacts.some((c) => c.jobTitle === t)),
      );
      contacts.push({ name, jobTitle, email: contactEmail(name, domain) });
    }

    // The account team: its owner plus people from the other teams.
    const team = new Set<string>([owner.email]);
    for (const p of people) if (p.accounts?.includes(seed.name)) team.add(p.email);
    const support = profile?.supportTeam?.map((n) => person(n)) ?? [];
    while (support.length < (big ? 2 : 1)) {
      const p = rng.pick(teamMembers("SUPPORT"));
      if (!support.includes(p)) support.push(p);
    }
    for (const p of support) team.add(p.email);
    team.add(rng.pick(teamMembers("BILLING")).email);
    if (big || rng.chance(0.5)) team.add(rng.pick(teamMembers("SERVICES")).email);
    if (big || rng.chance(0.4)) team.add(rng.pick(teamMembers("FIELD")).email);
    if (profile && profile.incidents > 10) {
      team.add(rng.pick(teamMembers("SERVICES")).email);
      team.add(rng.pick(teamMembers("ACCOUNTS")).email);
    }

    accounts.push({
      crmId,
      name: seed.name,
      segment: seed.segment,
      ownerEmail: owner.email,
      arrMinor: BigInt(arr) * 100n,
      contractValueMinor: BigInt(arr) * 100n * BigInt(termYears),
      currency: seed.currency ?? "USD",
      contractStart,
      contractEnd,
      renewalDate: contractEnd,
      noticeDate: daysFrom(contractEnd, -90),
      paymentStatus: payment,
      daysOverdue,
      conductStatus: profile?.conductStatus ?? "GOOD",
      needsReview: profile?.needsReview ?? false,
      createdAt: contractStart < daysFrom(now, -3 * 365) ? daysFrom(now, -3 * 365) : contractStart,
      contacts,
      teamEmails: [...team],
    });
  }
  const accountByName = new Map(accounts.map((a) => [a.name, a]));
  const account = (name: string) => {
    const a = accountByName.get(name);
    if (!a) throw new Error(`seed-data names an unknown account: ${name}`);
    return a;
  };
  for (const p of people) p.accounts?.forEach(account);
  // The contacts the open reports name exist before anything is drawn from the account.
  for (const r of OPEN_REPORTS) {
    const a = account(r.account);
    if (!a.contacts.some((c) => c.name === r.contact.name)) {
      a.contacts.push({ ...r.contact, email: contactEmail(r.contact.name, domainFor(a.name)) });
    }
  }

  // Reports: drawn per account --------------------------------------------------------------
  type Draft = Omit<
    IncidentPlan,
    | "reference"
    | "assigneeEmail"
    | "hrEmails"
    | "status"
    | "outcome"
    | "acknowledgedAt"
    | "resolvedAt"
    | "assessedSeverity"
    | "deadline"
    | "events"
  > & { open?: OpenReportSeed; hot: boolean; key: string };
  const drafts: Draft[] = [];

  for (const a of accounts) {
    const rng = new Rng(seedFor("reports", a.crmId));
    const profile = profiles.get(a.crmId);
    const n =
      profile?.incidents ??
      fixedCounts.get(a.crmId) ??
      rng.weighted(INCIDENTS_PER_ACCOUNT[a.segment]);
    const uses = new Map<string, number>();
    const withinDays = profile?.withinDays ?? HISTORY_DAYS;
    for (let i = 0; i < n; i++) {
      // When: more reports lately (people trust the tool), on working days, in office hours.
      const skew = profile ? 1.5 : 1.25;
      let dayOffset = 1 + Math.floor((withinDays - 1) * Math.pow(rng.float(), skew));
      const day = daysFrom(utcMidnight(now), -dayOffset);
      const weekday = day.getUTCDay();
      const toFriday = rng.chance(0.85); // most weekend dates move to the Friday before
      if ((weekday === 0 || weekday === 6) && toFriday) dayOffset += weekday === 6 ? 1 : 2;
      const occurredAt = minuteFloor(
        utcMidnight(now).getTime() - dayOffset * DAY + rng.int(8 * 60, 17 * 60 + 30) * MINUTE,
      );
      const delay = rng.weighted([
        [rng.int(10, 120), 70],
        [rng.int(120, 480), 20],
        [rng.int(18 * 60, 72 * 60), 10],
      ] as const);
      let createdAt = new Date(
        Math.min(occurredAt.getTime() + delay * MINUTE, now.getTime() - 6 * HOUR),
      );
      if (createdAt <= occurredAt) createdAt = new Date(occurredAt.getTime() + 5 * MINUTE);

      // What: a severity, then a scenario of that severity.
      const severity = rng.weighted(
        SEVERITIES.map((s) => [s, SEVERITY_WEIGHTS[profile ? "hot" : "normal"][s]] as const),
      );
      const scenario: Scenario = rng.weighted(
        SCENARIOS.filter((s) => s.severity === severity).map((s) => [s, s.weight] as const),
      );
      const channel = rng.pick(scenario.channels);

      // Who: a contact (mostly the offender on a troubled account) and a reporter on the account.
      const offenders = profile ? a.contacts.slice(0, profile.offenders.length) : [];
      const contact =
        offenders.length > 0 && rng.chance(profile?.offenderShare ?? 0.7)
          ? rng.weighted(offenders.map((c, idx) => [c, idx === 0 ? 2 : 1] as const))
          : // Otherwise mostly someone not reported before: repeats are the exception.
            rng.weighted(
              (a.contacts.length > offenders.length
                ? a.contacts.slice(offenders.length)
                : a.contacts
              ).map((c) => [c, 1 / (1 + (uses.get(c.name) ?? 0)) ** 2] as const),
            );
      uses.set(contact.name, (uses.get(contact.name) ?? 0) + 1);
      const candidates = a.teamEmails
        .map((e) => byEmail.get(e)!)
        .filter((p) => availableAt(p, createdAt));
      const preferred = scenario.teams
        ? candidates.filter((p) => p.team && scenario.teams!.includes(p.team))
        : candidates;
      const pool = preferred.length > 0 ? preferred : candidates;
      // Managers own a few accounts too, but mostly their people are on the calls.
      let reporter = rng.weighted(
        pool.map(
          (p) => [p, (TEAM_WEIGHT[p.team!] ?? 1) * (p.role === "EMPLOYEE" ? 1 : 0.25)] as const,
        ),
      );
      // Now and then the manager was on the call and files it.
      if (rng.chance(0.06)) {
        const manager = reporter.managerEmail ? byEmail.get(reporter.managerEmail) : undefined;
        if (manager && manager.role === "MANAGER") reporter = manager;
      }
      const witnessPool = candidates.filter((p) => p.email !== reporter.email);
      const [hasWitness, witnessDraw] = [rng.chance(0.25), rng.float()];
      const witnessEmails =
        (channel === "VIDEO_CALL" || channel === "IN_PERSON") &&
        witnessPool.length > 0 &&
        hasWitness
          ? [witnessPool[Math.floor(witnessDraw * witnessPool.length)].email]
          : [];

      const text = {
        contact: contact.name,
        first: contact.name.split(" ")[0],
        title: contact.jobTitle,
        topic: rng.pick(TOPICS),
        days: String(rng.int(20, 95)),
      };
      const serious = severity !== "LOW";
      drafts.push({
        reporterEmail: reporter.email,
        accountCrmId: a.crmId,
        contactNames: [contact.name],
        witnessEmails,
        occurredAt,
        createdAt,
        channel,
        severity,
        categories: scenario.categories,
        narrative: fill(scenario.narrative, text),
        impact: scenario.impact && serious && rng.chance(0.65) ? fill(scenario.impact, text) : null,
        supportKinds: (scenario.support ?? []).filter(() => rng.chance(0.6)),
        hot: !!profile,
        key: `${a.crmId}#${i}`,
      });
    }
  }

  // The recent reports written out in seed-data: those waiting for a manager are timed against
  // the acknowledge clock (overdue, past the reminder, or not yet due) whatever weekday `now` is.
  for (const [k, r] of OPEN_REPORTS.entries()) {
    const rng = new Rng(seedFor("open", k));
    const target = findTarget(policy, r.severity, "ACKNOWLEDGE");
    const due = (at: Date) => computeDeadline(target, at, policy.calendar);
    let createdAt = minuteFloor(now.getTime() - (r.minutesAgo ?? 60) * MINUTE);
    if (r.due === "handled") {
      // Acknowledged and in progress: handled like the history, but still open.
    } else if (r.due === "overdue") {
      // Step back until the clock ran out at least 45 minutes ago.
      createdAt = minuteFloor(now.getTime() - HOUR);
      while (due(createdAt).dueAt.getTime() > now.getTime() - 45 * MINUTE) {
        createdAt = new Date(createdAt.getTime() - HOUR);
      }
    } else if (r.due === "soon") {
      // Step back until the reminder point has passed (the deadline itself not yet).
      let at = minuteFloor(now.getTime() - 30 * MINUTE);
      for (let i = 0; i < 7 * 96 && due(at).remindAt > now; i++)
        at = new Date(at.getTime() - 15 * MINUTE);
      if (due(at).remindAt <= now && due(at).dueAt > now) createdAt = at;
    }
    // "later" (and a "soon" that could not be placed) must not be overdue already.
    while ((r.due === "soon" || r.due === "later") && due(createdAt).dueAt <= now) {
      createdAt = new Date(Math.ceil((createdAt.getTime() + now.getTime()) / 2 / MINUTE) * MINUTE);
    }
    const a = account(r.account);
    drafts.push({
      reporterEmail: person(r.reporter).email,
      accountCrmId: a.crmId,
      contactNames: [r.contact.name],
      witnessEmails: [],
      occurredAt: minuteFloor(createdAt.getTime() - rng.int(15, 90) * MINUTE),
      createdAt,
      channel: r.channel,
      severity: r.severity,
      categories: r.categories,
      narrative: r.narrative,
      impact: r.impact ?? null,
      supportKinds: r.support ?? [],
      open: r,
      hot: profiles.has(a.crmId),
      key: `open#${k}`,
    });
  }

  // References in filing order, numbered per year.
  drafts.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  const lastByYear = new Map<number, number>();

  // Routing uses the product's own rule, with emails as ids.
  const routingPeople = new Map<string, RoutingPerson>(
    people.map((p) => [
      p.email,
      {
        id: p.email,
        role: p.role,
        active: !p.inactive,
        onLeave: !!p.onLeave,
        managerId: p.managerEmail,
      },
    ]),
  );

  const incidents: IncidentPlan[] = [];
  for (const d of drafts) {
    const year = d.createdAt.getUTCFullYear();
    const seq = (lastByYear.get(year) ?? 0) + 1;
    lastByYear.set(year, seq);
    const route = routeReport({
      reporter: routingPeople.get(d.reporterEmail)!,
      people: routingPeople,
      namedUserIds: [],
      categories: d.categories,
      severity: d.severity,
    });
    const handler = route.assigneeId;
    const ackTarget = findTarget(policy, d.severity, "ACKNOWLEDGE");
    const ack = computeDeadline(ackTarget, d.createdAt, policy.calendar);
    const { open, hot, key, ...fields } = d;
    const inc: IncidentPlan = {
      ...fields,
      reference: formatReference(year, seq),
      assigneeEmail: handler,
      hrEmails: route.hrIds,
      status: "SUBMITTED",
      outcome: null,
      assessedSeverity: null,
      acknowledgedAt: null,
      resolvedAt: null,
      deadline: {
        windowMinutes: ackTarget.minutes,
        startedAt: ack.startedAt,
        dueAt: ack.dueAt,
        remindAt: ack.remindAt,
        remindedAt: null,
        metAt: null,
        breachedAt: null,
      },
      events: [
        {
          type: "SUBMITTED",
          actorEmail: d.reporterEmail,
          at: d.createdAt,
          visibleToReporter: true,
          data: { severity: d.severity, channel: d.channel },
        },
        // data ({assigneeId, hrIds, reason}) is filled in with real ids when written.
        { type: "ASSIGNED", actorEmail: null, at: d.createdAt, visibleToReporter: true, data: {} },
      ],
    };
    const rng = new Rng(seedFor("handling", key));
    if (!open) handle(inc, hot, rng);
    else if (open.due === "handled") handle(inc, hot, rng, true);
    incidents.push(inc);
  }

  /** Acknowledgement, assessment, notes, actions and resolution for a historical report. */
  function handle(inc: IncidentPlan, hot: boolean, rng: Rng, keepOpen = false) {
    const created = inc.createdAt.getTime();
    const latest = now.getTime() - 10 * MINUTE;
    const handler = inc.assigneeEmail!;
    const dl = inc.deadline;
    const cal = policy.calendar;
    /** Handlers work in office hours: `ms` moved into working time, a little after. */
    const atWork = (ms: number, lo: number, hi: number) =>
      Math.max(lo, Math.min(addBusinessMinutes(new Date(ms), rng.int(0, 45), cal).getTime(), hi));

    // Acknowledged: usually within the window (in working minutes), sometimes late.
    let ackAt = rng.chance(hot ? 0.18 : 0.1)
      ? addBusinessMinutes(dl.dueAt, rng.int(30, 900), cal).getTime()
      : addBusinessMinutes(
          inc.createdAt,
          Math.floor((0.05 + 0.85 * rng.float()) * dl.windowMinutes),
          cal,
        ).getTime();
    ackAt = Math.max(created + 2 * MINUTE, Math.min(ackAt, latest));
    const acknowledgedAt = minuteFloor(ackAt);
    inc.acknowledgedAt = acknowledgedAt;
    dl.metAt = acknowledgedAt;
    if (acknowledgedAt > dl.dueAt) dl.breachedAt = dl.dueAt;
    if (dl.remindAt < acknowledgedAt) dl.remindedAt = dl.remindAt;

    // Assessed severity: mostly as reported.
    const idx = SEVERITIES.indexOf(inc.severity);
    const shift = rng.chance(0.15) ? (rng.chance(hot ? 0.7 : 0.4) ? 1 : -1) : 0;
    inc.assessedSeverity = SEVERITIES[Math.max(0, Math.min(3, idx + shift))];

    // How it ends, and when.
    const outcome =
      inc.severity === "CRITICAL"
        ? rng.weighted([
            ["SUBSTANTIATED", 3],
            ["PARTLY_SUBSTANTIATED", 1],
          ] as const)
        : rng.weighted(OUTCOME_WEIGHTS);
    const spanDays: Record<Severity, [number, number]> = {
      LOW: [2, 14],
      MEDIUM: [4, 28],
      HIGH: [7, 45],
      CRITICAL: [10, 60],
    };
    const [minD, maxD] = outcome === "WITHDRAWN" ? [1, 5] : spanDays[inc.severity];
    const resolveAt = atWork(ackAt + (minD + rng.float() * (maxD - minD)) * DAY, ackAt, Infinity);
    const resolved = !keepOpen && resolveAt < now.getTime() - 30 * MINUTE;
    const end = resolved ? resolveAt : latest;

    inc.events.push({
      type: "ACKNOWLEDGED",
      actorEmail: handler,
      at: acknowledgedAt,
      visibleToReporter: true,
      data: {},
    });
    inc.events.push({
      type: "SEVERITY_ASSESSED",
      actorEmail: handler,
      at: minuteFloor(Math.min(ackAt + rng.int(2, 30) * MINUTE, end)),
      visibleToReporter: false,
      data: { severity: inc.assessedSeverity, reporterSeverity: inc.severity },
    });

    const informal = outcome === "WITHDRAWN" || outcome === "RESOLVED_INFORMALLY";
    let workFrom = ackAt;
    const ageDays = (now.getTime() - created) / DAY;
    if ((resolved && !informal) || (!resolved && (keepOpen || ageDays > 7 || rng.chance(0.5)))) {
      workFrom = Math.min(
        addBusinessMinutes(new Date(ackAt), rng.int(40, 480), cal).getTime(),
        end,
      );
      inc.events.push({
        type: "STATUS_CHANGED",
        actorEmail: handler,
        at: minuteFloor(workFrom),
        visibleToReporter: true,
        data: { from: "ACKNOWLEDGED", to: "IN_PROGRESS" },
      });
      inc.status = "IN_PROGRESS";
    } else {
      inc.status = "ACKNOWLEDGED";
    }

    // Private notes by the handler (or HR on HR cases).
    const noteCount = {
      LOW: rng.int(0, 1),
      MEDIUM: rng.int(0, 1),
      HIGH: rng.int(1, 2),
      CRITICAL: rng.int(1, 3),
    }[inc.severity];
    const reporterFirst = byEmail.get(inc.reporterEmail)!.name.split(" ")[0];
    for (let i = 0; i < noteCount; i++) {
      const actor = inc.hrEmails.length > 0 && rng.chance(0.4) ? rng.pick(inc.hrEmails) : handler;
      inc.events.push({
        type: "NOTE",
        actorEmail: actor,
        at: minuteFloor(atWork(workFrom + rng.float() * (end - workFrom), workFrom, end)),
        visibleToReporter: false,
        data: { text: fill(rng.pick(NOTES), { reporter: reporterFirst }) },
      });
    }

    // Longer cases: the reporter hears how it is going (they see this on their timeline).
    if (end - workFrom > 5 * DAY && inc.status === "IN_PROGRESS" && inc.severity !== "LOW") {
      inc.events.push({
        type: "REPORTER_UPDATED",
        actorEmail: handler,
        at: minuteFloor(
          atWork(workFrom + (0.3 + 0.4 * rng.float()) * (end - workFrom), workFrom, end),
        ),
        visibleToReporter: true,
        data: { text: fill(rng.pick(REPORTER_UPDATES), { reporter: reporterFirst }) },
      });
    }

    // Actions: on substantiated serious cases, on open serious cases, always on critical ones.
    const substantiated = outcome === "SUBSTANTIATED" || outcome === "PARTLY_SUBSTANTIATED";
    const actionCount =
      inc.severity === "CRITICAL"
        ? rng.int(1, 2)
        : inc.severity === "LOW"
          ? 0
          : (resolved && substantiated && rng.chance(0.35)) ||
              (!resolved && inc.severity === "HIGH" && rng.chance(0.5))
            ? 1
            : 0;
    const chosen = new Set<ActionType>();
    for (let i = 0; i < actionCount; i++) {
      const kind = rng.pick(ACTIONS_BY_SEVERITY[inc.severity].filter((x) => !chosen.has(x)));
      chosen.add(kind);
      const at = minuteFloor(
        atWork(workFrom + rng.float() * 0.5 * (end - workFrom), workFrom, end),
      );
      const dueAt = minuteFloor(at.getTime() + rng.int(2, 10) * DAY);
      inc.events.push({
        ...actionEvent(kind.catalogue, kind.type, kind.text),
        actorEmail: handler,
        at,
        action: {
          catalogue: kind.catalogue,
          type: kind.type,
          text: kind.text,
          accountCrmId: kind.catalogue === "SANCTION" ? inc.accountCrmId : null,
          ownerEmail: handler,
          createdByEmail: handler,
          createdAt: at,
          dueAt,
          status: resolved ? "DONE" : dueAt.getTime() < now.getTime() ? "IN_PROGRESS" : "PLANNED",
          outcome: resolved ? kind.outcome : null,
        },
      });
    }

    if (resolved) {
      inc.status = "RESOLVED";
      inc.outcome = outcome;
      inc.resolvedAt = minuteFloor(resolveAt);
      inc.events.push({
        type: "RESOLVED",
        actorEmail: handler,
        at: inc.resolvedAt,
        visibleToReporter: true,
        data: { outcome },
      });
    }
  }

  // Leadership decisions, each on the account's latest serious report before it.
  for (const dec of DECISIONS) {
    const a = account(dec.account);
    const at = new Date(utcMidnight(now).getTime() - dec.daysAgo * DAY + 14 * HOUR);
    const target = incidents
      .filter((i) => i.accountCrmId === a.crmId && i.createdAt < at && i.status !== "SUBMITTED")
      .filter((i) => i.severity === "HIGH" || i.severity === "CRITICAL")
      .at(-1);
    if (!target) throw new Error(`No serious report on ${a.name} before its decision`);
    const decidedBy = person(dec.decidedBy);
    const approver = person(dec.approver);
    if (approver.email === a.ownerEmail) throw new Error(`The approver owns ${a.name}`);
    target.events.push({
      type: "DECISION",
      actorEmail: decidedBy.email,
      at,
      visibleToReporter: false,
      data: { decision: dec.decision },
      decision: {
        accountCrmId: a.crmId,
        decision: dec.decision,
        rationale: dec.rationale,
        decidedByEmail: decidedBy.email,
        approverEmail: approver.email,
        employeesConsulted: dec.employeesConsulted,
        createdAt: at,
      },
    });
    if (dec.action) {
      const actionAt = new Date(at.getTime() + 2 * HOUR);
      target.events.push({
        ...actionEvent("SANCTION", dec.action.type, dec.action.text),
        actorEmail: decidedBy.email,
        at: actionAt,
        action: {
          catalogue: "SANCTION",
          type: dec.action.type,
          text: dec.action.text,
          accountCrmId: a.crmId,
          ownerEmail: a.ownerEmail,
          createdByEmail: decidedBy.email,
          createdAt: actionAt,
          dueAt: new Date(actionAt.getTime() + 7 * DAY),
          status: dec.action.status,
          outcome: dec.action.outcome ?? null,
        },
      });
    }
  }

  // Events in time order (SUBMITTED and ASSIGNED share a time; the sort is stable).
  for (const inc of incidents) inc.events.sort((x, y) => x.at.getTime() - y.at.getTime());

  // Ordinary accounts with repeated serious, substantiated reports are on watch.
  for (const a of accounts) {
    if (profiles.has(a.crmId)) continue;
    const serious = incidents.filter(
      (i) =>
        i.accountCrmId === a.crmId &&
        (i.severity === "HIGH" || i.severity === "CRITICAL") &&
        i.outcome === "SUBSTANTIATED",
    );
    if (serious.length >= 2) a.conductStatus = "WATCH";
  }

  return {
    people,
    accounts,
    incidents,
    counters: [...lastByYear].map(([year, last]) => ({ year, last })),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing the plan
// ---------------------------------------------------------------------------------------------

export type SeedLogin = { role: string; email: string; name: string };

const LOGIN_ORDER = ["Employee", "Manager", "HR", "Leadership", "Admin"];

export function demoLogins(): SeedLogin[] {
  return PEOPLE.filter((p) => p.demoLogin)
    .map((p) => ({ role: p.demoLogin!, email: p.email ?? emailFor(p.name), name: p.name }))
    .sort((a, b) => LOGIN_ORDER.indexOf(a.role) - LOGIN_ORDER.indexOf(b.role));
}

async function writePlan(tx: Tx, plan: Plan, passwordHash: string, now: Date) {
  // Teams, then people, then who manages whom.
  const teams = await tx.team.createManyAndReturn({
    data: TEAMS.map((t) => ({ name: t.name, createdAt: daysFrom(now, -2 * 365) })),
    select: { id: true, name: true },
  });
  const teamId = new Map(TEAMS.map((t) => [t.key, teams.find((x) => x.name === t.name)!.id]));
  const users = await tx.user.createManyAndReturn({
    data: plan.people.map((p, i) => ({
      email: p.email,
      name: p.name,
      // As an HR system would number them; people imports match on it.
      employeeId: `DEMO-${String(i + 1).padStart(4, "0")}`,
      role: p.role,
      teamId: p.team ? teamId.get(p.team) : null,
      active: !p.inactive,
      onLeave: !!p.onLeave,
      language: p.language ?? "en",
      passwordHash,
      passwordChangedAt: now,
      createdAt: new Date(now.getTime() - (730 - i) * DAY),
    })),
    select: { id: true, email: true },
  });
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const userId = (email: string) => {
    const id = userIds.get(email);
    if (!id) throw new Error(`No user ${email}`);
    return id;
  };
  for (const p of plan.people) {
    if (p.managerEmail) {
      await tx.user.update({
        where: { id: userId(p.email) },
        data: { managerId: userId(p.managerEmail) },
      });
    }
    if (p.manages) {
      await tx.team.update({
        where: { id: teamId.get(p.manages)! },
        data: { managerId: userId(p.email) },
      });
    }
  }

  // The business calendar and the default deadline policy.
  const calendar = await tx.businessCalendar.create({
    data: { ...CALENDAR, holidays: { createMany: { data: UK_BANK_HOLIDAYS } } },
    select: { id: true },
  });
  await tx.deadlinePolicy.create({
    data: {
      name: POLICY_NAME,
      isDefault: true,
      calendarId: calendar.id,
      targets: { createMany: { data: DEFAULT_TARGETS.map((t) => ({ ...t })) } },
    },
  });

  // Accounts and their contacts.
  const accounts = await tx.customerAccount.createManyAndReturn({
    data: plan.accounts.map((a) => ({
      crmId: a.crmId,
      name: a.name,
      segment: a.segment,
      ownerId: userId(a.ownerEmail),
      arrMinor: a.arrMinor,
      contractValueMinor: a.contractValueMinor,
      currency: a.currency,
      contractStart: a.contractStart,
      contractEnd: a.contractEnd,
      renewalDate: a.renewalDate,
      noticeDate: a.noticeDate,
      paymentStatus: a.paymentStatus,
      daysOverdue: a.daysOverdue,
      conductStatus: a.conductStatus,
      needsReview: a.needsReview,
      createdAt: a.createdAt,
    })),
    select: { id: true, crmId: true },
  });
  const accountIds = new Map(accounts.map((a) => [a.crmId, a.id]));
  const contacts = await tx.customerContact.createManyAndReturn({
    data: plan.accounts.flatMap((a) =>
      a.contacts.map((c) => ({
        accountId: accountIds.get(a.crmId)!,
        name: c.name,
        jobTitle: c.jobTitle,
        email: c.email,
        createdAt: a.createdAt,
      })),
    ),
    select: { id: true, accountId: true, name: true },
  });
  const contactIds = new Map(contacts.map((c) => [`${c.accountId}|${c.name}`, c.id]));

  // Reports and everything hanging off them, in batches (a query costs about a millisecond).
  const created = await tx.incident.createManyAndReturn({
    data: plan.incidents.map((inc) => ({
      reference: inc.reference,
      reporterId: userId(inc.reporterEmail),
      accountId: accountIds.get(inc.accountCrmId)!,
      occurredAt: inc.occurredAt,
      channel: inc.channel,
      reporterSeverity: inc.severity,
      assessedSeverity: inc.assessedSeverity,
      narrative: inc.narrative,
      impact: inc.impact,
      status: inc.status,
      outcome: inc.outcome,
      assigneeId: inc.assigneeEmail ? userId(inc.assigneeEmail) : null,
      acknowledgedAt: inc.acknowledgedAt,
      resolvedAt: inc.resolvedAt,
      createdAt: inc.createdAt,
    })),
    select: { id: true, reference: true },
  });
  const incidentIds = new Map(created.map((c) => [c.reference, c.id]));
  const each = <T>(rows: (inc: IncidentPlan, incidentId: string) => T[]) =>
    plan.incidents.flatMap((inc) => rows(inc, incidentIds.get(inc.reference)!));
  await tx.incidentCategory.createMany({
    data: each((inc, incidentId) => inc.categories.map((category) => ({ incidentId, category }))),
  });
  await tx.incidentContact.createMany({
    data: each((inc, incidentId) =>
      inc.contactNames.map((n) => ({
        incidentId,
        contactId: contactIds.get(`${accountIds.get(inc.accountCrmId)}|${n}`)!,
      })),
    ),
  });
  await tx.incidentWitness.createMany({
    data: each((inc, incidentId) =>
      inc.witnessEmails.map((e) => ({ incidentId, userId: userId(e) })),
    ),
  });
  await tx.incidentSupportRequest.createMany({
    data: each((inc, incidentId) => inc.supportKinds.map((kind) => ({ incidentId, kind }))),
  });
  await tx.incidentParticipant.createMany({
    data: each((inc, incidentId) => [
      ...(inc.assigneeEmail
        ? [
            {
              incidentId,
              userId: userId(inc.assigneeEmail),
              role: "HANDLER",
              addedAt: inc.createdAt,
            },
          ]
        : []),
      ...inc.hrEmails.map((e) => ({
        incidentId,
        userId: userId(e),
        role: "HR",
        addedAt: inc.createdAt,
      })),
    ]),
  });
  await tx.deadline.createMany({
    data: each((inc, incidentId) => [
      { incidentId, kind: "ACKNOWLEDGE", businessHours: true, ...inc.deadline },
    ]),
  });
  await refreshAllNextDue(tx);

  // Each timeline through the hash chain, in time order.
  for (const inc of plan.incidents) {
    const incidentId = incidentIds.get(inc.reference)!;
    for (const e of inc.events) {
      let data = e.data;
      if (e.type === "ASSIGNED") {
        data = {
          assigneeId: inc.assigneeEmail ? userId(inc.assigneeEmail) : null,
          hrIds: inc.hrEmails.map(userId),
          reason: "routing",
        };
      }
      if (e.action) {
        const a = e.action;
        const row = await tx.action.create({
          data: {
            incidentId,
            accountId: a.accountCrmId ? accountIds.get(a.accountCrmId) : null,
            catalogue: a.catalogue,
            type: a.type,
            ownerId: userId(a.ownerEmail),
            createdById: userId(a.createdByEmail),
            dueAt: a.dueAt,
            status: a.status,
            outcome: a.outcome,
            reason: a.catalogue === "SANCTION" ? a.text : null,
            createdAt: a.createdAt,
          },
          select: { id: true },
        });
        data = { actionId: row.id, ...data };
      }
      if (e.decision) {
        const d = e.decision;
        const row = await tx.decision.create({
          data: {
            accountId: accountIds.get(d.accountCrmId)!,
            incidentId,
            decision: d.decision,
            rationale: d.rationale,
            decidedById: userId(d.decidedByEmail),
            approverId: userId(d.approverEmail),
            employeesConsulted: d.employeesConsulted,
            createdAt: d.createdAt,
          },
          select: { id: true },
        });
        data = { decisionId: row.id, ...data, approverId: userId(d.approverEmail) };
      }
      await appendCaseEvent(tx, {
        incidentId,
        type: e.type,
        actorId: e.actorEmail ? userId(e.actorEmail) : null,
        at: e.at,
        visibleToReporter: e.visibleToReporter,
        data,
      });
    }
  }

  // OSHA (compliance2): HR has marked a few physical-aggression cases recordable, one of them a
  // privacy case, so the OSHA 300 log and 301 reports have entries. Threats and physical
  // aggression are already on the SB 553 violent incident log through their categories.
  const hrEmail = plan.people.find((p) => p.role === "HR")!.email;
  const recordable = plan.incidents
    .filter((i) => i.categories.includes("PHYSICAL_AGGRESSION") && i.status !== "SUBMITTED")
    .slice(0, 3);
  const perYear = new Map<number, number>();
  for (const [n, inc] of recordable.entries()) {
    const year = inc.occurredAt.getUTCFullYear();
    const caseNumber = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, caseNumber);
    // After the case's last step, so the timeline stays in time order.
    const last = inc.events.reduce((t, e) => Math.max(t, e.at.getTime()), inc.occurredAt.getTime());
    const at = new Date(Math.max(last, Math.min(now.getTime(), last + 3600_000)));
    const incidentId = incidentIds.get(inc.reference)!;
    const privacyCase = n === 1;
    await tx.oshaRecord.create({
      data: {
        incidentId,
        year,
        caseNumber,
        jobTitle: ["Field engineer", "Service technician", "Account manager"][n],
        location: [
          "Customer site, loading bay",
          "Customer site, reception",
          "Client office, meeting room",
        ][n],
        injuryDescription: ["Bruised left forearm", "Sprained right wrist", "Cut to the hand"][n],
        classification: n === 0 ? "DAYS_AWAY" : "OTHER_RECORDABLE",
        daysAway: n === 0 ? 2 : 0,
        daysRestricted: n === 2 ? 3 : 0,
        injuryType: "INJURY",
        privacyCase,
        treatedInEr: n === 0,
        hospitalized: false,
        whatHappened: "The customer pushed the employee during an argument about the work.",
        markedById: userId(hrEmail),
        markedAt: at,
        updatedAt: at,
      },
    });
    await appendCaseEvent(tx, {
      incidentId,
      type: "OSHA_RECORDABLE_MARKED",
      actorId: userId(hrEmail),
      at,
      data: {
        year,
        caseNumber,
        classification: n === 0 ? "DAYS_AWAY" : "OTHER_RECORDABLE",
        injuryType: "INJURY",
        privacyCase,
      },
    });
  }

  await tx.referenceCounter.createMany({ data: plan.counters });
}

/**
 * Seeds the demo organisation. Does nothing (and says so) when the database has users, so it
 * can run every time the demo starts. Returns the well-known logins either way.
 */
export async function seed(
  db: Db,
  opts: { now?: Date; log?: (s: string) => void } = {},
): Promise<{ logins: SeedLogin[] }> {
  const log = opts.log ?? (() => {});
  const logins = demoLogins();
  if ((await db.user.count()) > 0) {
    log("The database already has users; not seeding the demo data.");
    return { logins };
  }
  const started = Date.now();
  const now = opts.now ?? new Date();
  const plan = buildPlan(now);
  // argon2 is deliberately slow: hash the one demo password once for everybody.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // One transaction: a failed seed leaves an empty database, never half a demo.
  await db.$transaction((tx) => writePlan(tx, plan, passwordHash, now), {
    timeout: 300_000,
    maxWait: 30_000,
  });
  // The dashboard's kept figures (decision 115), from the incidents just written.
  await rebuildKeptFigures(db, now);
  const events = plan.incidents.reduce((s, i) => s + i.events.length, 0);
  log(
    `Seeded ${plan.people.length} people, ${plan.accounts.length} accounts, ` +
      `${plan.incidents.length} reports (${events} timeline events) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  return { logins };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quiet = process.env.SEED_QUIET === "1";
  try {
    const db = await getDb();
    const { logins } = await seed(db, { log: (s) => console.log(s) });
    if (!quiet) {
      console.log(`\nDemo logins (password: ${DEMO_PASSWORD}):`);
      for (const l of logins) console.log(`  ${l.role.padEnd(11)} ${l.email.padEnd(30)} ${l.name}`);
    }
  } catch (error) {
    console.error(
      `Seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  } finally {
    await disconnectDb();
  }
}
