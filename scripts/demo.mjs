// `npm run demo`: install, build, migrate and seed the embedded SQLite database, then serve
// the app with its worker (and a local mail catcher unless SMTP_URL is set).
import { spawn } from "node:child_process";
import path from "node:path";
import { buildApp, ensureDependencies, ensurePrismaClients, root, runBin } from "./lib/setup.mjs";

const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/data/demo.db",
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  // The demo runs over plain http on localhost; set COOKIE_SECURE=true behind HTTPS.
  COOKIE_SECURE: process.env.COOKIE_SECURE ?? "false",
  // The demo's printed logins work with their password alone; anyone may still turn on
  // two-step sign-in under "Your account". Set TWO_FACTOR_REQUIRED=true to try the real rule.
  TWO_FACTOR_REQUIRED: process.env.TWO_FACTOR_REQUIRED ?? "false",
  // Webhooks to a receiver on this machine over plain http (never in production).
  WEBHOOK_ALLOW_HTTP_LOOPBACK: process.env.WEBHOOK_ALLOW_HTTP_LOOPBACK ?? "true",
};

ensureDependencies();
ensurePrismaClients();
buildApp();
console.log("→ Migrating the database…");
runBin("tsx", ["scripts/migrate.ts"], { env });
console.log("→ Seeding the demo data (skipped if already there)…");
runBin("tsx", ["prisma/seed.ts"], { env: { ...env, SEED_QUIET: "1" } });

const children = [];
if (!process.env.SMTP_URL) {
  env.SMTP_URL = "smtp://127.0.0.1:2525";
  children.push(
    spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/mail-catcher.ts"], {
      cwd: root,
      stdio: "inherit",
      env,
    }),
  );
}
const server = spawn(path.join(root, "node_modules/.bin/tsx"), ["server.ts"], {
  cwd: root,
  stdio: "inherit",
  env,
});
children.push(server);

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`http://localhost:${port}/healthz`);
      if (r.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

if (await waitForHealth()) {
  const { DEMO_LOGINS, DEMO_PASSWORD } = await import("../prisma/demo-logins.mjs");
  console.log(`\n  Incident portal demo: http://localhost:${port}\n`);
  console.log(`  Every demo login uses the password: ${DEMO_PASSWORD}`);
  for (const l of DEMO_LOGINS) console.log(`    ${l.role.padEnd(11)} ${l.email}`);
  console.log(
    "\n  Mail goes to the local mail catcher and is printed here. Ctrl+C stops everything.\n",
  );
} else {
  console.error("✗ The server did not become healthy.");
}

const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(code ?? 0);
});
