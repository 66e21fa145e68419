// Plain Node (no dependencies): runs before anything is installed. Used by demo.mjs and
// test.mjs so that each of the README's two commands installs what it needs by itself.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    ...opts,
    env: { ...process.env, ...opts.env },
  });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

export function runBin(name, args, opts = {}) {
  run(bin(name), args, opts);
}

/** npm install when node_modules is missing or package-lock.json changed since last time. */
export function ensureDependencies() {
  const lock = path.join(root, "package-lock.json");
  const stamp = path.join(root, "node_modules", ".portal-install-stamp");
  const lockHash = () => createHash("sha256").update(readFileSync(lock)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === lockHash()) return;
  console.log("→ Installing dependencies (npm install)…");
  // Not `npm ci`: npm records only this platform's optional binaries (rollup, esbuild…) in
  // the lock file, and `npm ci` then refuses the lock on a clean clone. `npm install` keeps
  // every locked version and fills those entries in.
  // --prefer-offline: what npm's cache already holds is not asked of the registry again.
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"]);
  // A compiled SQLite driver is kept for the next install on this machine (never fails it).
  spawnSync(process.execPath, [path.join(root, "scripts/lib/native-build-cache.mjs"), root], {
    stdio: "inherit",
  });
  writeFileSync(stamp, lockHash()); // after install: npm may have filled in the lock file
}

/** Both Prisma clients (SQLite and PostgreSQL); skipped when already up to date. */
export function ensurePrismaClients() {
  runBin("tsx", ["scripts/prisma-generate.ts"]);
}

export function buildApp() {
  console.log("→ Building the app…");
  // esbuild occasionally crashes while exiting after a good build; trust the output, and
  // retry once when it is missing.
  for (let attempt = 1; attempt <= 2; attempt++) {
    const r = spawnSync(bin("remix"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (r.status === 0 || existsSync(path.join(root, "build", "index.js"))) return;
  }
  console.error("✗ The build failed.");
  process.exit(1);
}
