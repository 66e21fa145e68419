// Reads back the statements the app ran while the benchmark opened each page once (the app's
// QUERY_LOG_FILE, app/utils/db.server.ts) and asks the database for each one's plan: SQLite's
// EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN (FORMAT JSON), with the statement's own parameters.
// A plan "scans" when it reads a whole table (or walks a whole index) of more than
// BIG_TABLE rows; the benchmark prints those with the pages that ran them.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";

export const BIG_TABLE = 10_000;

export type LoggedStatement = { sql: string; params: unknown[]; page: string };
export type PlanFinding = { pages: string[]; sql: string; scans: string[] };
export type PlanReport = { statements: number; findings: PlanFinding[]; failed: PlanFinding[] };

/** The log's lines from `fromLine` on, each tagged with the page that ran it. */
export function readQueryLog(file: string, fromLine: number, page: string) {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  } catch {
    return { statements: [] as LoggedStatement[], lines: fromLine };
  }
  const statements = lines.slice(fromLine).map((l) => {
    const { sql, params } = JSON.parse(l) as { sql: string; params: unknown[] };
    return { sql, params, page };
  });
  return { statements, lines: lines.length };
}

const PLANNED = /^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i;

/** One entry per distinct statement text, with every page that ran it. */
function distinct(statements: LoggedStatement[]) {
  const bySql = new Map<string, { params: unknown[]; pages: Set<string> }>();
  for (const s of statements) {
    if (!PLANNED.test(s.sql)) continue;
    const seen = bySql.get(s.sql) ?? { params: s.params, pages: new Set<string>() };
    seen.pages.add(s.page);
    bySql.set(s.sql, seen);
  }
  return [...bySql].map(([sql, { params, pages }]) => ({ sql, params, pages: [...pages] }));
}

export async function explainStatements(
  url: string,
  statements: LoggedStatement[],
): Promise<PlanReport> {
  const list = distinct(statements);
  const findings: PlanFinding[] = [];
  const failed: PlanFinding[] = [];
  const explain = url.startsWith("file:") ? sqlitePlans(url) : await postgresPlans(url);
  try {
    for (const s of list) {
      try {
        const scans = await explain.scans(s.sql, s.params);
        if (scans.length) findings.push({ pages: s.pages, sql: s.sql, scans });
      } catch (error) {
        failed.push({ pages: s.pages, sql: s.sql, scans: [String(error).slice(0, 200)] });
      }
    }
  } finally {
    await explain.close();
  }
  return { statements: list.length, findings, failed };
}

function sqlitePlans(url: string) {
  const db = new Database(url.replace(/^file:/, ""), { readonly: true });
  const sizes = new Map<string, number>();
  const rowsOf = (name: string): number => {
    if (!sizes.has(name)) {
      const table = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`)
        .get(name) as { name: string } | undefined;
      sizes.set(
        name,
        table
          ? Number(
              (db.prepare(`SELECT count(*) AS n FROM "${table.name}"`).get() as { n: number }).n,
            )
          : Number.NaN,
      );
    }
    return sizes.get(name)!;
  };
  // `SCAN main.Team`, `SCAN Deadline USING INDEX …`, `SCAN d` (an alias): the table's name, or
  // the alias's table when the plan line names it by alias and the statement says `"T" d`.
  const tableOf = (name: string, sql: string) => {
    const bare = name.replace(/^main\./, "");
    if (!Number.isNaN(rowsOf(bare))) return bare;
    const aliased = sql.match(new RegExp(`"(\\w+)"\\s+(?:AS\\s+)?"?${bare}"?\\b`));
    return aliased && !Number.isNaN(rowsOf(aliased[1])) ? aliased[1] : undefined;
  };
  const bind = (v: unknown) =>
    typeof v === "boolean"
      ? v
        ? 1
        : 0
      : v !== null && typeof v === "object"
        ? JSON.stringify(v)
        : v;
  return {
    async scans(sql: string, params: unknown[]) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params.map(bind)) as {
        detail: string;
      }[];
      return plan.flatMap(({ detail }) => {
        // `SCAN f VIRTUAL TABLE INDEX 0:M…`: an FTS5 MATCH, answered from the full-text index.
        if (/VIRTUAL TABLE INDEX \d+:M/.test(detail)) return [];
        const m = detail.match(/^SCAN (?:TABLE )?(\S+)/);
        // Not a table: a subquery, a CTE or a VALUES list, whose own reads have lines of their
        // own in the plan.
        const table = m ? tableOf(m[1], sql) : undefined;
        const rows = table ? rowsOf(table) : 0;
        return rows > BIG_TABLE ? [`${detail} (${rows} rows)`] : [];
      });
    },
    async close() {
      db.close();
    },
  };
}

type PgPlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Plan Rows": number;
  Plans?: PgPlanNode[];
};

async function postgresPlans(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ relname: string; n: number }>(
    `SELECT relname, reltuples::float8 AS n FROM pg_class WHERE relkind = 'r'`,
  );
  const sizes = new Map(rows.map((r) => [r.relname, r.n]));
  const walk = (node: PgPlanNode, out: string[]) => {
    const table = node["Relation Name"];
    if (node["Node Type"] === "Seq Scan" && table && (sizes.get(table) ?? 0) > BIG_TABLE)
      out.push(`Seq Scan on ${table} (${Math.round(sizes.get(table)!)} rows)`);
    for (const child of node.Plans ?? []) walk(child, out);
    return out;
  };
  return {
    async scans(sql: string, params: unknown[]) {
      const res = await client.query<{ "QUERY PLAN": { Plan: PgPlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params.map((v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : v)),
      );
      return walk(res.rows[0]["QUERY PLAN"][0].Plan, []);
    },
    async close() {
      await client.end();
    },
  };
}

/** The report as the benchmark prints it. */
export function formatPlanReport(report: PlanReport, database: string): string[] {
  const out = [
    `\nQuery plans on ${database}: ${report.statements} distinct statements, ${report.findings.length} read a whole table of more than ${BIG_TABLE.toLocaleString("en")} rows.`,
  ];
  for (const f of report.findings) {
    out.push(`  ${f.pages.join(", ")}:`);
    for (const s of f.scans) out.push(`    ${s}`);
    out.push(`    ${f.sql.replace(/\s+/g, " ").slice(0, 240)}`);
  }
  if (report.failed.length) {
    out.push(`  ${report.failed.length} statements could not be explained:`);
    for (const f of report.failed)
      out.push(`    ${f.pages.join(", ")}: ${f.scans[0]} — ${f.sql.slice(0, 120)}`);
  }
  return out;
}
