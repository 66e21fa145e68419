import { expect, test, type Page } from "@playwright/test";
import { HARPER, login, SAM } from "./helpers";

const JONAH = "jonah.fletcher@demo.example";

const AISHA = "aisha.rahman@demo.example"; // an employee on Morgan's team, like Sam

// Refusals, through the real HTTP server: wrong passwords, anonymous visits, cross-site
// posts, and pages an employee may not see (always 404).

test("a wrong password shows a message next to the form and stays on the login page", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(SAM);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();

  const form = page.locator("form").filter({ has: page.getByLabel("Password") });
  await expect(form.getByRole("alert")).toHaveText(
    "That email and password don't match. Please try again.",
  );
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByLabel("Work email")).toHaveValue(SAM); // what was typed is kept
  await expect(page.getByRole("button", { name: /^Sign out/ })).toHaveCount(0);
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => c.name === "portal_session" && c.value)).toEqual([]);
});

test("an anonymous visit to the queue is sent to the login page", async ({ page, request }) => {
  const answer = await request.get("/queue", { maxRedirects: 0 });
  expect(answer.status()).toBe(302);
  expect(answer.headers()["location"]).toBe("/login?redirectTo=%2Fqueue");

  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fqueue$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

/** How many reports Sam's "My reports" page lists. */
async function myReportCount(page: Page): Promise<number> {
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "My reports" })).toBeVisible();
  return page.getByRole("main").getByRole("link", { name: /^INC-/ }).count();
}

test("a report posted from another site with a valid session is refused and files nothing", async ({
  page,
}) => {
  // Not Sam: other browser tests file reports as Sam at the same time, which would change the
  // count of "my reports" below. Every seeded person has the demo password.
  await login(page, AISHA);

  // A complete, valid report, as the form would send it.
  await page.goto("/reports/new");
  // The form asks the server for accounts as one types; take the first it offers.
  const offered = (await (await page.request.get("/resources/accounts?q=")).json()) as {
    accounts: { id: string }[];
  };
  const accountId = offered.accounts[0]?.id;
  expect(accountId).toBeTruthy();
  const occurredAt = await page.getByLabel("When did it happen?").inputValue();
  const form = {
    // The key the page rendered into the form.
    submissionKey: (await page.locator('input[name="submissionKey"]').inputValue())!,
    accountId: accountId!,
    occurredAt,
    timeZone: "Europe/London",
    channel: "PHONE",
    severity: "LOW",
    narrative: "Posted from another site.",
  };

  const before = await myReportCount(page);

  // page.request shares the browser context's cookies: these carry Sam's real session. A
  // cross-site form post arrives as a plain document POST; Remix's own fetches go to .data.
  for (const path of ["/reports/new", "/reports/new.data"]) {
    const foreign = await page.request.post(path, {
      form,
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect.soft(foreign.status(), `POST ${path} from https://evil.example`).toBe(403);
  }
  expect(await myReportCount(page)).toBe(before);

  // Control: the very same post from our own origin is accepted, so the 403 above was the
  // origin check and not a bad payload.
  const own = await page.request.post("/reports/new", {
    form,
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(own.status()).toBe(302);
  expect(own.headers()["location"]).toMatch(/^\/reports\/INC-\d{4}-\d{4,}\?filed=1$/);
  expect(await myReportCount(page)).toBe(before + 1);
});

test("an employee gets 404 for the queue and for someone else's case", async ({
  page,
  browser,
}) => {
  // Jonah, whom no other browser test signs in as: the reports he filed are only the seed's, so
  // a report another test files meanwhile (as Sam, say) cannot be taken for someone else's.
  await login(page, JONAH);
  await page.goto("/reports");
  const jonahsReferences = await page
    .getByRole("main")
    .getByRole("link", { name: /^INC-/ })
    .allTextContents();

  // A report Jonah did not file, from HR's queue (HR sees every report), in a separate session.
  const hrContext = await browser.newContext();
  const hr = await hrContext.newPage();
  await login(hr, HARPER);
  await hr.goto("/queue");
  const queued = await hr
    .getByRole("list", { name: "Open cases" })
    .getByRole("link", { name: /^INC-/ })
    .allTextContents();
  await hrContext.close();
  const foreignReference = queued.find((ref) => !jonahsReferences.includes(ref));
  expect(
    foreignReference,
    "the seed has an open report filed by someone other than Jonah",
  ).toBeTruthy();

  for (const path of ["/queue", `/cases/${foreignReference}`, `/reports/${foreignReference}`]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  }
  await page.goto("/");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }),
  ).toHaveCount(0);
});
