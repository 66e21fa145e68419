import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, HARPER, login, logout } from "./helpers";

// The admin and HR pages the other journeys do not visit: an accessibility scan (axe, WCAG 2.1
// AA) of each on a desktop and on a phone, and an account correction through the browser that
// HR then finds in the settings history (it nudges one account's ARR by 1.00).

const ADMIN = "alex.admin@demo.example";
const ACCOUNT = "Brannock Industrial Holdings";

async function scan(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoAxeViolations(page, `${path} at ${page.viewportSize()?.width} px`);
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`admin and HR pages pass an accessibility scan at ${viewport.width} px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await login(page, ADMIN);
    await scan(page, "/admin", "Admin");
    await scan(page, "/admin/deadlines", "Deadlines");
    await scan(page, "/admin/outbox", "Outgoing mail");
    await scan(page, "/admin/audit", "Settings history");
    await scan(page, "/accounts", "Customer accounts");
    await scan(page, "/accounts/import", "Import accounts from the CRM");

    await page.goto(`/accounts?q=${encodeURIComponent(ACCOUNT)}`);
    await page.getByRole("main").getByRole("link", { name: ACCOUNT }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: ACCOUNT })).toBeVisible();
    const accountPath = new URL(page.url()).pathname;
    await scan(page, `${accountPath}/edit`, `Edit ${ACCOUNT}`);
    await scan(page, `${accountPath}/contacts/new`, "Add a contact");
    await logout(page);

    await login(page, HARPER);
    await scan(page, "/hr/verify", "Verify case timelines");
    await scan(page, "/admin/audit", "Settings history");
  });
}

test("an admin corrects an account's ARR, and HR finds the change in the settings history", async ({
  page,
}) => {
  const name = "Northwind Logistics";
  await login(page, ADMIN);
  await page.goto(`/accounts?q=${encodeURIComponent(name)}`);
  await page.getByRole("main").getByRole("link", { name }).first().click();
  await page.getByRole("link", { name: "Edit account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();

  const arr = page.getByLabel("ARR");
  const before = Number((await arr.inputValue()).replace(/,/g, ""));
  await arr.fill("-5");
  await page.getByRole("button", { name: "Save account" }).click();
  await expect(page.getByRole("alert")).toContainText("Please fix the fields marked below.");
  await expect(arr).toHaveValue("-5"); // what was typed is kept
  await expect(arr).toHaveAttribute("aria-invalid", "true");

  const after = (before + 1).toFixed(2);
  await arr.fill(after);
  await page.getByRole("button", { name: "Save account" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "The account is saved." })).toBeVisible();
  await logout(page);

  await login(page, HARPER);
  await page.goto("/admin/audit");
  const entry = page.getByRole("listitem").filter({ hasText: name }).first();
  await expect(entry).toContainText("Alex");
  await expect(entry).toContainText(/ARR: [\d,.]+ → [\d,.]+/);
});
