import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure logic, fast) and `integration` (real database file or
// PostgreSQL, real SMTP server on loopback). `npm test` runs both, then Playwright.
const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
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
          environment: "node",
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          setupFiles: ["tests/fixtures/setup-integration.ts"],
        },
      },
    ],
  },
});
