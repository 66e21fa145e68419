// The raw-SQL baseline of the scale benchmark: a plain node:http server on the same database
// doing each measured page's essential reads (and the filing's inserts) in hand-written SQL,
// answering JSON. Same session check, same scope rules, same row limits as the app; no
// framework, no ORM, no HTML. The app's time over this one is what Remix, Prisma, React and the
// rest of the page cost (docs/decisions/120-scale-benchmark-on-both-databases.md).
//
// Run by scripts/bench/scale.ts: DATABASE_URL (file: or postgres://) and PORT in the environment.
import { randomUUID } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { GENESIS_HASH, hashEvent } from "~/domain/case-chain";
import { periodStart } from "~/domain/account-scoring";
import { formatReference } from "~/domain/reference";

const url = process.env.DATABASE_URL ?? "";
const port = Number(process.env.PORT ?? 3212);
const isPg = url.startsWith("postgres");
const PAGE = 50; // the queue's and the search's page size
const TYPEAHEAD = 20;

type Row = Record<string, unknown>;
type Run = (sql: string, params?: unknown[]) => Promise<Row[]>;

// One SQL text for both databases: `?` placeholders, numbered for PostgreSQL.
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
const lite = isPg ? null : new Database(url.replace(/^file:/, ""));
if (lite) {
  lite.pragma("journal_mode = WAL");
  lite.pragma("synchronous = FULL");
  lite.pragma("busy_timeout = 10000");
}
const pool = isPg ? new pg.Pool({ connectionString: url, max: 10 }) : null;
const cache = new Map<string, Database.Statement>();
const liteRun = (sql: string, params: unknown[] = []): Row[] => {
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = lite!.prepare(sql)));
  return st.reader ? (st.all(...params) as Row[]) : (st.run(...params), []);
};
const query: Run = async (sql, params = []) =>
  isPg ? (await pool!.query(numbered(sql), params)).rows : liteRun(sql, params);

/** A timestamp as each database stores it (the SQLite adapter writes ISO 8601 with +00:00). */
const ts = (d: Date) => (isPg ? d.toISOString() : d.toISOString().replace("Z", "+00:00"));
const bool = (b: boolean) => (isPg ? b : b ? 1 : 0);
const ILIKE = isPg ? "ILIKE" : "LIKE";
const MONTH = isPg ? `to_char(i."occurredAt", 'YYYY-MM')` : `substr(i."occurredAt", 1, 7)`;

type Viewer = {
  id: string;
  role: string;
  name: string;
  managedTeamIds: string[];
  /** Named in any case: only then does each case need the "not named in it" check. */
  named: boolean;
};

async function viewerOf(req: http.IncomingMessage): Promise<Viewer | null> {
  const sid = /(?:^|;\s*)portal_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  if (!sid) return null;
  const [u] = await query(
    `SELECT u."id", u."role", u."name" FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."id" = ? AND s."expiresAt" > ? AND u."active" = ?`,
    [sid, ts(new Date()), bool(true)],
  );
  if (!u) return null;
  const teams = await query(`SELECT "id" FROM "Team" WHERE "managerId" = ?`, [u.id]);
  const named = await query(`SELECT 1 FROM "IncidentNamedUser" WHERE "userId" = ? LIMIT 1`, [u.id]);
  return {
    id: String(u.id),
    role: String(u.role),
    name: String(u.name),
    managedTeamIds: teams.map((t) => String(t.id)),
    named: named.length > 0,
  };
}

