import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { POSTGRES_ONLY_SUFFIX } from "./tests/postgres-pass.mjs";

// PostgreSQL-only files (e.g. races between separate connections, which SQLite cannot have)
// are not collected at all on SQLite, rather than collected and skipped.
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

// Two projects: `unit` (pure logic, fast) and `integration` (real database file or
// PostgreSQL, real SMTP server on loopback). `npm test` runs both, then Playwright.
const alias = { "~": path.resolve(import.meta.dirname, "app") };

// Two test files run side by side (each has its own database); VITEST_MAX_WORKERS overrides.
// On SQLite every query answers at once, so a long run of queries used to keep a worker's event
// loop from reading the test runner's replies, and vitest fails a worker whose reply waited 60 s;
// tests/fixtures/sqlite-yield.ts lets the loop turn every 50 queries, which makes two workers safe.
const workers = Number(process.env.VITEST_MAX_WORKERS) || 2;

export default defineConfig({
  resolve: { alias },
  test: {
    // A worker's files share its loaded modules instead of importing the app again for each
    // file (which cost more than a third of the run). Each integration file still gets its own
    // database, and tests/fixtures/database.ts resets the app's process-wide state (client,
    // settings, sign-in) for it; a file that changes process.env or spies on the console puts
    // them back (decision 111). Only honoured here, at the top: not per project.
    poolOptions: { forks: { isolate: false } },
    maxWorkers: workers,
    minWorkers: 1,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          exclude: onPostgres
            ? configDefaults.exclude
            : [...configDefaults.exclude, `tests/integration/**/*${POSTGRES_ONLY_SUFFIX}`],
          environment: "node",
          pool: "forks",
          // Files run side by side on two shared cores: a limit, not a timing assertion.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup: ["tests/fixtures/global-setup.ts"],
          setupFiles: ["tests/fixtures/setup-integration.ts"],
        },
      },
    ],
  },
});
