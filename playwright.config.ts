import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/lib/chromium.mjs";

// Browser tests run against the built app (`remix build`) served by tests/e2e/serve.ts on a
// fresh seeded SQLite file, in the system Chromium found by scripts/lib/chromium.mjs.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  // Spec files run two at a time against the one server (tests inside a file stay in order).
  // They share the seeded database, so a spec never counts or ranks what another spec changes:
  // each files its reports and finds them again by their own reference or words.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  // Two browsers and the server share two cores: a long journey or a full accessibility scan of
  // several pages can take over a minute. (This is a limit, not a timing assertion.)
  timeout: 120_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // Recording a trace of every test costs about a third of the suite's CPU (DOM snapshots and
    // screencast frames at each step), so it is off unless asked for: E2E_TRACE=1 keeps the
    // trace of each failed test (open it with `npx playwright show-trace`).
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    // The service worker keeps the report form on the phone by rendering it once more after
    // each sign-in, in every fresh browser context. Files about offline use and the report
    // form's own journeys allow it (test.use); the rest do without it.
    serviceWorkers: "block",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: findChromium() ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `node_modules/.bin/tsx tests/e2e/serve.ts`,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
