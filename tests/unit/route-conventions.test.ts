import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Who may do what lives in one table (CAPABILITIES in app/domain/permissions.ts). Routes,
// the root and components ask it through requirePermission or can(); they never compare roles.

const ROOTS = ["app/routes", "app/components", "app/root.tsx"];
const ROLE_CHECKS: [RegExp, string][] = [
  [/\brequireRole\s*\(/, "requireRole( — use requirePermission(request, capability)"],
  [/\.role\s*[!=]==/, "a role compared directly — use can(role, capability)"],
  [/\.includes\(\s*\w+\.role\s*\)/, "a role looked up in a list — use can(role, capability)"],
];

function files(entry: string): string[] {
  if (!statSync(entry).isDirectory()) return /\.tsx?$/.test(entry) ? [entry] : [];
  return readdirSync(entry).flatMap((name) => files(path.join(entry, name)));
}

describe("route conventions", () => {
  it("no route, root or component checks a role itself", () => {
    const found: string[] = [];
    for (const file of ROOTS.flatMap(files)) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const [pattern, why] of ROLE_CHECKS) {
            if (pattern.test(line)) found.push(`${file}:${i + 1}: ${why}`);
          }
        });
    }
    expect(found).toEqual([]);
  });

  it("finds what it looks for (the check itself is not blind)", () => {
    const sample = 'if (user.role === "HR") x(); await requireRole(request, ["HR"]);';
    expect(ROLE_CHECKS.filter(([p]) => p.test(sample))).toHaveLength(2);
  });
});