/** The cases a handler may see (app/models/incident.server.ts handlerScopeSql), as SQL. */
function handlerScope(v: Viewer): { sql: string; params: unknown[] } {
  // The person named in no case (the common case) needs no per-case check for it.
  const notNamed = v.named
    ? `i."reporterId" <> ? AND NOT EXISTS (
    SELECT 1 FROM "IncidentNamedUser" n WHERE n."incidentId" = i."id" AND n."userId" = ?)`
    : `i."reporterId" <> ?`;
  const notNamedParams = v.named ? [v.id, v.id] : [v.id];
  if (v.role === "HR") return { sql: notNamed, params: notNamedParams };
  const teams = v.managedTeamIds.length
    ? ` UNION SELECT r."id" FROM "Incident" r JOIN "User" u ON u."id" = r."reporterId"
        WHERE u."teamId" IN (${v.managedTeamIds.map(() => "?").join(", ")})`
    : "";
  return {
    sql: `${notNamed} AND i."id" IN (SELECT a."id" FROM "Incident" a WHERE a."assigneeId" = ?
      UNION SELECT p."incidentId" FROM "IncidentParticipant" p WHERE p."userId" = ?${teams})`,
    params: [...notNamedParams, v.id, v.id, ...v.managedTeamIds],
  };
}

/**
 * What every page's header shows (app/root.tsx): a handler's overdue count; leadership's, while
 * a case is escalated to them.
 */
async function header(v: Viewer) {
  if (v.role === "EMPLOYEE") return { overdue: 0 };
  const counts = await openCounts(v, v.role === "LEADERSHIP");
  return { overdue: counts.overdue };
}

async function openCounts(v: Viewer, overdueOnlyIfOpen = false) {
  const s = handlerScope(v);
  const [open] = await query(
    `SELECT COUNT(*) AS n FROM "Incident" i WHERE i."nextDueAt" IS NOT NULL AND i."status" <> 'RESOLVED' AND ${s.sql}`,
    s.params,
  );
  if (overdueOnlyIfOpen && Number(open.n) === 0) return { open: 0, overdue: 0 };
  const [overdue] = await query(
    `SELECT COUNT(*) AS n FROM "Incident" i WHERE i."nextDueAt" IS NOT NULL AND i."nextDueAt" < ?
       AND i."status" <> 'RESOLVED' AND ${s.sql}`,
    [ts(new Date()), ...s.params],
  );
  return { open: Number(open.n), overdue: Number(overdue.n) };
}

