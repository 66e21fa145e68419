// Generates the Prisma client for both providers (prisma/generated/<provider>).
// Usage: npx tsx scripts/prisma-generate.ts [--force]
// Prints nothing unless it fails. A provider whose generated client is newer than its
// schema.prisma is skipped, so running this before every dev/test start costs little.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const force = process.argv.includes("--force");

// Generate never connects, but the CLI needs a DATABASE_URL of the right scheme or it tries
// to download a native query engine (decision 001).
const DUMMY_URLS = {
  sqlite: "file:./prisma/data/generate.db",
  postgresql: "postgres://generate@127.0.0.1:5432/generate",
} as const;

function mtime(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

async function generate(provider: keyof typeof DUMMY_URLS): Promise<void> {
  const schema = path.join(ROOT, "prisma", provider, "schema.prisma");
  const output = path.join(ROOT, "prisma", "generated", provider, "client.ts");
  if (!force && mtime(output) > mtime(schema)) return;
  try {
    await promisify(execFile)(
      path.join(ROOT, "node_modules", ".bin", "prisma"),
      ["generate", "--config", path.join(ROOT, "prisma", provider, "prisma.config.ts")],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: DUMMY_URLS[provider],
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        },
      },
    );
  } catch (err) {
    // execFile's error carries the child's output; show it only now.
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `prisma generate failed for ${provider}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`,
    );
  }
}

const results = await Promise.allSettled([generate("sqlite"), generate("postgresql")]);
const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
for (const f of failures) console.error(f.reason instanceof Error ? f.reason.message : f.reason);
if (failures.length > 0) process.exit(1);
