import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import { testTmpDir } from "../fixtures/templates";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { HARPER, login } from "./helpers";

// The HTTP layer of the built app: security headers on pages and static files, a CSP the
// app itself lives within, exports by POST, and one server per SQLite file.

const port = Number(process.env.E2E_PORT ?? 3100);
const tsx = path.resolve("node_modules/.bin/tsx");

test("every response carries the security headers; pages a per-request script nonce", async ({
  request,
}) => {
  const page1 = await request.get("/login");
  const page2 = await request.get("/login");
  const h = page1.headers();
  const csp = h["content-security-policy"];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  // Served over plain http here, so no HSTS (see the https server below).
  expect(h["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(/'nonce-([^']+)'/.exec(page2.headers()["content-security-policy"])![1]).not.toBe(nonce);
  // Every inline script of the page carries this response's nonce.
  const html = await page1.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  for (const file of ["/favicon.svg", html.match(/\/build\/[^"]+\.js/)![0]]) {
    const res = await request.get(file);
    expect(res.status(), file).toBe(200);
    expect(res.headers()["x-content-type-options"], file).toBe("nosniff");
    expect(res.headers()["content-security-policy"], file).toContain("frame-ancestors 'none'");
  }
});

test("the app works within its CSP: no violation while signing in and using the dashboard", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(String(e)));
  await login(page, "lee.leadership@demo.example");
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("HR downloads the case list by its button; a GET on the export address changes nothing", async ({
  page,
}) => {
  await login(page, HARPER);
  await page.getByRole("link", { name: "Histories" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Case histories" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: /as CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("cases.csv");
  const rows = parse((await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, ""));
  expect(rows[0][0]).toBe("Reference");
  expect(rows.length).toBeGreaterThan(1);

  const link = await page.request.get("/hr/cases/csv", { maxRedirects: 0 });
  expect(link.status()).toBe(405);
  expect(link.headers()["allow"]).toBe("POST");
});

function runServer(env: Record<string, string>) {
  const child = spawn(tsx, ["server.ts"], {
    env: { ...process.env, NODE_ENV: "production", WORKER_IN_PROCESS: "false", ...env },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, exited, output: () => output };
}

test("a second server on the same SQLite file refuses to start, saying why", async () => {
  const second = runServer({
    // port + 50 is sign-in-security.spec's own portal, port + 51 the HSTS server below.
    PORT: String(port + 52),
    DATABASE_URL: `file:${path.join(testTmpDir(), `portal-e2e-${port}.db`)}`,
    APP_URL: `http://localhost:${port + 52}`,
  });
  const code = await second.exited;
  expect(code).not.toBe(0);
  expect(second.output()).toContain("already using the SQLite database");
  expect(second.output()).toContain("PostgreSQL");
});

test("served over https (COOKIE_SECURE), responses carry HSTS", async () => {
  const file = path.join(os.tmpdir(), `portal-e2e-hsts-${port}.db`);
  const other = port + 51;
  const server = runServer({
    PORT: String(other),
    DATABASE_URL: `file:${file}`,
    APP_URL: `https://localhost:${other}`,
    COOKIE_SECURE: "true",
  });
  try {
    let res: Response | undefined;
    for (let i = 0; i < 60 && !res; i++) {
      res = await fetch(`http://localhost:${other}/favicon.svg`).catch(() => undefined);
      if (!res) await new Promise((r) => setTimeout(r, 500));
    }
    expect(res?.headers.get("strict-transport-security")).toMatch(/max-age=\d+; includeSubDomains/);
    expect(res?.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
    for (const s of ["", "-wal", "-shm", ".writer-lock"]) await rm(file + s, { force: true });
  }
});
