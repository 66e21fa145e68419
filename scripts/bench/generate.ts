// The scale data set for `npm run bench -- --scale <small|medium|large>`: the demo organisation
// (prisma/seed.ts, for its policy, calendar and well-known logins) plus a large employer around
// it, written straight into the SQLite file by prepared statements inside transactions.
// Deterministic for a given scale and `now` (a seeded PRNG). Timeline entries carry real hash
// chains, so the case pages verify them as they would in production.
import Database from "better-sqlite3";
import { hashEvent, GENESIS_HASH } from "~/domain/case-chain";
import { formatReference } from "~/domain/reference";
import { rebuildKeptFigures } from "~/models/kept-figures.server";
import { createDb } from "~/utils/db.server";
import { mulberry32, seed } from "../../prisma/seed";

export type ScaleName = "small" | "medium" | "large";

export type Scale = {
  incidents: number;
  accounts: number;
  contactsPerAccount: number;
  teams: number;
  teamSize: number; // the manager included
  hr: number;
  leadership: number;
};

// large is the data set: 1,000,000 incidents (72.6% in the last 12 months), 20,000
// accounts, 104,000 contacts, 40,000 people in 2,000 teams, 10% of cases open.
export const SCALES: Record<ScaleName, Scale> = {
  large: {
    incidents: 1_000_000,
    accounts: 20_000,
    contactsPerAccount: 5.2,
    teams: 2_000,
    teamSize: 20,
    hr: 40,
    leadership: 20,
  },
  medium: {
    incidents: 100_000,
    accounts: 2_000,
    contactsPerAccount: 5.2,
    teams: 200,
    teamSize: 20,
    hr: 10,
    leadership: 6,
  },
  small: {
    incidents: 3_000,
    accounts: 100,
    contactsPerAccount: 5.2,
    teams: 20,
    teamSize: 20,
    hr: 3,
    leadership: 3,
  },
};

export const SCALE_EMAIL_DOMAIN = "scale.example";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Who the benchmark logs in as, and what it opens. */
export type BenchTargets = {
  managerEmail: string;
  hrEmail: string;
  leadershipEmail: string;
  employeeEmail: string;
  openCaseReference: string;
  busyAccountId: string;
  counts: Record<string, number>;
};

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const pad = (n: number, w = 7) => String(n).padStart(w, "0");

const CHANNELS = ["PHONE", "VIDEO_CALL", "EMAIL", "CHAT", "IN_PERSON"];
const SEVERITIES = ["LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL"];
const CATEGORIES = ["VERBAL_ABUSE", "THREATS", "SEXUAL_HARASSMENT", "DISCRIMINATION"];
const OUTCOMES = ["ACTION_TAKEN", "NO_FURTHER_ACTION", "WARNING_ISSUED"];
const SEGMENTS = ["ENTERPRISE", "MID_MARKET", "SMB", "PUBLIC_SECTOR"];
const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Isla", "Jon"];
const LAST = ["Khan", "Lopez", "Meyer", "Novak", "Okafor", "Price", "Quinn", "Rossi", "Singh"];
// A surname spread over the alphabet, so pickers and sorting meet the whole range.
const surname = (n: number) =>
  `${String.fromCharCode(65 + (n % 26))}${LAST[n % LAST.length].toLowerCase()}-${pad(n, 5)}`;

