// Applies pending migrations to DATABASE_URL (default: the dev SQLite file).
// Usage: DATABASE_URL=postgres://… npx tsx scripts/migrate.ts
import { applyMigrations, providerFromUrl, redact } from "./lib/migrations";

const url = process.env.DATABASE_URL ?? "file:./prisma/data/dev.db";

try {
  const { applied } = await applyMigrations(url, { log: (s) => console.log(s) });
  const where = `${providerFromUrl(url)} ${redact(url)}`;
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
      : `No pending migrations for ${where}.`,
  );
} catch (err) {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
