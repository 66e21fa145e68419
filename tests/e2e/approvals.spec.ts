import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, HARPER, login, logout } from "./helpers";

// Issue 12, items 4 and 9: HR proposes a decision on an account and names leadership as the
// approver; nothing changes until leadership, starting from the home page, approves it.

const LEE = "lee.leadership@demo.example";
const PELHAM = "Pelham & Rowe Dental Group";

test("leadership reaches the approvals page from home and approves HR's proposal", async ({
  page,
}) => {
  await login(page, HARPER);
  await page.goto("/accounts");
  await page.getByLabel("Search by name, CRM id or contact").fill("Pelham");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: PELHAM }).click();
  await expect(page.getByRole("heading", { level: 1, name: PELHAM })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByLabel("Rationale") });
  await form.getByLabel("Decision").selectOption({ label: "Keep under conditions" });
  await form.getByLabel("Rationale").fill("Three reports of shouting this quarter: conditions.");
  await form.getByLabel("Approver").selectOption({ label: "Lee Harrington (leadership)" });
  await form.getByRole("radio", { name: "Yes" }).check();
  await form.getByRole("button", { name: "Propose decision" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Decision proposed" })).toBeVisible();
  await expect(page.getByText(/^Waiting for approval: proposed by Harper/)).toBeVisible();
  await logout(page);

  await login(page, LEE);
  await page.goto("/");
  const home = page.getByRole("region", { name: "Decisions to approve" });
  await expect(home).toContainText("1 decision is waiting for your approval.");
  await home.getByRole("link", { name: "Open your approvals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: PELHAM });
  await expect(item).toContainText("Three reports of shouting this quarter");
  await expectNoAxeViolations(page, "approvals page");
  await item.getByLabel("Comment (required to reject)").fill("Agreed. Review in three months.");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toContainText(
    `Keep under conditions, ${PELHAM}: Approved. The account is now under conditions.`,
  );
  await expect(page.getByRole("region", { name: "Your recent answers" })).toContainText(PELHAM);
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Decisions to approve" })).toContainText(
    "Nothing is waiting for your approval.",
  );
  await logout(page);
});
