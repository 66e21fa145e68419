import { keptWindows, SEVERITY_WEIGHTS, utcDay } from "~/domain/account-scoring";
import { SEVERITIES } from "~/domain/vocabulary";
import { providerOf, type Db, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { join, raw, sql, type Sql } from "~/utils/sql.server";

// Kept figures (docs/decisions/115-kept-figures.md). The dashboard and account pages read
// per-account figures over fixed windows, incidents per day and each reporter's latest incident
// from tables kept current here, in the transaction of every change that moves a figure:
//
// - filing (createIncident, the seed): noteIncidentsFiled
// - assessment (severity): noteSeverityChanging / noteSeverityChanged
// - resolution, reopening, retention purge (contacts detached): refreshAccountFigures
// - an account changing segment (admin, CSV import, CRM API): segment changes, below
// - time passing: moveKeptFiguresTo moves the windows to a new day (the worker, or the first
//   reader of a new day) and recomputes the accounts that moved, a batch per transaction
//
// rebuildKeptFigures recomputes everything (the scale generator, the seed, a repair).

const isPostgres = () => providerOf(getEnv().DATABASE_URL) === "postgresql";

/** The effective severity (assessed, else reported; unknown values count as LOW), as SQL. */
export const SEVERITY_SQL = raw(
  `CASE COALESCE(i."assessedSeverity", i."reporterSeverity") ${SEVERITIES.map(
    (s) => `WHEN '${s}' THEN '${s}'`,
  ).join(" ")} ELSE 'LOW' END`,
);

/** The effective severity's weight, as SQL (unknown values weigh as LOW, as in the domain). */
export const WEIGHT_SQL = raw(
  `CASE COALESCE(i."assessedSeverity", i."reporterSeverity") ${SEVERITIES.map(
    (s) => `WHEN '${s}' THEN ${SEVERITY_WEIGHTS[s]}`,
  ).join(" ")} ELSE ${SEVERITY_WEIGHTS.LOW} END`,
);

/** The UTC day of occurredAt as YYYY-MM-DD (SQLite stores ISO text; PostgreSQL a timestamp). */
function daySql(): Sql {
  return isPostgres()
    ? sql`to_char(i."occurredAt", 'YYYY-MM-DD')`
    : sql`substr(i."occurredAt", 1, 10)`;
}

// One statement computes an account's eight windows: every incident joins each window it falls
// in. The same statement (without the account filter) fills the tables in the migration.
const FIGURES_SELECT = sql`
  SELECT i."accountId", w."period", COUNT(*), SUM(${WEIGHT_SQL}), COUNT(DISTINCT i."reporterId"),
    (SELECT COUNT(*) FROM (
      SELECT c."contactId" FROM "IncidentContact" c JOIN "Incident" j ON j."id" = c."incidentId"
      WHERE j."accountId" = i."accountId" AND j."occurredAt" >= w."start"
      GROUP BY c."contactId" HAVING COUNT(*) >= 2) x),
    SUM(CASE WHEN i."status" <> 'RESOLVED' THEN 1 ELSE 0 END)
  FROM "Incident" i JOIN "KeptFigureWindow" w ON i."occurredAt" >= w."start"`;
const FIGURES_INSERT = sql`INSERT INTO "AccountFigure"
  ("accountId", "period", "incidents", "score", "employees", "repeatContacts", "open")`;
const FIGURES_GROUP = sql` GROUP BY i."accountId", w."period", w."start"`;

const CHUNK = 500;

/**
 * Recomputes the kept figures of these accounts from their incidents, over the stored windows.
 * Call it inside the transaction that changed one of their incidents, after the change.
 */
export async function refreshAccountFigures(tx: Tx, accountIds: readonly string[]) {
  const ids = [...new Set(accountIds)].sort();
  if (ids.length === 0) return;
  await lockAccountFigures(tx, ids);
  for (let k = 0; k < ids.length; k += CHUNK) {
    const part = join(ids.slice(k, k + CHUNK));
    await tx.$executeRaw(sql`DELETE FROM "AccountFigure" WHERE "accountId" IN (${part})`);
    await tx.$executeRaw(
      sql`${FIGURES_INSERT} ${FIGURES_SELECT} WHERE i."accountId" IN (${part}) ${FIGURES_GROUP}`,
    );
  }
}

/** Sorted account ids: the windows and these accounts' figures held until the transaction ends. */
async function lockAccountFigures(tx: Tx, ids: readonly string[]) {
  if (isPostgres()) {
    // The windows may not move under us (moveKeptFiguresTo holds them FOR UPDATE), and two
    // transactions refreshing one account take turns: the second then reads the first's case.
    // NO KEY UPDATE, not UPDATE: each filing already holds KEY SHARE on its account (the new
    // incident's foreign key), and two filings asking FOR UPDATE over those would deadlock.
    await tx.$queryRaw(sql`SELECT "period" FROM "KeptFigureWindow" FOR SHARE`);
    await tx.$queryRaw(
      sql`SELECT "id" FROM "CustomerAccount" WHERE "id" IN (${join([...ids])}) ORDER BY "id" FOR NO KEY UPDATE`,
    );
  }
}

/**
 * One new case (already inserted in this transaction) added to its account's figures in every
 * window it falls in, by index look-ups: +1 incident, its weight, +1 open, +1 employee unless
 * the reporter already had a case of the account in the window, +1 repeat contact for each of
 * its contacts that now has exactly two. Recomputing the account instead reads all its cases:
 * tens of milliseconds inside the write lock for an account with thousands.
 */
async function addCaseToAccountFigures(tx: Tx, incidentId: string) {
  const [row] = await tx.$queryRaw<{ accountId: string }[]>(
    sql`SELECT "accountId" FROM "Incident" WHERE "id" = ${incidentId}`,
  );
  if (!row) return;
  await lockAccountFigures(tx, [row.accountId]);
  // Each of the case's contacts' two latest other cases on the account, in one pass over that
  // contact's cases: the contact has just become a repeat contact in a window (exactly two,
  // with this one) when the latest is in it and the second latest is not. The windows are all
  // "since a start", so this answers every window at once.
  await tx.$executeRaw(sql`
    WITH "recent" AS (
      SELECT d."contactId", j."occurredAt",
        ROW_NUMBER() OVER (PARTITION BY d."contactId" ORDER BY j."occurredAt" DESC) AS "rn"
      FROM "IncidentContact" d JOIN "Incident" j ON j."id" = d."incidentId"
      WHERE d."contactId" IN (SELECT "contactId" FROM "IncidentContact" WHERE "incidentId" = ${incidentId})
        AND j."accountId" = ${row.accountId} AND j."id" <> ${incidentId}
    ), "others" AS MATERIALIZED (
      SELECT "contactId", MAX(CASE WHEN "rn" = 1 THEN "occurredAt" END) AS "latest",
        MAX(CASE WHEN "rn" = 2 THEN "occurredAt" END) AS "second"
      FROM "recent" WHERE "rn" <= 2 GROUP BY "contactId"
    )
    ${FIGURES_INSERT}
    SELECT i."accountId", w."period", 1, ${WEIGHT_SQL},
      CASE WHEN EXISTS (SELECT 1 FROM "Incident" o WHERE o."reporterId" = i."reporterId"
        AND o."accountId" = i."accountId" AND o."occurredAt" >= w."start" AND o."id" <> i."id")
        THEN 0 ELSE 1 END,
      (SELECT COUNT(*) FROM "others" x WHERE x."latest" >= w."start"
        AND (x."second" IS NULL OR x."second" < w."start")),
      CASE WHEN i."status" <> 'RESOLVED' THEN 1 ELSE 0 END
    FROM "Incident" i JOIN "KeptFigureWindow" w ON i."occurredAt" >= w."start"
    WHERE i."id" = ${incidentId}
    ON CONFLICT ("accountId", "period") DO UPDATE SET
      "incidents" = "AccountFigure"."incidents" + excluded."incidents",
      "score" = "AccountFigure"."score" + excluded."score",
      "employees" = "AccountFigure"."employees" + excluded."employees",
      "repeatContacts" = "AccountFigure"."repeatContacts" + excluded."repeatContacts",
      "open" = "AccountFigure"."open" + excluded."open"`);
}

/** Adds (+1) or removes (-1) the matching incidents in the per-day counts. */
async function adjustDayCounts(tx: Tx, where: Sql, sign: 1 | -1) {
  await tx.$executeRaw(sql`
    INSERT INTO "IncidentDayCount" ("day", "segment", "severity", "incidents")
    SELECT ${daySql()}, a."segment", ${SEVERITY_SQL}, ${raw(String(sign))} * COUNT(*)
    FROM "Incident" i JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE ${where}
    GROUP BY 1, 2, 3
    ON CONFLICT ("day", "segment", "severity")
    DO UPDATE SET "incidents" = "IncidentDayCount"."incidents" + excluded."incidents"`);
}

/** Reporters' latest incident, overall ("") and per segment, raised to these incidents'. */
async function raiseReporterFigures(tx: Tx, where: Sql) {
  await tx.$executeRaw(sql`
    INSERT INTO "ReporterFigure" ("reporterId", "segment", "lastOccurredAt")
    SELECT i."reporterId", a."segment", MAX(i."occurredAt")
    FROM "Incident" i JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE ${where} GROUP BY i."reporterId", a."segment"
    UNION ALL
    SELECT i."reporterId", '', MAX(i."occurredAt") FROM "Incident" i
    WHERE ${where} GROUP BY i."reporterId"
    ON CONFLICT ("reporterId", "segment") DO UPDATE SET "lastOccurredAt" =
      CASE WHEN excluded."lastOccurredAt" > "ReporterFigure"."lastOccurredAt"
      THEN excluded."lastOccurredAt" ELSE "ReporterFigure"."lastOccurredAt" END`);
}

/** New cases (already inserted in this transaction): every kept figure they move. */
export async function noteIncidentsFiled(tx: Tx, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return;
  const where = sql`i."id" IN (${join([...incidentIds])})`;
  if (incidentIds.length === 1) {
    // The report form's one case: added by index look-ups.
    await addCaseToAccountFigures(tx, incidentIds[0]);
  } else {
    // Several at once could share a reporter or a contact: their accounts are recomputed.
    const rows = await tx.$queryRaw<{ accountId: string }[]>(
      sql`SELECT DISTINCT i."accountId" AS "accountId" FROM "Incident" i WHERE ${where}`,
    );
    await refreshAccountFigures(
      tx,
      rows.map((r) => r.accountId),
    );
  }
  await adjustDayCounts(tx, where, 1);
  await raiseReporterFigures(tx, where);
}

/** Before a case's severity changes: takes it out of the per-day counts. */
export async function noteSeverityChanging(tx: Tx, incidentId: string) {
  await adjustDayCounts(tx, sql`i."id" = ${incidentId}`, -1);
}

/** After a case's severity changed: counts it back under its new severity, and the score. */
export async function noteSeverityChanged(tx: Tx, incidentId: string) {
  await adjustDayCounts(tx, sql`i."id" = ${incidentId}`, 1);
  await refreshIncidentAccount(tx, incidentId);
}

/** After a case's status or contacts changed (resolution, reopening, purge). */
export async function refreshIncidentAccount(tx: Tx, incidentId: string) {
  const row = await tx.incident.findUnique({
    where: { id: incidentId },
    select: { accountId: true },
  });
  if (row) await refreshAccountFigures(tx, [row.accountId]);
}

/**
 * Accounts about to change segment: which of `rows` (by CRM id, with the segment they are
 * about to get) really change. Pass the answer to segmentsChanging and segmentsChanged around
 * the update.
 */
export async function accountsChangingSegment(
  tx: Tx,
  rows: readonly { crmId: string; segment: string }[],
): Promise<string[]> {
  const next = new Map(rows.map((r) => [r.crmId, r.segment]));
  const changed: string[] = [];
  const crmIds = [...next.keys()];
  for (let k = 0; k < crmIds.length; k += CHUNK) {
    const current = await tx.customerAccount.findMany({
      where: { crmId: { in: crmIds.slice(k, k + CHUNK) } },
      select: { id: true, crmId: true, segment: true },
    });
    for (const a of current) if (next.get(a.crmId) !== a.segment) changed.push(a.id);
  }
  return changed;
}

/** Before accounts change segment: their incidents leave their old segment's day counts. */
export async function segmentsChanging(tx: Tx, accountIds: readonly string[]) {
  for (let k = 0; k < accountIds.length; k += CHUNK) {
    await adjustDayCounts(tx, sql`i."accountId" IN (${join(accountIds.slice(k, k + CHUNK))})`, -1);
  }
}

/** After accounts changed segment: day counts under the new one, reporters recomputed. */
export async function segmentsChanged(tx: Tx, accountIds: readonly string[]) {
  for (let k = 0; k < accountIds.length; k += CHUNK) {
    const accounts = join(accountIds.slice(k, k + CHUNK));
    await adjustDayCounts(tx, sql`i."accountId" IN (${accounts})`, 1);
    const reporters = sql`SELECT DISTINCT r."reporterId" FROM "Incident" r WHERE r."accountId" IN (${accounts})`;
    // A reporter's latest incident per segment: recomputed whole (a row may no longer exist).
    await tx.$executeRaw(
      sql`DELETE FROM "ReporterFigure" WHERE "reporterId" IN (${reporters}) AND "segment" <> ''`,
    );
    await raiseReporterFigures(tx, sql`i."reporterId" IN (${reporters})`);
  }
}

type WindowRow = { period: number; start: Date; day: Date };

async function storedWindows(db: Db | Tx, lock = ""): Promise<WindowRow[]> {
  const rows = await db.$queryRaw<{ period: unknown; start: unknown; day: unknown }[]>(
    sql`SELECT "period", "start", "day" FROM "KeptFigureWindow" ORDER BY "period"${raw(lock)}`,
  );
  return rows.map((r) => ({
    period: Number(r.period),
    start: new Date(r.start as string | Date),
    day: new Date(r.day as string | Date),
  }));
}

/** The day the kept figures are for (null before they were ever built). */
export async function keptFiguresDay(db: Db | Tx): Promise<Date | null> {
  return (await storedWindows(db))[0]?.day ?? null;
}

/**
 * Moves the kept windows to the day of `now` (UTC) if they are on another day, then recomputes
 * the accounts with an incident between a window's old and new start. The move itself is one
 * short transaction that also lists those accounts in KeptFigureBacklog; they are recomputed
 * BACKLOG_BATCH at a time, each batch in a transaction of its own, so a filing waits for one
 * batch at most, never for the whole move (at the large scale, thousands of accounts). Until an
 * account's batch runs, its figures are the previous day's windows. A move cut short (a crash)
 * is finished by the next call. Cheap when nothing is to do (two reads, no transaction). Returns whether it
 * moved the windows or recomputed any account.
 */
export async function moveKeptFiguresTo(db: Db, now = new Date()): Promise<boolean> {
  const day = utcDay(now);
  const current = await keptFiguresDay(db);
  let moved = false;
  if (!current || current.getTime() !== day.getTime()) {
    moved = await db.$transaction(async (tx) => {
      const old = await storedWindows(tx, isPostgres() ? " FOR UPDATE" : "");
      if (old[0] && old[0].day.getTime() === day.getTime()) return false;
      const next = keptWindows(day);
      const before = new Map(old.map((w) => [w.period, w.start]));
      if (old.length !== next.length || next.some((w) => !before.has(w.period))) {
        await tx.$executeRaw(sql`INSERT INTO "KeptFigureBacklog" ("accountId")
          SELECT "id" FROM "CustomerAccount" ON CONFLICT ("accountId") DO NOTHING`);
      } else {
        const ranges = next.flatMap((w) => {
          const a = before.get(w.period)!;
          if (a.getTime() === w.start.getTime()) return [];
          const [lo, hi] = a < w.start ? [a, w.start] : [w.start, a];
          return [sql`(i."occurredAt" >= ${lo} AND i."occurredAt" < ${hi})`];
        });
        if (ranges.length)
          await tx.$executeRaw(sql`INSERT INTO "KeptFigureBacklog" ("accountId")
            SELECT DISTINCT i."accountId" FROM "Incident" i WHERE ${join(ranges, " OR ")}
            ON CONFLICT ("accountId") DO NOTHING`);
      }
      await writeWindows(tx, next, day);
      return true;
    });
  }
  return (await drainKeptFigureBacklog(db)) > 0 || moved;
}

/** Accounts recomputed per transaction while a move's backlog drains. */
export const BACKLOG_BATCH = 50;

/**
 * Recomputes the accounts a move left in KeptFigureBacklog, a batch per transaction, until none
 * is left. Two processes may drain at once: each batch claims its accounts by deleting them.
 * Returns how many accounts it recomputed.
 */
export async function drainKeptFigureBacklog(db: Db): Promise<number> {
  let done = 0;
  // A read first: on SQLite every transaction here takes the write lock.
  const waiting = await db.$queryRaw<unknown[]>(sql`SELECT 1 FROM "KeptFigureBacklog" LIMIT 1`);
  if (waiting.length === 0) return 0;
  // On PostgreSQL a second drainer skips the batch the first holds instead of waiting for it.
  const skipLocked = raw(isPostgres() ? " FOR UPDATE SKIP LOCKED" : "");
  for (;;) {
    const claimed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ accountId: string }[]>(sql`
        DELETE FROM "KeptFigureBacklog" WHERE "accountId" IN (
          SELECT "accountId" FROM "KeptFigureBacklog" ORDER BY "accountId"
          LIMIT ${BACKLOG_BATCH}${skipLocked})
        RETURNING "accountId"`);
      await refreshAccountFigures(
        tx,
        rows.map((r) => r.accountId),
      );
      return rows.length;
    });
    if (claimed === 0) return done;
    done += claimed;
  }
}