/** The list columns of the given cases, in the given order. */
async function caseRows(ids: string[]) {
  if (ids.length === 0) return [];
  const marks = ids.map(() => "?").join(", ");
  const rows = await query(
    `SELECT i."id", i."reference", i."status", COALESCE(i."assessedSeverity", i."reporterSeverity") AS "severity",
       i."occurredAt", i."createdAt", i."nextDueAt", a."name" AS "accountName", h."name" AS "assigneeName",
       r."name" AS "reporterName"
     FROM "Incident" i JOIN "CustomerAccount" a ON a."id" = i."accountId"
     JOIN "User" r ON r."id" = i."reporterId" LEFT JOIN "User" h ON h."id" = i."assigneeId"
     WHERE i."id" IN (${marks})`,
    ids,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter(Boolean) as Row[];
}

async function queue(v: Viewer) {
  const s = handlerScope(v);
  const page = await query(
    `SELECT i."id" FROM "Incident" i WHERE i."nextDueAt" IS NOT NULL AND i."status" <> 'RESOLVED' AND ${s.sql}
     ORDER BY i."nextDueAt", i."id" LIMIT ${PAGE + 1}`,
    s.params,
  );
  const ids = page.slice(0, PAGE).map((r) => String(r.id));
  const rows = await caseRows(ids);
  const clocks = ids.length
    ? await query(
        `SELECT "incidentId", "kind", "dueAt" FROM "Deadline"
         WHERE "incidentId" IN (${ids.map(() => "?").join(", ")}) AND "metAt" IS NULL ORDER BY "dueAt"`,
        ids,
      )
    : [];
  return { ...(await openCounts(v)), items: rows, clocks, more: page.length > PAGE };
}

async function home(v: Viewer) {
  const reports = await query(
    `SELECT i."reference", i."status", i."reporterSeverity", i."createdAt", a."name" AS "accountName"
     FROM "Incident" i JOIN "CustomerAccount" a ON a."id" = i."accountId"
     WHERE i."reporterId" = ? ORDER BY i."createdAt" DESC LIMIT 5`,
    [v.id],
  );
  return { name: v.name, reports, queue: v.role === "EMPLOYEE" ? null : await openCounts(v) };
}

async function search(v: Viewer, q: string) {
  const terms = q.split(/\s+/).filter((t) => t.length >= 3);
  const s = handlerScope(v);
  const found = isPg
    ? await query(
        `SELECT i."id" FROM "IncidentSearch" s JOIN "Incident" i ON i."id" = s."incidentId"
         WHERE ${terms.map(() => `s."doc" LIKE "incident_search_fold"(?)`).join(" AND ")} AND ${s.sql}
         ORDER BY s."seq" DESC LIMIT ${PAGE + 1}`,
        [...terms.map((t) => `%${t}%`), ...s.params],
      )
    : await query(
        `SELECT i."id" FROM "IncidentSearchFts" f CROSS JOIN "IncidentSearch" s CROSS JOIN "Incident" i
         WHERE "IncidentSearchFts" MATCH ? AND s."id" = f.rowid AND i."id" = s."incidentId" AND ${s.sql}
         ORDER BY f.rowid DESC LIMIT ${PAGE + 1}`,
        [terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(" "), ...s.params],
      );
  return { rows: await caseRows(found.slice(0, PAGE).map((r) => String(r.id))) };
}

async function casePage(v: Viewer, reference: string) {
  const s = handlerScope(v);
  const [c] = await query(
    `SELECT i.*, a."name" AS "accountName", r."name" AS "reporterName" FROM "Incident" i
     JOIN "CustomerAccount" a ON a."id" = i."accountId" JOIN "User" r ON r."id" = i."reporterId"
     WHERE i."reference" = ? AND ${s.sql}`,
    [reference, ...s.params],
  );
  if (!c) return null;
  const id = [c.id];
  const [events, clocks, people, categories, contacts] = await Promise.all([
    query(
      `SELECT e."seq", e."type", e."at", e."data", e."visibleToReporter", e."prevHash", e."hash", u."name" AS "actor"
       FROM "CaseEvent" e LEFT JOIN "User" u ON u."id" = e."actorId" WHERE e."incidentId" = ? ORDER BY e."seq"`,
      id,
    ),
    query(
      `SELECT "kind", "dueAt", "metAt" FROM "Deadline" WHERE "incidentId" = ? ORDER BY "dueAt"`,
      id,
    ),
    query(
      `SELECT p."role", u."name" FROM "IncidentParticipant" p JOIN "User" u ON u."id" = p."userId" WHERE p."incidentId" = ?`,
      id,
    ),
    query(`SELECT "category" FROM "IncidentCategory" WHERE "incidentId" = ?`, id),
    query(
      `SELECT c."name" FROM "IncidentContact" ic JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = ?`,
      id,
    ),
  ]);
  return { case: c, events, clocks, people, categories, contacts };
}

function yearAgo(now: Date) {
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - 12);
  return from;
}

async function accountPage(v: Viewer, id: string) {
  const [account] = await query(`SELECT * FROM "CustomerAccount" WHERE "id" = ?`, [id]);
  if (!account) return null;
  const now = new Date();
  const notNamed = `NOT EXISTS (SELECT 1 FROM "IncidentNamedUser" n WHERE n."incidentId" = i."id" AND n."userId" = ?)`;
  const [contacts, months, open] = await Promise.all([
    query(
      `SELECT "id", "name", "jobTitle" FROM "CustomerContact" WHERE "accountId" = ? ORDER BY "name" LIMIT 200`,
      [id],
    ),
    query(
      `SELECT ${MONTH} AS "month", COALESCE(i."assessedSeverity", i."reporterSeverity") AS "severity", COUNT(*) AS "n"
       FROM "Incident" i WHERE i."accountId" = ? AND i."occurredAt" >= ? AND i."occurredAt" < ? AND ${notNamed}
       GROUP BY 1, 2`,
      [id, ts(yearAgo(now)), ts(now), v.id],
    ),
    query(
      `SELECT COUNT(*) AS "n" FROM "Incident" i WHERE i."accountId" = ? AND i."status" <> 'RESOLVED' AND ${notNamed}`,
      [id, v.id],
    ),
  ]);
  return {
    account: { ...account, arrMinor: String(account.arrMinor) },
    contacts,
    months,
    open: Number(open[0].n),
  };
}

