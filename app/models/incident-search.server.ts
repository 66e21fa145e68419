import { fts5Query, likeContains } from "~/domain/search-query";
import type { Viewer } from "~/domain/permissions";
import { getEnv } from "~/utils/env.server";
import { providerOf, type Db } from "~/utils/db.server";
import { empty, join, sql, type Sql } from "~/utils/sql.server";
import {
  CASE_LIST_SELECT,
  CSV_MAX_ROWS,
  EXPORT_BATCH,
  recordListExport,
  toCaseListRow,
  type CaseFilters,
} from "./case-history.server";
import { caseListCsv, caseListCsvRows, type CaseListRow } from "./case-export.server";
import { handlerScopeSql } from "./incident.server";

// HR's case search (docs/decisions/086-full-text-search.md): the filters, the permission rule
// (handlerScopeSql: nobody finds a case that names them or that they filed) and the order are
// SQL; the text goes through the search index the migration keeps in step by triggers
// ("IncidentSearch": an FTS5 trigram table on SQLite, a pg_trgm GIN index on PostgreSQL).
// What is searchable: the reference, the reporter's name, the account's name, the narrative,
// the impact, the named customer contacts and the case messages.

export const SEARCH_PAGE_SIZE = 50;

/** Where a page starts: the last case of the previous one (newest first). */
export type SearchCursor = { occurredAt: Date; id: string };

/**
 * Above this many index matches a term is common: walking the cases newest first and testing
 * each against the index finds a page sooner than sorting every match. Below it, the matches
 * are few enough to fetch and sort.
 */
export const COMMON_MATCHES = 2000;

export function cursorToParam(c: SearchCursor): string {
  return `${c.occurredAt.getTime()}.${c.id}`;
}

/** A cursor from the URL; anything malformed is the first page. */
export function cursorFromParam(param: string | null | undefined): SearchCursor | null {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(param ?? "");
  if (!m) return null;
  const occurredAt = new Date(Number(m[1]));
  return Number.isNaN(occurredAt.getTime()) ? null : { occurredAt, id: m[2] };
}

function filterSql(f: CaseFilters): Sql[] {
  const where: Sql[] = [];
  if (f.from) where.push(sql`i."occurredAt" >= ${f.from}`);
  if (f.to) where.push(sql`i."occurredAt" < ${f.to}`);
  if (f.severity)
    where.push(sql`COALESCE(i."assessedSeverity", i."reporterSeverity") = ${f.severity}`);
  if (f.category)
    where.push(sql`EXISTS (SELECT 1 FROM "IncidentCategory" c
      WHERE c."incidentId" = i."id" AND c."category" = ${f.category})`);
  if (f.status) where.push(sql`i."status" = ${f.status}`);
  if (f.teamId)
    where.push(
      sql`EXISTS (SELECT 1 FROM "User" r WHERE r."id" = i."reporterId" AND r."teamId" = ${f.teamId})`,
    );
  if (f.accountId) where.push(sql`i."accountId" = ${f.accountId}`);
  if (f.reporterId) where.push(sql`i."reporterId" = ${f.reporterId}`);
  if (f.contactId)
    where.push(sql`EXISTS (SELECT 1 FROM "IncidentContact" ic
      WHERE ic."incidentId" = i."id" AND ic."contactId" = ${f.contactId})`);
  return where;
}

/**
 * The text part, per provider. `short` terms (under three characters) have no trigrams: they
 * only narrow what the others matched, tested on the document itself.
 */
function textSql(terms: string[]) {
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  if (providerOf(getEnv().DATABASE_URL) === "postgresql") {
    // The document is stored folded (lower case, no accents); the same function folds the
    // terms, a constant the planner reads the GIN index with.
    const matches = join(
      [
        ...long.map((t) => sql`s."doc" LIKE "incident_search_fold"(${likeContains(t)})`),
        ...short.map((t) => sql`strpos(s."doc", "incident_search_fold"(${t})) > 0`),
      ],
      " AND ",
    );
    return {
      // Cases matching, for the bounded count and the text-first plan.
      matching: sql`SELECT s."incidentId" FROM "IncidentSearch" s WHERE ${matches}`,
      // One case tested against the text: the index-walk plan.
      test: sql`EXISTS (SELECT 1 FROM "IncidentSearch" s WHERE s."incidentId" = i."id" AND ${matches})`,
    };
  }
  const shortSql = short.length
    ? join(
        short.map((t) => sql` AND s."doc" LIKE ${likeContains(t)} ESCAPE '\\'`),
        "",
      )
    : empty;
  const match = fts5Query(long);
  return {
    matching: sql`SELECT s."incidentId" FROM "IncidentSearchFts" f
      CROSS JOIN "IncidentSearch" s
      WHERE "IncidentSearchFts" MATCH ${match} AND s."id" = f.rowid${shortSql}`,
    // FTS5 answers MATCH with rowid = ? by seeking that row in each term's list.
    test: sql`EXISTS (SELECT 1 FROM "IncidentSearch" s CROSS JOIN "IncidentSearchFts" f
      WHERE s."incidentId" = i."id" AND f.rowid = s."id" AND "IncidentSearchFts" MATCH ${match}${shortSql})`,
  };
}

