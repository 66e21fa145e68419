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

const ROUTE_FILES = files("app/routes");
const read = (file: string) => readFileSync(file, "utf8");

/** One form convention: conform reads and answers every form (parseWithZod, reply()). */
const HAND_PARSING = /\.safeParse\s*\(|\.flatten\s*\(\s*\)/;
/** A page's route module: it renders something, so it must say what happens when that fails. */
const HAS_PAGE = /^export default\b/m;
/** Success after a redirect is a toast (app/utils/toast.server.ts), not a query flag. */
const QUERY_FLAG = /[?&](saved|changed|placed|released)=/;

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

  it("forms are read with conform: no route validates with safeParse by hand", () => {
    expect(ROUTE_FILES.filter((f) => HAND_PARSING.test(read(f)))).toEqual([]);
  });

  it("every route with a page has an error boundary", () => {
    const missing = ROUTE_FILES.filter(
      (f) => HAS_PAGE.test(read(f)) && !/\bErrorBoundary\b/.test(read(f)),
    );
    expect(missing).toEqual([]);
  });

  it("success after a redirect is a toast, not a query flag", () => {
    expect(ROUTE_FILES.filter((f) => QUERY_FLAG.test(read(f)))).toEqual([]);
  });

  it("finds what it looks for (the check itself is not blind)", () => {
    expect(HAND_PARSING.test("const r = schema.safeParse(values);")).toBe(true);
    expect(HAND_PARSING.test("errors: r.error.flatten().fieldErrors")).toBe(true);
    expect(HAND_PARSING.test("const submission = parseWithZod(formData, { schema });")).toBe(false);
    expect(HAS_PAGE.test("export default function Page() {}")).toBe(true);
    expect(QUERY_FLAG.test('return redirect("/admin/teams/1?saved=1");')).toBe(true);
    const sample = 'if (user.role === "HR") x(); await requireRole(request, ["HR"]);';
    expect(ROLE_CHECKS.filter(([p]) => p.test(sample))).toHaveLength(2);
  });
});
