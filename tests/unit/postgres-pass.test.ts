import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_ONLY_SUFFIX, POSTGRES_PASS } from "../postgres-pass.mjs";

// The list of integration files repeated on PostgreSQL (tests/postgres-pass.mjs) names files
// that exist, so a renamed file cannot silently drop out of the PostgreSQL pass.
describe("the PostgreSQL pass", () => {
  it("names only integration files that exist, each once", () => {
    expect(POSTGRES_PASS.length).toBeGreaterThan(0);
    for (const file of POSTGRES_PASS) {
      expect(file).toMatch(/^tests\/integration\/.+\.test\.ts$/);
      expect(fs.existsSync(file), file).toBe(true);
    }
    expect(new Set(POSTGRES_PASS).size).toBe(POSTGRES_PASS.length);
  });

  it("does not list PostgreSQL-only files, which are always in it", () => {
    expect(POSTGRES_PASS.filter((f) => f.endsWith(POSTGRES_ONLY_SUFFIX))).toEqual([]);
  });
});
