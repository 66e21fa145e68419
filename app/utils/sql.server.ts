// Tagged SQL for the few queries Prisma's query API cannot express with an index-driven plan
// (see docs/decisions/035-indexed-queues-and-planner-statistics.md). Parameters are always
// bound, never spliced. Quote identifiers ("Incident", "nextDueAt"): the same text then runs
// on SQLite and PostgreSQL.
export { empty, join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
