// `npm run dev`: the app in development with live reload. `remix dev` rebuilds on every change
// under app/ (and emails/), restarts server.ts with the new build and reloads the browser.
// Uses its own SQLite file (prisma/data/dev.db), migrated and seeded with the demo data, and the
// local mail catcher unless SMTP_URL is set.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureDependencies, ensurePrismaClients, root, runBin } from "./lib/setup.mjs";

const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  NODE_ENV: "development",
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/data/dev.db",
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  COOKIE_SECURE: process.env.COOKIE_SECURE ?? "false",
};

ensureDependencies();
ensurePrismaClients();
console.log("→ Migrating the development database…");
runBin("tsx", ["scripts/migrate.ts"], { env });
console.log("→ Seeding the demo data (skipped if already there)…");
runBin("tsx", ["prisma/seed.ts"], { env });

const bin = (name) => path.join(root, "node_modules/.bin", name);
const children = [];
if (!process.env.SMTP_URL) {
  env.SMTP_URL = "smtp://127.0.0.1:2525";
  children.push(
    spawn(bin("tsx"), ["scripts/mail-catcher.ts"], { cwd: root, stdio: "inherit", env }),
  );
}
// server.ts tells `remix dev` when each new build is being served (broadcastDevReady).
const dev = spawn(bin("remix"), ["dev", "--command", `${bin("tsx")} server.ts`], {
  cwd: root,
  stdio: "inherit",
  env,
});
children.push(dev);

const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(code ?? 0);
});