/**
 * The leadership dashboard over 12 months from the kept figures, as the app reads them for a
 * viewer named in no case (app/models/account-stats.server.ts keptDashboardPage): the counts,
 * the two medians, the table's first 25 rows, the chart's 200 points and the months × severity.
 */
async function dashboard(v: Viewer) {
  if (v.named) return { named: true };
  const from = periodStart(12, new Date());
  const fromDay = from.toISOString().slice(0, 10);
  const [counts] = await query(
    `SELECT (SELECT COUNT(*) FROM "AccountFigure" WHERE "period" = 12) AS "active",
       (SELECT COUNT(*) FROM "CustomerAccount") AS "all",
       (SELECT SUM("incidents") FROM "IncidentDayCount" WHERE "day" >= ?) AS "incidents",
       (SELECT COUNT(*) FROM "ReporterFigure" WHERE "segment" = '' AND "lastOccurredAt" >= ?) AS "employees"`,
    [fromDay, ts(from)],
  );
  const middle = (sql: string, count: number) =>
    query(`${sql} LIMIT 2 OFFSET ${Math.max(0, Math.floor((count - 1) / 2))}`);
  const columns = `a."id", a."name", a."segment", a."currency", a."arrMinor", a."conductStatus",
    a."needsReview", p."incidents", p."score", p."employees", p."open"`;
  const [arrMedian, scoreMedian, rows, points, mix] = await Promise.all([
    middle(`SELECT "arrMinor" FROM "CustomerAccount" ORDER BY "arrMinor"`, Number(counts.all)),
    middle(
      `SELECT "score" FROM "AccountFigure" WHERE "period" = 12 ORDER BY "score"`,
      Number(counts.active),
    ),
    query(
      `SELECT ${columns} FROM "AccountFigure" p JOIN "CustomerAccount" a ON a."id" = p."accountId"
       WHERE p."period" = 12 ORDER BY p."score" DESC, a."name", a."id" LIMIT 25`,
    ),
    query(
      `SELECT ${columns} FROM "AccountFigure" p JOIN "CustomerAccount" a ON a."id" = p."accountId"
       WHERE p."period" = 12 ORDER BY p."score" DESC, a."arrMinor" DESC LIMIT 200`,
    ),
    query(
      `SELECT substr("day", 1, 7) AS "month", "severity", SUM("incidents") AS "n"
       FROM "IncidentDayCount" WHERE "day" >= ? GROUP BY 1, 2`,
      [fromDay],
    ),
  ]);
  return { counts, arrMedian, scoreMedian, rows, points, mix };
}

async function colleagues(v: Viewer, q: string) {
  return query(
    `SELECT u."id", u."name", t."name" AS "team" FROM "User" u LEFT JOIN "Team" t ON t."id" = u."teamId"
     WHERE u."active" = ? AND u."id" <> ? AND (u."name" ${ILIKE} ? OR t."name" ${ILIKE} ?)
     ORDER BY u."name" LIMIT ${TYPEAHEAD}`,
    [bool(true), v.id, `%${q}%`, `%${q}%`],
  );
}

async function accounts(q: string) {
  return query(
    `SELECT "id", "name" FROM "CustomerAccount" WHERE "conductStatus" <> 'TERMINATED' AND "name" ${ILIKE} ?
     ORDER BY "name" LIMIT ${TYPEAHEAD}`,
    [`%${q}%`],
  );
}

