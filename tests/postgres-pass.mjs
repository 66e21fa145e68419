// The integration test files that `npm test -- --only-db` (the PostgreSQL pass of .ci/run) runs
// again on PostgreSQL. Every integration file runs on SQLite; a file is repeated on PostgreSQL
// when what it checks is decided by the database itself, so the two providers can differ:
//   - schema and migrations (DDL, constraints);
//   - concurrency: claims, locks, counters, races between workers, exactly-once delivery;
//   - a failed or refused change rolled back (nothing written), unique keys that clash;
//   - provider-specific queries: case-insensitive search, raw SQL;
//   - aggregation and arithmetic in SQL (groupBy, sums, BigInt money, date ranges, paging);
//   - bulk writes in one transaction (the demo seed, CRM imports);
//   - values read back exactly as stored, which the hash chain depends on.
// Files that check what the app decides (permissions, validation, page content, mail wording)
// through queries these files already cover run on SQLite only. Files named *.pg.test.ts exist
// only on PostgreSQL and are always part of this pass. See docs/decisions/030-faster-test-suite.md.
export const POSTGRES_PASS = [
  "tests/integration/accounts-import.test.ts", // bulk upserts in one transaction, unique CRM ids
  "tests/integration/api-tokens.test.ts", // API batches all or nothing, keyset paging, groupBy
  "tests/integration/audit-log.test.ts", // refused changes write nothing; clashing names; BigInt
  "tests/integration/dashboard.test.ts", // groupBy, sums and date ranges over the demo seed
  "tests/integration/escalation.test.ts", // due clocks found by date in SQL; claims
  "tests/integration/hr-review.test.ts", // hash chain over stored values, tampering, text search
  "tests/integration/migrations.test.ts", // the migrations themselves
  "tests/integration/outbox.test.ts", // claims, leases and exactly-once delivery
  "tests/integration/repeat-offender.test.ts", // idempotent flagging, 12-month windows in SQL
  "tests/integration/report-round-trip.test.ts", // one transaction, reference counter, double submit
  "tests/integration/search.test.ts", // case-insensitive search differs by provider
  "tests/integration/seed.test.ts", // the demo seed: thousands of writes in one transaction
  "tests/integration/people-org.test.ts", // a 500-person import in chunks, manager chains in SQL
  "tests/integration/password-links.test.ts", // single-use links claimed by conditional update
  "tests/integration/sign-in-protection.test.ts", // throttle counters kept in the database
  "tests/integration/scale-queues.test.ts", // queue order and key paging in SQL
  "tests/integration/colleague-picker.test.ts", // case-insensitive type-ahead differs by provider
  "tests/integration/webhooks.test.ts", // webhook deliveries claimed by two workers, queued in-transaction
  "tests/integration/webhooks-admin.test.ts", // the delivery log paged by key; audit rows in-transaction
  // Jurisdiction templates and regulator records (compliance2).
  "tests/integration/jurisdiction-templates.test.ts", // one transaction over policy, retention, history
  "tests/integration/regulator-records.test.ts", // cursor paging, per-year numbering, groupBy on the seed
  "tests/integration/full-text-search.test.ts", // FTS5 vs pg_trgm, kept current by triggers
  // Kept figures (rollups).
  "tests/integration/kept-figures.test.ts", // raw-SQL upserts, date windows, row locks per account
  "tests/integration/retention-and-holds.test.ts", // purges: deletes under each provider's foreign keys, one transaction
];

/** Integration files ending so run on PostgreSQL only (vitest.config.ts leaves them out on SQLite). */
export const POSTGRES_ONLY_SUFFIX = ".pg.test.ts";
