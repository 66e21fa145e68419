import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { POSTGRES_ONLY_SUFFIX } from "./tests/postgres-pass.mjs";

// PostgreSQL-only files (e.g. races between separate connections, which SQLite cannot have)
// are not collected at all on SQLite, rather than collected and skipped.
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

// Two projects: `unit` (pure logic, fast) and `integration` (real database file or
// PostgreSQL, real SMTP server on loopback). `npm test` runs both, then Playwright.
const alias = { "~": path.resolve(import.meta.dirname, "app") };

// Test files may run side by side (each has its own database): VITEST_MAX_WORKERS=2 is faster
// on an otherwise idle machine. The default stays one worker: on SQLite every query resolves at
// once, so a long run of queries keeps a worker from answering the test runner, which fails the
// run when a worker is silent for 60 s; on a busy 2-core machine two workers made that happen.
const workers = Number(process.env.VITEST_MAX_WORKERS) || 1;

export default defineConfig({
  resolve: { alias },
  test: {
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
