// `npm test`: the whole suite on a fresh clone. Installs what is missing, then runs unit and
// integration tests (vitest, SQLite unless DATABASE_URL points at PostgreSQL) and the browser
// tests (Playwright in the system Chromium against the built app).
// Parts, for .ci/run and for working on one layer:
//   `npm test -- --no-e2e`    unit and integration tests only;
//   `npm test -- --only-e2e`  the build and the browser tests only;
//   `npm test -- --only-db`   only the integration files whose outcome the database decides
//                             (tests/postgres-pass.mjs), for the PostgreSQL pass;
//   `npm test -- --setup`     only install what is missing (dependencies, Prisma clients);
//   `--no-build`              with --only-e2e: test the build that is there (CI builds once
//                             for the browser tests and the benchmark beside them).
import { POSTGRES_ONLY_SUFFIX, POSTGRES_PASS } from "../tests/postgres-pass.mjs";
import { ensureChromium } from "./lib/chromium.mjs";
import { buildApp, ensureDependencies, ensurePrismaClients, runBin } from "./lib/setup.mjs";

const args = new Set(process.argv.slice(2));

ensureDependencies();
ensurePrismaClients();

if (args.has("--setup")) process.exit(0);

if (args.has("--only-db")) {
  runBin("vitest", ["run", "--project", "integration", ...POSTGRES_PASS, POSTGRES_ONLY_SUFFIX]);
  process.exit(0);
}

if (!args.has("--only-e2e")) runBin("vitest", ["run"]);

if (!args.has("--no-e2e")) {
  const chromium = ensureChromium();
  if (!args.has("--no-build")) buildApp();
  runBin("playwright", ["test"], { env: { CHROMIUM_PATH: chromium } });
}
