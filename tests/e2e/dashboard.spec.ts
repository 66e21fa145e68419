import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, HARPER, login, logout, MORGAN } from "./helpers";

// Issue 6: leadership sees harassment next to commercial value, drills down to an account and
// never sees who reported or what they wrote. Screenshots land in test-results/.

const LEE = "lee.leadership@demo.example";
const BRANNOCK = "Brannock Industrial Holdings";

test("leadership finds a valuable abusive account on the dashboard and sees why", async ({
  page,
}) => {
  page.on("pageerror", (e) => console.log(`page error: ${e.message}\n${e.stack}`));
  page.on("console", (m) => m.type() === "error" && console.log(`console: ${m.text()}`));
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, LEE);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Dashboard" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // The chart draws in the browser, one point per account, with labelled quadrants.
  const chart = page.locator("figure .recharts-wrapper").first();
  await expect(chart).toBeVisible();
  await expect(chart.getByText("High value, high abuse")).toBeVisible();
  await expect(chart.getByText("Low value, low abuse")).toBeVisible();
  expect(await chart.locator(".recharts-scatter-symbol").count()).toBeGreaterThan(20);
  const caption = page.locator("figcaption").filter({ hasText: "High value, high abuse:" });
  await expect(caption).toContainText(BRANNOCK);
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expectNoAxeViolations(page, "leadership dashboard");
  await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });
  await page.screenshot({ path: "test-results/dashboard-top.png" });

  // Sorting by ARR puts the biggest account first.
  await page.getByRole("link", { name: "ARR", exact: true }).click();
  await expect(page).toHaveURL(/sort=arr/);
  const accounts = page.getByRole("table", { name: /Accounts with their incidents/ });
  await expect(accounts.locator("tbody tr").first()).toContainText("Castellan Health Systems");

  // Filtering by segment.
  await page.getByLabel("Segment").selectOption({ label: "Small business" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/segment=SMB/);
  await expect(accounts).not.toContainText(BRANNOCK);
  await expect(accounts).toContainText("Pelham & Rowe Dental Group");

  // Drill down to the account.
  await page.goto("/dashboard");
  await page.getByRole("link", { name: BRANNOCK }).click();
  await expect(page.getByRole("heading", { level: 1, name: BRANNOCK })).toBeVisible();
  await expect(page.getByText("Flagged for leadership review")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why this account stands out" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Contacts" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Gordon Pryce/ })).toContainText("Repeat");
  await expect(page.getByRole("heading", { name: "Decisions" })).toBeVisible();
  const body = await page.locator("main").innerText();
  expect(body).not.toMatch(/Reported by|What happened/);
  await expectNoAxeViolations(page, "account page for leadership");
  await page.screenshot({ path: "test-results/account-page.png", fullPage: true });
  await page.screenshot({ path: "test-results/account-page-top.png" });

  // Leadership answers the review on the account page itself.
  const form = page.locator("form").filter({ has: page.getByLabel("Rationale") });
  await form.getByLabel("Decision").selectOption({ label: "Suspend the relationship" });
  await form.getByRole("button", { name: "Propose decision" }).click();
  await expect(form.getByText("Please write the rationale.")).toBeVisible();
  await form.getByLabel("Rationale").fill("Conditions did not stop it: 11 reports since June.");
  await form.getByLabel("Approver").selectOption({ label: "Harper Lindqvist (hr)" });
  await form.getByRole("radio", { name: "Yes" }).check();
  await form.getByRole("button", { name: "Propose decision" }).click();
  // A proposal until Harper approves it: the review flag stays (decision 055).
  await expect(page.getByRole("status").filter({ hasText: "Decision proposed" })).toContainText(
    "Harper Lindqvist",
  );
  await expect(page.getByText("Flagged for leadership review")).toBeVisible();
  await expect(page.getByText(/^Suspend the relationship ·/)).toBeVisible();
  await expect(page.getByText(/^Waiting for approval: proposed by/).first()).toBeVisible();
  await logout(page);
});

test("HR sees who reported on the account page; a manager sees only their team", async ({
  page,
}) => {
  await login(page, HARPER);
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "Customer accounts" })).toBeVisible();
  await page.getByLabel("Search by name, CRM id or contact").fill("Brannock");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: BRANNOCK }).click();
  await expect(page.getByRole("columnheader", { name: "Reported by" })).toBeVisible();
  await expectNoAxeViolations(page, "account page for HR");
  await page.goto("/accounts/import");
  await expectNoAxeViolations(page, "account import");
  await logout(page);

  await login(page, MORGAN);
  await page.goto("/dashboard");
  await expect(page.getByText("Customer accounts as your teams' reports show them.")).toBeVisible();
  await expectNoAxeViolations(page, "manager dashboard");
  await page.screenshot({ path: "test-results/dashboard-manager.png", fullPage: true });
});
