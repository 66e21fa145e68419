// `npm test`: the whole suite on a fresh clone. Installs what is missing, then runs unit and
// integration tests (vitest, SQLite unless DATABASE_URL points at PostgreSQL) and the browser
// tests (Playwright in the system Chromium against the built app).
// `npm test -- --no-e2e` skips the browser; `npm test -- --only-db` runs only the integration
// files whose outcome the database decides (tests/postgres-pass.mjs), for the PostgreSQL pass.
import { POSTGRES_ONLY_SUFFIX, POSTGRES_PASS } from "../tests/postgres-pass.mjs";
import { ensureChromium } from "./lib/chromium.mjs";
import { buildApp, ensureDependencies, ensurePrismaClients, runBin } from "./lib/setup.mjs";

const args = new Set(process.argv.slice(2));

ensureDependencies();
ensurePrismaClients();

if (args.has("--only-db")) {
  runBin("vitest", ["run", "--project", "integration", ...POSTGRES_PASS, POSTGRES_ONLY_SUFFIX]);
  process.exit(0);
}

runBin("vitest", ["run"]);

if (!args.has("--no-e2e")) {
  const chromium = ensureChromium();
  buildApp();
  runBin("playwright", ["test"], { env: { CHROMIUM_PATH: chromium } });
}
