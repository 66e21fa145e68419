// Used by scripts/prisma-generate.ts and scripts/new-migration.ts. The "js" engine keeps the Prisma CLI from
// downloading its native schema engine, which these machines cannot reach.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
