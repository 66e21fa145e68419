import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, HARPER, login, openMenuIfFolded } from "./helpers";

// HR's case search (docs/decisions/086): found by reference and by account name through the
// full-text index, older cases a link away, and a search the index cannot take answered next
// to the field with what was typed kept. On a phone and on a desktop.

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
]) {
  test(`HR searches the case histories (${viewport.width} px wide)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await login(page, HARPER);
    await openMenuIfFolded(page);
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Histories" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Case histories" })).toBeVisible();

    // The demo has more cases than one page: the next is a link away and starts after it.
    const firstRef = await page.locator("table tbody tr a[href^='/cases/']").first().innerText();
    await page.getByRole("link", { name: "Older cases" }).click();
    await expect(page).toHaveURL(/after=/);
    await expect(page.getByRole("link", { name: firstRef, exact: true })).toHaveCount(0);
    await page.getByRole("link", { name: "Back to the newest" }).click();
    await expect(page.getByRole("link", { name: firstRef, exact: true })).toBeVisible();

    // By reference.
    const search = page.getByLabel("Search", { exact: true });
    // Submits the search and waits for its page (a later search must not race an earlier one).
    const searchFor = async (q: string) => {
      await search.fill(q);
      await page.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL((u) => u.searchParams.get("q") === q);
    };
    await searchFor(firstRef);
    await expect(page.getByRole("status").filter({ hasText: "Showing 1 case" })).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: firstRef }) });
    await expect(row).toBeVisible();

    // By the account's name, as a phrase.
    const accountName = await row.locator("a[href^='/hr/accounts/']").first().innerText();
    await searchFor(`"${accountName}"`);
    await expect(page.getByRole("link", { name: accountName }).first()).toBeVisible();
    await expectNoAxeViolations(page, "HR case search");

    // Search syntax is plain text here; too short a search is explained next to the field.
    await searchFor('NEAR( "* -');
    await expect(page.getByRole("status").filter({ hasText: "No cases match." })).toBeVisible();
    await searchFor("zq");
    await expect(
      page.getByText("Include at least one word of 3 or more characters."),
    ).toBeVisible();
    await expect(page.getByLabel("Search", { exact: true })).toHaveValue("zq");
    await expect(page.getByLabel("Search", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expectNoAxeViolations(page, "HR case search with a problem");
  });
}