/** The filing: checks, then one transaction writing the case, its timeline, clocks and mail. */
async function file(v: Viewer, form: FormData): Promise<string | { error: string }> {
  const get = (k: string) => String(form.get(k) ?? "").trim();
  const key = get("submissionKey");
  const accountId = get("accountId");
  const contactId = get("contactId");
  const narrative = get("narrative");
  const severity = get("severity");
  const occurred = new Date(`${get("occurredAt")}:00Z`);
  if (!key || !narrative || !severity || Number.isNaN(occurred.getTime()))
    return { error: "missing fields" };
  const [account] = await query(`SELECT "id" FROM "CustomerAccount" WHERE "id" = ?`, [accountId]);
  if (!account) return { error: "no such account" };
  if (contactId) {
    const [c] = await query(
      `SELECT "id" FROM "CustomerContact" WHERE "id" = ? AND "accountId" = ?`,
      [contactId, accountId],
    );
    if (!c) return { error: "no such contact" };
  }
  const now = new Date();
  const [me] = await query(`SELECT "managerId", "email" FROM "User" WHERE "id" = ?`, [v.id]);
  const assignee = me?.managerId ? String(me.managerId) : null;
  const [handler] = assignee
    ? await query(`SELECT "email" FROM "User" WHERE "id" = ?`, [assignee])
    : [];

  const write = async (run: Run) => {
    const year = now.getUTCFullYear();
    const [counter] = await run(
      `INSERT INTO "ReferenceCounter" ("year", "last") VALUES (?, 1)
       ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1 RETURNING "last"`,
      [year],
    );
    const reference = formatReference(year, Number(counter.last));
    const id = randomUUID();
    const events = [
      { type: "SUBMITTED", actorId: v.id, data: JSON.stringify({ severity }), vis: true },
      {
        type: "ASSIGNED",
        actorId: null,
        data: JSON.stringify({ assigneeId: assignee }),
        vis: true,
      },
    ];
    let prev = GENESIS_HASH;
    const chain = events.map((e, k) => {
      const hash = hashEvent(prev, {
        incidentId: id,
        seq: k + 1,
        type: e.type,
        actorId: e.actorId,
        at: now,
        data: e.data,
        visibleToReporter: e.vis,
      });
      const row = [
        randomUUID(),
        id,
        k + 1,
        e.type,
        e.actorId,
        ts(now),
        e.data,
        bool(e.vis),
        prev,
        hash,
      ];
      prev = hash;
      return row;
    });
    const ackDue = new Date(now.getTime() + 4 * 3600_000);
    await run(
      `INSERT INTO "Incident" ("id", "reference", "submissionKey", "reporterId", "accountId", "occurredAt", "channel",
         "reporterSeverity", "narrative", "status", "assigneeId", "chainLength", "chainHead", "nextDueAt", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?, ?, ?)`,
      [
        id,
        reference,
        key,
        v.id,
        accountId,
        ts(occurred),
        get("channel"),
        severity,
        narrative,
        assignee,
        chain.length,
        prev,
        ts(ackDue),
        ts(now),
        ts(now),
      ],
    );
    for (const c of form.getAll("categories"))
      await run(`INSERT INTO "IncidentCategory" ("incidentId", "category") VALUES (?, ?)`, [
        id,
        String(c),
      ]);
    if (contactId)
      await run(`INSERT INTO "IncidentContact" ("incidentId", "contactId") VALUES (?, ?)`, [
        id,
        contactId,
      ]);
    if (assignee)
      await run(
        `INSERT INTO "IncidentParticipant" ("incidentId", "userId", "role", "addedAt") VALUES (?, ?, 'HANDLER', ?)`,
        [id, assignee, ts(now)],
      );
    for (const row of chain)
      await run(
        `INSERT INTO "CaseEvent" ("id", "incidentId", "seq", "type", "actorId", "at", "data", "visibleToReporter", "prevHash", "hash")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        row,
      );
    for (const [kind, minutes] of [
      ["ACKNOWLEDGE", 240],
      ["RESOLVE", 30 * 24 * 60],
    ] as const)
      await run(
        `INSERT INTO "Deadline" ("id", "incidentId", "kind", "sequence", "businessHours", "windowMinutes", "startedAt", "dueAt", "escalationLevel")
         VALUES (?, ?, ?, 0, ?, ?, ?, ?, 0)`,
        [
          randomUUID(),
          id,
          kind,
          bool(false),
          minutes,
          ts(now),
          ts(new Date(now.getTime() + minutes * 60_000)),
        ],
      );
    if (handler)
      await run(
        `INSERT INTO "Notification" ("id", "idempotencyKey", "recipientId", "toEmail", "template", "data", "incidentId", "nextAttemptAt", "createdAt")
         VALUES (?, ?, ?, ?, 'NEW_INCIDENT', ?, ?, ?, ?)`,
        [
          randomUUID(),
          `filed:${id}`,
          assignee,
          handler.email,
          JSON.stringify({ reference }),
          id,
          ts(now),
          ts(now),
        ],
      );
    return reference;
  };

  if (lite) {
    // One writer at a time (BEGIN IMMEDIATE), as the app's adapter does.
    lite.exec("BEGIN IMMEDIATE");
    try {
      const reference = await write(async (sql, params = []) => liteRun(sql, params));
      lite.exec("COMMIT");
      return reference;
    } catch (error) {
      lite.exec("ROLLBACK");
      throw error;
    }
  }
  const client = await pool!.connect();
  try {
    await client.query("BEGIN");
    const reference = await write(
      async (sql, params = []) => (await client.query(numbered(sql), params)).rows,
    );
    await client.query("COMMIT");
    return reference;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": typeof body === "string" ? "text/html; charset=utf-8" : "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readForm(req: http.IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Response(Buffer.concat(chunks), {
    headers: { "Content-Type": req.headers["content-type"] ?? "" },
  }).formData();
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const u = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  if (u.pathname === "/healthz") return send(res, 200, { ok: true });
  const v = await viewerOf(req);
  if (!v) return send(res, 401, { error: "sign in" });
  const path = u.pathname;
  const q = (u.searchParams.get("q") ?? "").trim().slice(0, 100);
  const canHandle = v.role !== "EMPLOYEE";
  if (req.method === "POST" && path === "/reports/new") {
    const result = await file(v, await readForm(req));
    if (typeof result !== "string") return send(res, 400, result);
    return send(res, 302, "", { Location: `/reports/${result}?filed=1` });
  }
  if (path === "/resources/colleagues")
    return send(res, 200, { colleagues: q ? await colleagues(v, q) : [] });
  if (path === "/resources/accounts") return send(res, 200, { accounts: await accounts(q) });
  // A page: its own reads and the header's (app/root.tsx), side by side as in the app.
  const page = async (): Promise<unknown> => {
    if (path === "/") return home(v);
    if (path === "/queue" && canHandle) return queue(v);
    if (path === "/hr/cases" && v.role === "HR") return search(v, q);
    if (path.startsWith("/cases/") && canHandle)
      return casePage(v, decodeURIComponent(path.slice("/cases/".length)));
    if (path.startsWith("/accounts/") && (v.role === "LEADERSHIP" || v.role === "HR"))
      return accountPage(v, decodeURIComponent(path.slice("/accounts/".length)));
    if (path === "/dashboard" && (v.role === "LEADERSHIP" || v.role === "HR")) return dashboard(v);
    if (path === "/reports/new") return { submissionKey: randomUUID() };
    return null;
  };
  const [body, head] = await Promise.all([page(), header(v)]);
  return body
    ? send(res, 200, { header: head, page: body })
    : send(res, 404, { error: "not found" });
}

http
  .createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, { error: "failed" });
    });
  })
  .listen(port, "127.0.0.1");
