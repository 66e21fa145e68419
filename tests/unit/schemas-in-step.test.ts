// The two providers' schemas must describe the same models, and each provider's migrations
// must be up to date with its schema (the snapshot is written by scripts/new-migration.ts).
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { modelsOf } from "../../scripts/lib/schema-models";

const read = (rel: string) =>
  fs.readFileSync(fileURLToPath(new URL(`../../${rel}`, import.meta.url)), "utf8");

describe("prisma schemas", () => {
  it("have identical models for sqlite and postgresql", () => {
    expect(modelsOf(read("prisma/sqlite/schema.prisma"))).toBe(
      modelsOf(read("prisma/postgresql/schema.prisma")),
    );
  });

  for (const provider of ["sqlite", "postgresql"]) {
    it(`${provider}: the latest migration matches the schema (else run npm run db:new-migration -- <name>)`, () => {
      const snapshot = `prisma/${provider}/migrations/schema.snapshot.prisma`;
      expect(
        fs.existsSync(fileURLToPath(new URL(`../../${snapshot}`, import.meta.url))),
        `${snapshot} is missing`,
      ).toBe(true);
      expect(modelsOf(read(snapshot))).toBe(modelsOf(read(`prisma/${provider}/schema.prisma`)));
    });
  }
});

describe("modelsOf", () => {
  const a = `
    generator client {
      provider = "prisma-client"
    }
    datasource db {
      provider = "sqlite" // the only line that differs
    }
    /// A team.
    model Team {
      id   String @id   // primary key
      name String @default("http://example.com")
    }`;

  it("ignores generator, datasource, comments and whitespace", () => {
    const b = a
      .replace('"sqlite"', '"postgresql"')
      .replace("// primary key", "")
      .replace("id   String", "id String");
    expect(modelsOf(b)).toBe(modelsOf(a));
    expect(modelsOf(a)).toBe(
      'model Team {\nid String @id\nname String @default("http://example.com")\n}',
    );
  });

  it("detects a difference in one field", () => {
    expect(modelsOf(a.replace("name String", "name String?"))).not.toBe(modelsOf(a));
  });
});
