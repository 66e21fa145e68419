import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { testTmpDir } from "../fixtures/templates";
import {
  expectNoAxeViolations,
  fillReport,
  loginThroughTheForm,
  logout,
  openMenuIfFolded,
  SAM,
} from "./helpers";

// Filing without a signal on a phone (decision 080): the installable app's files, the report
// form opened and sent offline, filed exactly once when the connection returns, and sign-out
// removing what the phone kept.

const ACCOUNT = "Helix Biologics";

// The service worker is what this file tests (the config blocks it elsewhere).
test.use({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  serviceWorkers: "allow",
});

/** The shared browser-test database (tests/e2e/serve.ts), read directly to count filings. */
function reportsWithNarrative(narrative: string): { reference: string; evidence: number }[] {
  const port = process.env.E2E_PORT ?? "3100";
  const db = new Database(path.join(testTmpDir(), `portal-e2e-${port}.db`), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT i."reference" AS reference,
                (SELECT COUNT(*) FROM "Evidence" e WHERE e."incidentId" = i."id") AS evidence
           FROM "Incident" i WHERE i."narrative" = ?`,
      )
      .all(narrative) as { reference: string; evidence: number }[];
  } finally {
    db.close();
  }
}

async function draftKeys(page: Page) {
  return page.evaluate(() =>
    Object.keys(window.localStorage).filter((k) => k.startsWith("report-draft:")),
  );
}

test("the app's manifest, icons and service worker are served for installing it", async ({
  page,
  request,
}) => {
  await page.goto("/login");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    "href",
    "/manifest.webmanifest",
  );
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(manifest.headers()["content-type"]).toContain("application/manifest+json");
  const body = (await manifest.json()) as {
    start_url: string;
    display: string;
    icons: { src: string; sizes: string; purpose: string }[];
  };
  expect(body.display).toBe("standalone");
  expect(body.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
    "192x192 any",
    "512x512 any",
    "512x512 maskable",
  ]);
  for (const icon of body.icons) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()["content-type"], icon.src).toBe("image/png");
    expect((await res.body()).subarray(1, 4).toString(), icon.src).toBe("PNG");
  }
  const sw = await request.get("/sw.js");
  expect(sw.status()).toBe(200);
  expect(sw.headers()["content-type"]).toContain("javascript");
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  expect(sw.headers()["service-worker-allowed"]).toBe("/");
  expect(sw.headers()["content-security-policy"]).toContain("script-src 'self'");
  const offline = await request.get("/offline.html");
  expect(await offline.text()).toContain("This page needs a connection");
});

test("a report written without a signal is kept on the phone and filed once when the signal returns", async ({
  page,
  context,
}) => {
  const narrative = `He threatened me at the counter while the network was down (${Date.now()}).`;
  await loginThroughTheForm(page, SAM);
  await page.getByRole("main").getByRole("link", { name: "Report an incident" }).click();
  await expect(page.getByRole("heading", { name: "Report an incident" })).toBeVisible();
  // The service worker takes charge of the page and keeps the form for this person.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(async () => !!(await caches.match("/reports/new")));
  const onlineKey = await page.locator("#submissionKey").inputValue();

  await context.setOffline(true);
  // Another page needs a connection: the phone says so and offers the form.
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "This page needs a connection" })).toBeVisible();
  await page.getByRole("link", { name: "Report an incident" }).click();
  // The form opens from the phone; the unsent form's draft (and its key) comes with it.
  await expect(page.getByRole("heading", { name: "Report an incident" })).toBeVisible();
  await expect(page.locator("#submissionKey")).toHaveValue(onlineKey);

  // The account list cannot be asked for: the name is typed in full.
  const account = page.getByRole("combobox", { name: /Customer account/ });
  await account.fill(ACCOUNT);
  await expect(page.getByText("No connection: type the account’s full name.")).toBeVisible();
  await page.getByLabel("How did it happen?").selectOption({ label: "In person" });
  await page.getByRole("radio", { name: /^High/ }).check();
  await page.getByLabel("What happened?").fill(narrative);
  await page.getByLabel("Evidence").setInputFiles({
    name: "what-he-wrote.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("You will regret this.\n"),
  });
  await page.getByRole("button", { name: "Send report" }).click();

  await expect(
    page.getByRole("heading", { name: "Your report is saved on this phone" }),
  ).toBeVisible();
  await expect(page.getByText("The file you chose goes with it.")).toBeVisible();
  await expectNoAxeViolations(page, "a report kept on the phone");
  const status = page.getByRole("status").filter({ hasText: "Waiting for a connection" });
  await expect(status).toContainText(
    "Waiting for a connection — your report is saved on this phone.",
  );
  // Nothing reached the server, and the draft gave way to the kept report.
  expect(reportsWithNarrative(narrative)).toEqual([]);
  expect(await draftKeys(page)).toEqual([]);
  // Another report, still offline, gets a key of its own from the phone's copy of the form.
  await page.getByRole("link", { name: "Report another incident" }).click();
  await expect(page.getByRole("heading", { name: "Report an incident" })).toBeVisible();
  await expect(page.getByLabel("What happened?")).toHaveValue("");
  await expect(page.locator("#submissionKey")).toHaveValue(/^[0-9a-f-]{36}$/);
  await expect(page.locator("#submissionKey")).not.toHaveValue(onlineKey);

  // Signing out needs the server: offline, the phone says so and stays signed in.
  await openMenuIfFolded(page);
  await page.getByRole("button", { name: /^Sign out/ }).click();
  const noSignal = page.getByRole("dialog", { name: "Signing out needs a connection" });
  await expect(noSignal).toBeVisible();
  await noSignal.getByRole("button", { name: "OK" }).click();
  await expect(noSignal).toBeHidden();

  await context.setOffline(false);
  const sent = page.getByRole("status").filter({ hasText: "Sent: reference" });
  // Sending waits for the page's next check; this is a limit for a loaded machine, not a timing.
  await expect(sent).toBeVisible({ timeout: 30_000 });
  const reference = (await sent.textContent())?.match(/INC-\d{4}-\d{4,}/)?.[0];
  expect(reference, "the message gives the report's reference").toBeTruthy();
  expect(reportsWithNarrative(narrative)).toEqual([{ reference, evidence: 1 }]);

  // Page loads and the connection coming back again send nothing more.
  await page.reload();
  await context.setOffline(true);
  await context.setOffline(false);
  await page.getByRole("link", { name: reference! }).click();
  await expect(page.getByRole("heading", { name: new RegExp(reference!) })).toBeVisible();
  await expect(page.getByText("what-he-wrote.txt")).toBeVisible();
  expect(reportsWithNarrative(narrative)).toHaveLength(1);
  await page.getByRole("button", { name: /^Dismiss/ }).click();
  await expect(sent).toBeHidden();
});

test("a kept report the server cannot take as it is goes back into the form to correct", async ({
  page,
  context,
}) => {
  const narrative = `She swore at me on the shop floor (${Date.now()}).`;
  await loginThroughTheForm(page, SAM);
  await page.goto("/reports/new");
  await context.setOffline(true);
  await page.getByRole("combobox", { name: /Customer account/ }).fill("Nobody Of That Name Ltd");
  await page.getByLabel("How did it happen?").selectOption({ label: "In person" });
  await page.getByRole("radio", { name: /^Medium/ }).check();
  await page.getByLabel("What happened?").fill(narrative);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(
    page.getByRole("heading", { name: "Your report is saved on this phone" }),
  ).toBeVisible();

  await context.setOffline(false);
  const refused = page.getByRole("status").filter({ hasText: "could not be filed as it was" });
  await expect(refused).toBeVisible({ timeout: 30_000 });
  await refused.getByRole("button", { name: "Open it in the form" }).click();
  await expect(page.getByText("We brought back what you had typed")).toBeVisible();
  await expect(page.getByLabel("What happened?")).toHaveValue(narrative);
  await expect(page.getByRole("combobox", { name: /Customer account/ })).toHaveValue(
    "Nobody Of That Name Ltd",
  );
  await expect(refused).toBeHidden();
  expect(reportsWithNarrative(narrative)).toEqual([]);
});

// page.route cannot see requests a service worker handles, so this journey runs without one.
test.describe("signing out", () => {
  test.use({ serviceWorkers: "block" });

  test("removes the draft from the phone, and asks before removing an unsent report", async ({
    page,
  }) => {
    await loginThroughTheForm(page, SAM);
    await page.goto("/reports/new");
    await page.getByLabel("What happened?").fill("Half-written before my shift ended.");
    await expect.poll(() => draftKeys(page)).toHaveLength(1);
    await logout(page);
    expect(await draftKeys(page)).toEqual([]);
    await loginThroughTheForm(page, SAM);
    await page.goto("/reports/new");
    await expect(page.getByLabel("What happened?")).toHaveValue("");
    await expect(page.getByText("We brought back what you had typed")).toBeHidden();

    // A send that never reaches the server keeps the report on the phone.
    const narrative = `The customer pushed the door into me (${Date.now()}).`;
    await page.route("**/reports/new*", (route) =>
      route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
    );
    await fillReport(page, {
      account: ACCOUNT,
      typed: "helix",
      channel: "In person",
      severity: "Medium",
      narrative,
    });
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(
      page.getByRole("heading", { name: "Your report is saved on this phone" }),
    ).toBeVisible();

    // Signing out asks first; staying keeps it.
    await openMenuIfFolded(page);
    await page.getByRole("button", { name: /^Sign out/ }).click();
    const dialog = page.getByRole("dialog", { name: "A report has not been sent yet" });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page, "sign-out asking about an unsent report");
    await dialog.getByRole("button", { name: "Stay signed in and send it later" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Waiting for a connection")).toBeVisible();

    await openMenuIfFolded(page);
    await page.getByRole("button", { name: /^Sign out/ }).click();
    await dialog.getByRole("button", { name: "Remove it and sign out" }).click();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await page.unroute("**/reports/new*");
    expect(await draftKeys(page)).toEqual([]);
    const kept = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const req = indexedDB.open("incident-portal-offline");
          req.onupgradeneeded = () => req.result.createObjectStore("outbox");
          req.onsuccess = () => {
            const store = req.result.transaction("outbox").objectStore("outbox").count();
            store.onsuccess = () => resolve(store.result);
          };
        }),
    );
    expect(kept).toBe(0);

    await loginThroughTheForm(page, SAM);
    await expect(page.getByText("Waiting for a connection")).toBeHidden();
    expect(reportsWithNarrative(narrative)).toEqual([]);
  });
});

test.describe("an answer lost on the way back", () => {
  test.use({ serviceWorkers: "block" });

  test("a report the server filed but whose answer never arrived is filed once", async ({
    page,
  }) => {
    const narrative = `The signal dropped just as I pressed send (${Date.now()}).`;
    await loginThroughTheForm(page, SAM);
    await page.goto("/reports/new");
    // The post reaches the server and is filed, but the phone never hears back.
    await page.route("**/reports/new*", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      await route.fetch({ maxRedirects: 0 });
      await route.abort("connectionreset");
    });
    await fillReport(page, {
      account: ACCOUNT,
      typed: "helix",
      channel: "Phone call",
      severity: "Low",
      narrative,
    });
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(
      page.getByRole("heading", { name: "Your report is saved on this phone" }),
    ).toBeVisible();
    const filed = reportsWithNarrative(narrative);
    expect(filed).toHaveLength(1);

    // The phone sends it again on the next page; the server answers with the first report.
    await page.unroute("**/reports/new*");
    await page.getByRole("link", { name: "Back to the start page" }).click();
    const sent = page.getByRole("status").filter({ hasText: "Sent: reference" });
    await expect(sent).toBeVisible({ timeout: 30_000 });
    await expect(sent).toContainText(filed[0]!.reference);
    expect(reportsWithNarrative(narrative)).toEqual(filed);
  });
});
