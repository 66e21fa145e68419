import { fts5Query, likeContains } from "~/domain/search-query";
import type { Viewer } from "~/domain/permissions";
import { getEnv } from "~/utils/env.server";
import { providerOf, type Db } from "~/utils/db.server";
import { join, sql, type Sql } from "~/utils/sql.server";
import {
  CASE_LIST_SELECT,
  CSV_MAX_ROWS,
  EXPORT_BATCH,
  recordListExport,
  toCaseListRow,
  type CaseFilters,
} from "./case-history.server";
import type { TFunction } from "i18next";
import { caseListCsv, caseListCsvRows, type CaseListRow } from "./case-export.server";
import { handlerScopeSql } from "./incident.server";

// HR's case search (docs/decisions/086-full-text-search.md): the filters, the permission rule
// (handlerScopeSql: nobody finds a case that names them or that they filed), the order and the
// paging are SQL; the text goes through the search index the migration keeps in step by triggers
// ("IncidentSearch": an FTS5 trigram table on SQLite, a pg_trgm GIN index on PostgreSQL).
// What is searchable: the reference, the reporter's name, the account's name, the narrative,
// the impact, the named customer contacts and the case messages.

export const SEARCH_PAGE_SIZE = 50;

/**
 * Where a page starts: the last case of the previous one. Without text the list is newest first
 * by when it happened (occurredAt, id); with text, newest first by when it was filed, which is
 * the search index's own key (`seq`), so the index hands matches over in page order.
 */
export type SearchCursor = { occurredAt: Date; id: string } | { seq: number };

export function cursorToParam(c: SearchCursor): string {
  return "seq" in c ? `s${c.seq}` : `${c.occurredAt.getTime()}.${c.id}`;
}

/** A cursor from the URL; anything malformed is the first page. */
export function cursorFromParam(param: string | null | undefined): SearchCursor | null {
  const text = /^s(\d{1,15})$/.exec(param ?? "");
  if (text) return { seq: Number(text[1]) };
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
 * A page of matching ids, newest filed first, per provider. Terms under three characters have
 * no trigrams: they only narrow what the others matched, tested on the document itself.
 */
function textQuery(terms: string[], where: Sql[], afterSeq: number | null, limit: number) {
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  if (providerOf(getEnv().DATABASE_URL) === "postgresql") {
    // The document is stored folded (lower case, no accents); the same function folds the
    // terms, a constant the planner reads the GIN index with. A common word walks the seq
    // index newest first and stops at a page; a rare one sorts its few matches.
    const text = [
      ...long.map((t) => sql`s."doc" LIKE "incident_search_fold"(${likeContains(t)})`),
      ...short.map((t) => sql`strpos(s."doc", "incident_search_fold"(${t})) > 0`),
    ];
    if (afterSeq !== null) text.push(sql`s."seq" < ${afterSeq}`);
    return sql`SELECT s."seq", i."id" FROM "IncidentSearch" s
      JOIN "Incident" i ON i."id" = s."incidentId"
      WHERE ${join([...text, ...where], " AND ")}
      ORDER BY s."seq" DESC LIMIT ${limit}`;
  }
  // FTS5 returns matches in rowid order, newest first, stopping at the LIMIT; CROSS JOIN keeps
  // it the outer loop. Each term is an FTS5 string ("…", quotes doubled): never syntax.
  const text = [
    sql`"IncidentSearchFts" MATCH ${fts5Query(long)}`,
    sql`s."id" = f.rowid`,
    sql`i."id" = s."incidentId"`,
    ...short.map((t) => sql`s."doc" LIKE ${likeContains(t)} ESCAPE '\\'`),
  ];
  if (afterSeq !== null) text.push(sql`f.rowid < ${afterSeq}`);
  return sql`SELECT s."id" AS "seq", i."id" FROM "IncidentSearchFts" f
    CROSS JOIN "IncidentSearch" s CROSS JOIN "Incident" i
    WHERE ${join([...text, ...where], " AND ")}
    ORDER BY f.rowid DESC LIMIT ${limit}`;
}

/**
 * One page of the cases HR may see that match the terms (all of them) and the filters: newest
 * first, keyed after `after`. `next` is the cursor of the following page, or null on the last.
 * `terms` come from parseSearch (app/domain/search-query.ts).
 */
export async function searchCases(
  db: Db,
  viewer: Viewer,
  opts: {
    terms?: string[];
    filters?: CaseFilters;
    after?: SearchCursor | null;
    take?: number;
  } = {},
): Promise<{ rows: CaseListRow[]; next: SearchCursor | null }> {
  const take = Math.min(Math.max(1, opts.take ?? SEARCH_PAGE_SIZE), EXPORT_BATCH);
  const where = [handlerScopeSql(viewer), ...filterSql(opts.filters ?? {})];
  const terms = opts.terms ?? [];
  const after = opts.after ?? null;
  let found: { id: string; seq?: number | bigint }[];
  if (terms.length > 0) {
    // A cursor from the other mode (the search changed) starts from the top.
    const afterSeq = after && "seq" in after ? after.seq : null;
    found = await db.$queryRaw(textQuery(terms, where, afterSeq, take + 1));
  } else {
    if (after && "occurredAt" in after)
      where.push(
        sql`(i."occurredAt" < ${after.occurredAt} OR (i."occurredAt" = ${after.occurredAt} AND i."id" < ${after.id}))`,
      );
    found = await db.$queryRaw(sql`
      SELECT i."id" FROM "Incident" i WHERE ${join(where, " AND ")}
      ORDER BY i."occurredAt" DESC, i."id" DESC
      LIMIT ${take + 1}`);
  }
  const page = found.slice(0, take);
  const loaded = await db.incident.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    select: CASE_LIST_SELECT,
  });
  const byId = new Map(loaded.map((r) => [r.id, r]));
  const rows = page
    .map((r) => byId.get(r.id))
    .filter((r) => r !== undefined)
    .map(toCaseListRow);
  const last = page.at(-1);
  const lastRow = rows.at(-1);
  let next: SearchCursor | null = null;
  if (found.length > take && last)
    next =
      last.seq !== undefined
        ? { seq: Number(last.seq) }
        : lastRow
          ? { occurredAt: lastRow.occurredAt, id: lastRow.id }
          : null;
  return { rows, next };
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
  /** The reader's language: headings and labels in it, codes as they are. */
  t?: TFunction,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = 0;
  let started = false;
  let after: SearchCursor | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode("\uFEFF" + caseListCsv([], t)));
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
      controller.enqueue(encoder.encode(caseListCsvRows(page.rows, t)));
      if (!after) controller.close();
    },
  });
}
