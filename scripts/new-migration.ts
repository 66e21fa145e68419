// Creates the next migration for both providers from the schema changes since the last one.
// Usage: npx tsx scripts/new-migration.ts <name>      (npm run db:new-migration -- <name>)
//
// prisma/<p>/migrations/schema.snapshot.prisma is a copy of the schema as of the latest
// migration; `prisma migrate diff` from it to the current schema gives the new SQL, without
// needing a shadow database. The js engine's PostgreSQL diff still connects to a server
// (POSTGRES_URL, default the local one), although it only compares the two schema files.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { redact, type Provider } from "./lib/migrations";
import { modelsOf } from "./lib/schema-models";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PROVIDERS: Provider[] = ["sqlite", "postgresql"];
const POSTGRES_URL =
  process.env.POSTGRES_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";

const p = (provider: Provider, ...rest: string[]) => path.join(ROOT, "prisma", provider, ...rest);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const rawName = process.argv[2];
if (!rawName) fail("Usage: npx tsx scripts/new-migration.ts <name>   e.g. add_incident_priority");
const name = rawName
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_+|_+$/g, "");
if (!name) fail(`Migration name "${rawName}" has no letters or digits.`);

// 1. The two schemas must describe the same models, or the providers' migrations drift apart.
const schemas = Object.fromEntries(
  PROVIDERS.map((prov) => [prov, fs.readFileSync(p(prov, "schema.prisma"), "utf8")]),
) as Record<Provider, string>;
const sqliteModels = modelsOf(schemas.sqlite);
const pgModels = modelsOf(schemas.postgresql);
if (sqliteModels !== pgModels) {
  const a = sqliteModels.split("\n");
  const b = pgModels.split("\n");
  const i = a.findIndex((line, k) => line !== b[k]);
  const at = i === -1 ? a.length : i;
  fail(
    "The models in prisma/sqlite/schema.prisma and prisma/postgresql/schema.prisma differ; make them identical first.\n" +
      `First difference (after dropping comments and blank lines), line ${at + 1}:\n` +
      `  sqlite:     ${a[at] ?? "(end)"}\n  postgresql: ${b[at] ?? "(end)"}`,
  );
}

// 2. Diff each provider's snapshot to its schema. Write nothing until both diffs succeeded.
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14); // UTC YYYYMMDDHHMMSS, like Prisma
const dirName = `${stamp}_${name}`;
const planned: { provider: Provider; sql: string | null }[] = [];

for (const provider of PROVIDERS) {
  const migrationsDir = p(provider, "migrations");
  const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
  const hasSnapshot = fs.existsSync(snapshot);
  if (hasSnapshot && modelsOf(fs.readFileSync(snapshot, "utf8")) === modelsOf(schemas[provider])) {
    console.log(`${provider}: no model changes since the last migration.`);
    continue;
  }
  const latest = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
        .at(-1)
    : undefined;
  if (latest && latest >= dirName)
    fail(`${provider}: latest migration ${latest} sorts after ${dirName}; is the clock right?`);

  let databaseUrl: string;
  if (provider === "postgresql") {
    await assertReachable(POSTGRES_URL);
    databaseUrl = POSTGRES_URL;
  } else {
    // The CLI's SQLite adapter creates this file; keep it out of the repository.
    databaseUrl = `file:${path.join(os.tmpdir(), `new-migration-${process.pid}.db`)}`;
  }
  const from = hasSnapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const result = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "prisma"),
    [
      "migrate",
      "diff",
      "--config",
      p(provider, "prisma.config.ts"),
      ...from,
      "--to-schema-datamodel",
      p(provider, "schema.prisma"),
      "--script",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
  if (provider === "sqlite") fs.rmSync(databaseUrl.slice("file:".length), { force: true });
  if (result.status !== 0)
    fail(`${provider}: prisma migrate diff failed:\n${result.stderr || result.error?.message}`);
  // An unchanged database comes back as "-- This is an empty migration."
  const isEmpty = result.stdout
    .split("\n")
    .every((line) => line.trim() === "" || line.trim().startsWith("--"));
  planned.push({ provider, sql: isEmpty ? null : result.stdout });
}

// 3. Write.
for (const { provider, sql } of planned) {
  const migrationsDir = p(provider, "migrations");
  fs.mkdirSync(migrationsDir, { recursive: true });
  if (sql === null) {
    // E.g. a renamed relation field: the models changed but the database does not. Refresh
    // the snapshot anyway so tests/unit/schemas-in-step.test.ts sees it as up to date.
    console.log(
      `${provider}: the schema changes need no SQL; no migration written, snapshot updated.`,
    );
  } else {
    fs.mkdirSync(path.join(migrationsDir, dirName));
    fs.writeFileSync(path.join(migrationsDir, dirName, "migration.sql"), sql);
    console.log(`${provider}: wrote prisma/${provider}/migrations/${dirName}/migration.sql`);
  }
  fs.copyFileSync(p(provider, "schema.prisma"), path.join(migrationsDir, "schema.snapshot.prisma"));
}
if (planned.some((x) => x.sql !== null))
  console.log("Review the SQL, then apply it with: npm run db:migrate");

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    fail(
      `Cannot reach PostgreSQL at ${redact(url)} (${err instanceof Error ? err.message : String(err)}).\n` +
        "Creating the PostgreSQL migration needs a running server (the diff itself is schema to schema).\n" +
        "Start one, or set POSTGRES_URL=postgres://user:password@host:port/db.",
    );
  } finally {
    await client.end().catch(() => {});
  }
}
