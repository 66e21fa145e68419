import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/domain/safe-redirect";

describe("safeRedirect", () => {
  it.each([
    ["/", "/"],
    ["/cases/INC-2026-000001", "/cases/INC-2026-000001"],
    ["/hr/cases?q=abc&page=2", "/hr/cases?q=abc&page=2"],
    ["/reports/new#evidence", "/reports/new#evidence"],
  ])("keeps the local path %s", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/steal",
    "/\\evil.example",
    "/\\/",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\t\\evil.example",
    "\t//evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5c%5cevil.example",
    "https://evil.example",
    "http:/evil.example",
    // eslint-disable-next-line no-script-url -- the point: it must be refused
    "javascript:alert(1)",
    " /cases",
    "evil.example",
    "",
    "/path\\with\\backslash",
    "/login",
    "/login?redirectTo=//evil.example",
    "/logout",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });

  it("refuses what is not a string, or is absurdly long", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(["/cases"])).toBe("/");
    expect(safeRedirect(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it("uses the fallback given", () => {
    expect(safeRedirect("//evil.example", "/queue")).toBe("/queue");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeRedirect("/a/../../b")).toBe("/b");
    expect(safeRedirect("/./evil.example")).toBe("/evil.example");
  });
});