export async function generateScaleData(
  url: string,
  scaleName: ScaleName,
  opts: { now?: Date; log?: (s: string) => void } = {},
): Promise<BenchTargets> {
  const log = opts.log ?? (() => {});
  const now = (opts.now ?? new Date()).getTime();
  const s = SCALES[scaleName];
  const rand = mulberry32(13_000 + s.incidents);

  // The demo organisation first: its default policy, calendar and logins.
  const prismaDb = await createDb(url);
  await seed(prismaDb, { now: new Date(now) });
  await prismaDb.$disconnect();

  const file = url.replace(/^file:/, "");
  const db = new Database(file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -200000");
  const { passwordHash } = db.prepare(`SELECT "passwordHash" FROM "User" LIMIT 1`).get() as {
    passwordHash: string;
  };
  const restoreAfterBulkLoad = setAsideForBulkLoad(db, BULK_TABLES);
  const counts: Record<string, number> = {};
  const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
  const t0 = Date.now();

  // People: leadership, HR, then teams of a manager and their employees.
  const insertUser = db.prepare(
    `INSERT INTO "User" (id, email, name, role, teamId, managerId, active, onLeave, passwordHash, passwordChangedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?)`,
  );
  const insertTeam = db.prepare(
    `INSERT INTO "Team" (id, name, managerId, createdAt) VALUES (?, ?, ?, ?)`,
  );
  const created = iso(now - 4 * 365 * DAY);
  const leadershipIds: string[] = [];
  const hrIds: string[] = [];
  const teamMembers: string[][] = [];
  const managerIds: string[] = [];
  let personNo = 0;
  const person = (
    id: string,
    email: string,
    role: string,
    teamId: string | null,
    mgr: string | null,
  ) => {
    const n = personNo++;
    insertUser.run(
      id,
      email,
      `${FIRST[n % FIRST.length]} ${surname(n)}`,
      role,
      teamId,
      mgr,
      passwordHash,
      created,
      created,
      created,
    );
    bump("people");
  };
  db.transaction(() => {
    for (let i = 0; i < s.leadership; i++) {
      const id = `sl${pad(i, 4)}`;
      person(id, `lead${pad(i, 4)}@${SCALE_EMAIL_DOMAIN}`, "LEADERSHIP", null, null);
      leadershipIds.push(id);
    }
    for (let i = 0; i < s.hr; i++) {
      const id = `sh${pad(i, 4)}`;
      person(
        id,
        `hr${pad(i, 4)}@${SCALE_EMAIL_DOMAIN}`,
        "HR",
        null,
        leadershipIds[i % s.leadership],
      );
      hrIds.push(id);
    }
    for (let t = 0; t < s.teams; t++) {
      const teamId = `st${pad(t, 5)}`;
      const mgr = `sm${pad(t, 5)}`;
      insertTeam.run(teamId, `Scale team ${pad(t, 5)}`, null, created);
      person(
        mgr,
        `manager${pad(t, 5)}@${SCALE_EMAIL_DOMAIN}`,
        "MANAGER",
        teamId,
        leadershipIds[t % s.leadership],
      );
      db.prepare(`UPDATE "Team" SET managerId = ? WHERE id = ?`).run(mgr, teamId);
      managerIds.push(mgr);
      const members: string[] = [];
      for (let m = 1; m < s.teamSize; m++) {
        const id = `se${pad(t * s.teamSize + m)}`;
        person(
          id,
          `employee${pad(t * s.teamSize + m)}@${SCALE_EMAIL_DOMAIN}`,
          "EMPLOYEE",
          teamId,
          mgr,
        );
        members.push(id);
      }
      teamMembers.push(members);
    }
    bump("teams", s.teams);
  })();

  // Accounts and their contacts.
  const insertAccount = db.prepare(
    `INSERT INTO "CustomerAccount" (id, crmId, name, segment, ownerId, arrMinor, contractValueMinor, currency, paymentStatus, daysOverdue, conductStatus, needsReview, needsConfirmation, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'USD', 'CURRENT', 0, 'GOOD', 0, 0, ?, ?)`,
  );
  const insertContact = db.prepare(
    `INSERT INTO "CustomerContact" (id, accountId, name, jobTitle, email, needsConfirmation, createdAt)
     VALUES (?, ?, ?, 'Buyer', ?, 0, ?)`,
  );
  const contactsOf: string[][] = [];
  db.transaction(() => {
    let c = 0;
    for (let a = 0; a < s.accounts; a++) {
      const id = `sa${pad(a, 6)}`;
      const arr = BigInt(Math.floor(10_000 + rand() * 5_000_000)) * 100n;
      insertAccount.run(
        id,
        `SCALE-${pad(a, 6)}`,
        `${LAST[a % LAST.length]} ${["Retail", "Foods", "Logistics", "Health", "Media"][a % 5]} ${pad(a, 6)}`,
        SEGMENTS[a % SEGMENTS.length],
        leadershipIds[a % leadershipIds.length],
        arr,
        arr * 2n,
        created,
        created,
      );
      const n = Math.floor(s.contactsPerAccount) + (rand() < s.contactsPerAccount % 1 ? 1 : 0);
      const ids: string[] = [];
      for (let k = 0; k < n; k++, c++) {
        const cid = `sc${pad(c)}`;
        insertContact.run(
          cid,
          id,
          `${FIRST[c % FIRST.length]} ${surname(c)}`,
          `contact${c}@customer.example`,
          created,
        );
        ids.push(cid);
      }
      contactsOf.push(ids);
      bump("contacts", n);
    }
    bump("accounts", s.accounts);
  })();
  log(`people, teams, accounts, contacts: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Incidents, oldest first: 72.6% in the last 12 months, the rest over the three years before;
  // the newest 10% are open.
  const insertIncident = db.prepare(
    `INSERT INTO "Incident" (id, reference, reporterId, accountId, occurredAt, channel, reporterSeverity, assessedSeverity, narrative, status, outcome, assigneeId, acknowledgedAt, resolvedAt, chainLength, chainHead, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCategory = db.prepare(
    `INSERT INTO "IncidentCategory" (incidentId, category) VALUES (?, ?)`,
  );
  const insertIncContact = db.prepare(
    `INSERT INTO "IncidentContact" (incidentId, contactId) VALUES (?, ?)`,
  );
  const insertParticipant = db.prepare(
    `INSERT INTO "IncidentParticipant" (incidentId, userId, role, addedAt) VALUES (?, ?, ?, ?)`,
  );
  const insertDeadline = db.prepare(
    `INSERT INTO "Deadline" (id, incidentId, kind, sequence, businessHours, windowMinutes, startedAt, dueAt, remindAt, metAt, escalationLevel)
     VALUES (?, ?, ?, 0, 0, ?, ?, ?, NULL, ?, 0)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO "CaseEvent" (id, incidentId, seq, type, actorId, at, data, visibleToReporter, prevHash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const recentShare = 0.726;
  const openFrom = Math.floor(s.incidents * 0.9);
  // Each year's numbering continues after the demo's reports.
  const yearCounters = new Map<number, number>(
    (
      db.prepare(`SELECT year, last FROM "ReferenceCounter"`).all() as {
        year: number;
        last: number;
      }[]
    ).map((r) => [r.year, r.last]),
  );
  let deadlineNo = 0;
  let eventNo = 0;
  let openCaseReference = "";
  const BATCH = 5_000;
  const accountDraw = () => Math.floor(s.accounts * rand() ** 2); // a few busy accounts

  const writeIncident = (i: number) => {
    // Time: index order is time order.
    const f = i / s.incidents;
    const occurred =
      f < 1 - recentShare
        ? now - 4 * 365 * DAY + (f / (1 - recentShare)) * 3 * 365 * DAY
        : now - 365 * DAY + ((f - (1 - recentShare)) / recentShare) * (365 * DAY - HOUR);
    const createdMs = Math.floor(occurred + 30 * MINUTE * rand());
    const year = new Date(createdMs).getUTCFullYear();
    const seqNo = (yearCounters.get(year) ?? 0) + 1;
    yearCounters.set(year, seqNo);
    const id = `si${pad(i)}`;
    const reference = formatReference(year, seqNo);
    const team = Math.floor(rand() * s.teams);
    const reporter = teamMembers[team][Math.floor(rand() * teamMembers[team].length)];
    const assignee = managerIds[team];
    const hr = hrIds[i % hrIds.length];
    const a = accountDraw();
    const contact = contactsOf[a][Math.floor(rand() * contactsOf[a].length)];
    const severity = SEVERITIES[Math.floor(rand() * SEVERITIES.length)];
    const open = i >= openFrom;
    const openStatus = ["SUBMITTED", "ACKNOWLEDGED", "IN_PROGRESS", "IN_PROGRESS", "ACKNOWLEDGED"][
      i % 5
    ];
    const status = open ? openStatus : "RESOLVED";
    const acknowledged = status !== "SUBMITTED";
    const ackMs = createdMs + 2 * HOUR;
    const resolvedMs = Math.min(createdMs + (3 + rand() * 20) * DAY, now - HOUR);

    // Timeline: submitted, assigned, (acknowledged, assessed), notes and updates, (resolved).
    const events: {
      type: string;
      actorId: string | null;
      at: number;
      data: object;
      vis: boolean;
    }[] = [
      {
        type: "SUBMITTED",
        actorId: reporter,
        at: createdMs,
        data: { severity, channel: CHANNELS[i % 5] },
        vis: true,
      },
      {
        type: "ASSIGNED",
        actorId: null,
        at: createdMs,
        data: { assigneeId: assignee, hrIds: [hr], reason: "routing" },
        vis: true,
      },
    ];
    if (acknowledged) {
      events.push({ type: "ACKNOWLEDGED", actorId: assignee, at: ackMs, data: {}, vis: true });
      events.push({
        type: "SEVERITY_ASSESSED",
        actorId: assignee,
        at: ackMs,
        data: { severity, categories: [CATEGORIES[i % 4]] },
        vis: false,
      });
    }
    const extra = (open ? 4 : 8) + (i % 7);
    const span = (open ? now - createdMs : resolvedMs - createdMs) - 3 * HOUR;
    for (let k = 0; k < extra; k++) {
      const at = ackMs + Math.floor((span * (k + 1)) / (extra + 1));
      events.push(
        k % 2
          ? {
              type: "REPORTER_UPDATED",
              actorId: assignee,
              at,
              data: { text: `Update ${k + 1} on the case.` },
              vis: true,
            }
          : {
              type: "NOTE",
              actorId: assignee,
              at,
              data: { text: `Called the customer's manager (${k + 1}).` },
              vis: false,
            },
      );
    }
    if (!open)
      events.push({
        type: "RESOLVED",
        actorId: assignee,
        at: resolvedMs,
        data: { outcome: OUTCOMES[i % 3] },
        vis: true,
      });

    let prev = GENESIS_HASH;
    const rows: unknown[][] = [];
    events.forEach((e, k) => {
      const data = JSON.stringify(e.data);
      const ev = {
        incidentId: id,
        seq: k + 1,
        type: e.type,
        actorId: e.actorId,
        at: new Date(e.at),
        data,
        visibleToReporter: e.vis,
      };
      const hash = hashEvent(prev, ev);
      rows.push([
        `sv${pad(eventNo++, 9)}`,
        id,
        k + 1,
        e.type,
        e.actorId,
        iso(e.at),
        data,
        e.vis ? 1 : 0,
        prev,
        hash,
      ]);
      prev = hash;
    });
    insertIncident.run(
      id,
      reference,
      reporter,
      `sa${pad(a, 6)}`,
      iso(occurred),
      CHANNELS[i % 5],
      severity,
      acknowledged ? severity : null,
      `Scale report ${i}: the customer shouted at me on a call and threatened to have me fired.`,
      status,
      open ? null : OUTCOMES[i % 3],
      assignee,
      acknowledged ? iso(ackMs) : null,
      open ? null : iso(resolvedMs),
      events.length,
      prev,
      iso(createdMs),
      iso(open ? now - HOUR : resolvedMs),
    );
    for (const r of rows) insertEvent.run(...r);
    bump("events", rows.length);
    insertCategory.run(id, CATEGORIES[i % 4]);
    insertIncContact.run(id, contact);
    insertParticipant.run(id, assignee, "HANDLER", iso(createdMs));
    insertParticipant.run(id, hr, "HR", iso(createdMs));

    // Clocks: met on resolved cases; on open ones about 2.4 running, the older ones overdue.
    const clock = (kind: string, minutes: number, running: boolean, metMs: number) => {
      const due = createdMs + minutes * MINUTE;
      insertDeadline.run(
        `sd${pad(deadlineNo++, 8)}`,
        id,
        kind,
        minutes,
        iso(createdMs),
        iso(due),
        running ? null : iso(metMs),
      );
      bump(running ? "openClocks" : "metClocks");
      if (running && due < now) bump("overdueClocks");
    };
    clock("ACKNOWLEDGE", 4 * 60, !acknowledged, ackMs);
    if (open) {
      if (i % 2 === 0) clock("FIRST_PROTECTIVE_ACTION", 24 * 60, true, 0);
      if (i % 2 === 1) clock("REPORTER_UPDATE", 3 * 24 * 60, true, 0);
      clock("RESOLVE", 30 * 24 * 60, true, 0);
      bump("openCases");
      openCaseReference = reference;
    } else {
      clock("RESOLVE", 30 * 24 * 60, false, resolvedMs);
      if (occurred > now - 365 * DAY) bump("incidentsLast12Months");
    }
  };

  for (let start = 0; start < s.incidents; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(start + BATCH, s.incidents); i++) writeIncident(i);
    })();
    if ((start / BATCH) % 20 === 19)
      log(`  ${start + BATCH} incidents, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  bump("incidents", s.incidents);
  // Later filings continue each year's numbering.
  const counter = db.prepare(
    `INSERT INTO "ReferenceCounter" (year, last) VALUES (?, ?)
     ON CONFLICT(year) DO UPDATE SET last = excluded.last`,
  );
  db.transaction(() => {
    for (const [year, last] of yearCounters) counter.run(year, last);
  })();
  const t2 = Date.now();
  restoreAfterBulkLoad();
  log(`indexes, search index and triggers rebuilt: ${((Date.now() - t2) / 1000).toFixed(1)} s`);
  // Each open case's earliest running clock, as app/models/deadline.server.ts keeps it, in one
  // grouped pass over the running clocks: a correlated MIN per case let the planner walk the
  // clocks in due order for each of the 100,000 open cases (hours at the large scale).
  db.exec(`UPDATE "Incident" SET "nextDueAt" = m."due"
    FROM (SELECT "incidentId", MIN("dueAt") AS "due" FROM "Deadline" WHERE "metAt" IS NULL
          GROUP BY "incidentId") AS m
    WHERE m."incidentId" = "Incident"."id" AND "Incident"."status" <> 'RESOLVED'`);
  db.pragma("journal_mode = WAL");
  db.close();
  log(`incidents and timelines: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The kept figures (decision 115): the rows above were written around the app.
  const t1 = Date.now();
  const figuresDb = await createDb(url);
  await rebuildKeptFigures(figuresDb, new Date(now));
  await figuresDb.$disconnect();
  log(`kept figures: ${((Date.now() - t1) / 1000).toFixed(1)} s`);

  const busiest = 0; // accountDraw() favours the first accounts
  return {
    managerEmail: `manager${pad(0, 5)}@${SCALE_EMAIL_DOMAIN}`,
    hrEmail: `hr${pad(0, 4)}@${SCALE_EMAIL_DOMAIN}`,
    leadershipEmail: `lead${pad(0, 4)}@${SCALE_EMAIL_DOMAIN}`,
    employeeEmail: `employee${pad(1)}@${SCALE_EMAIL_DOMAIN}`,
    openCaseReference,
    busyAccountId: `sa${pad(busiest, 6)}`,
    counts,
  };
}