async function writeWindows(tx: Tx, windows: { period: number; start: Date }[], day: Date) {
  for (const w of windows) {
    await tx.keptFigureWindow.upsert({
      where: { period: w.period },
      create: { period: w.period, start: w.start, day },
      update: { start: w.start, day },
    });
  }
}

/** Recomputes every kept figure from the incidents, for the day of `now`. */
export async function rebuildKeptFigures(db: Db, now = new Date()) {
  const day = utcDay(now);
  await db.$transaction(
    async (tx) => {
      if (isPostgres()) await tx.$queryRaw(sql`LOCK TABLE "KeptFigureWindow" IN EXCLUSIVE MODE`);
      await tx.$executeRaw(sql`DELETE FROM "KeptFigureWindow"`);
      await tx.$executeRaw(sql`DELETE FROM "KeptFigureBacklog"`);
      await writeWindows(tx, keptWindows(day), day);
      await tx.$executeRaw(sql`DELETE FROM "AccountFigure"`);
      await tx.$executeRaw(sql`${FIGURES_INSERT} ${FIGURES_SELECT} ${FIGURES_GROUP}`);
      await tx.$executeRaw(sql`DELETE FROM "IncidentDayCount"`);
      await adjustDayCounts(tx, sql`1 = 1`, 1);
      await tx.$executeRaw(sql`DELETE FROM "ReporterFigure"`);
      await raiseReporterFigures(tx, sql`1 = 1`);
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
}