/**
 * One page of the cases HR may see that match the terms (all of them) and the filters, newest
 * first, keyed by (occurredAt, id) after `after`. `next` is the cursor of the following page,
 * or null on the last. `terms` come from parseSearch (app/domain/search-query.ts).
 */
export async function searchCases(
  db: Db,
  viewer: Viewer,
  opts: {
    terms?: string[];
    filters?: CaseFilters;
    after?: SearchCursor | null;
    take?: number;
    /** COMMON_MATCHES unless told (tests reach both plans with a few cases). */
    commonMatches?: number;
  } = {},
): Promise<{ rows: CaseListRow[]; next: SearchCursor | null }> {
  const take = Math.min(Math.max(1, opts.take ?? SEARCH_PAGE_SIZE), EXPORT_BATCH);
  const where = [handlerScopeSql(viewer), ...filterSql(opts.filters ?? {})];
  const a = opts.after;
  if (a)
    where.push(
      sql`(i."occurredAt" < ${a.occurredAt} OR (i."occurredAt" = ${a.occurredAt} AND i."id" < ${a.id}))`,
    );
  const terms = opts.terms ?? [];
  if (terms.length > 0) {
    const text = textSql(terms);
    const common = opts.commonMatches ?? COMMON_MATCHES;
    const [{ n }] = await db.$queryRaw<{ n: number | bigint }[]>(
      sql`SELECT COUNT(*) AS n FROM (${text.matching} LIMIT ${common}) m`,
    );
    if (Number(n) < common) {
      // Few matches: start from them (by the primary key), then sort what passes.
      where.push(sql`i."id" IN (${text.matching})`);
    } else {
      // A common term: walk the cases newest first (the occurredAt index) testing each.
      where.push(text.test);
    }
  }
  const ids = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT i."id" FROM "Incident" i WHERE ${join(where, " AND ")}
    ORDER BY i."occurredAt" DESC, i."id" DESC
    LIMIT ${take + 1}`);
  const page = ids.slice(0, take).map((r) => r.id);
  const found = await db.incident.findMany({
    where: { id: { in: page } },
    select: CASE_LIST_SELECT,
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = page
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map(toCaseListRow);
  const last = rows.at(-1);
  return {
    rows,
    next: ids.length > take && last ? { occurredAt: last.occurredAt, id: last.id } : null,
  };
}

/**
 * The case list CSV as a stream: the header, then EXPORT_BATCH cases at a time (keyed paging
 * over searchCases), each batch recorded on its cases' timelines (one short transaction) just
 * before its rows are sent. At most CSV_MAX_ROWS cases; memory and lock time stay one batch's
 * worth.
 */
export function caseListCsvStream(
  db: Db,
  viewer: Viewer & { id: string },
  search: { terms: string[]; filters: CaseFilters },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = 0;
  let started = false;
  let after: SearchCursor | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode("\uFEFF" + caseListCsv([])));
        return;
      }
      const take = Math.min(EXPORT_BATCH, CSV_MAX_ROWS - sent);
      const page =
        take > 0
          ? await searchCases(db, viewer, { ...search, after, take })
          : { rows: [], next: null };
      if (page.rows.length === 0) {
        controller.close();
        return;
      }
      await recordListExport(db, { incidentIds: page.rows.map((r) => r.id), actorId: viewer.id });
      sent += page.rows.length;
      after = page.next;
      controller.enqueue(encoder.encode(caseListCsvRows(page.rows)));
      if (!after) controller.close();
    },
  });
}