// The tables the generator fills by the million. Writing them with their secondary indexes and
// triggers in place costs a B-tree update per index and a search-document rebuild (two FTS
// writes) per row; building each index once over the loaded rows is several times faster.
const BULK_TABLES = [
  "Incident",
  "CaseEvent",
  "Deadline",
  "IncidentParticipant",
  "IncidentContact",
  "IncidentCategory",
];

/**
 * Drops every trigger and the bulk tables' secondary indexes; the function it returns creates
 * them again from their own SQL and builds the search documents of the rows written meanwhile
 * with the statement of the migration's insert trigger, so the data ends as the app would write it.
 */
function setAsideForBulkLoad(db: Database.Database, tables: string[]): () => void {
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`)
    .all() as { name: string; sql: string }[];
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${tables.map(() => "?").join(", ")})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  const onInsert = triggers.find((t) => t.name === "IncidentSearch_incident_insert");
  const body = onInsert?.sql.match(/\bBEGIN\b([\s\S]*);\s*END\s*;?\s*$/i)?.[1];
  const perCase = 'WHERE i."id" = NEW."id"';
  if (!body?.includes(perCase))
    throw new Error("The search trigger changed: update setAsideForBulkLoad in generate.ts.");
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  return () => {
    for (const i of indexes) db.exec(i.sql);
    // Filing order is search order (the search table's id): rowid order is insertion order.
    db.exec(
      body.replace(
        perCase,
        `WHERE NOT EXISTS (SELECT 1 FROM "IncidentSearch" s WHERE s."incidentId" = i."id") ORDER BY i.rowid`,
      ),
    );
    db.exec(`INSERT INTO "IncidentSearchFts" ("IncidentSearchFts") VALUES ('rebuild')`);
    for (const t of triggers) db.exec(t.sql);
  };
}
