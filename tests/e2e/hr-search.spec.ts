import { expect, test } from "@playwright/test";
import { chooseLanguage, expectNoAxeViolations, HARPER, login, openMenuIfFolded } from "./helpers";

const NADIA = "nadia.osei@demo.example";

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

// An HR person who reads Japanese: Histories, the list's headings and an account's history in
// Japanese, on a phone, and axe finds nothing. Nadia sets the language on her account page
// and sets it back at the end (other journeys do not sign in as her).
test("HR reads the case histories in Japanese (390 px wide)", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, NADIA);
  await chooseLanguage(page, "en", "ja");
  try {
    // From the home page (the account page reloads itself in the new language).
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await openMenuIfFolded(page);
    await page
      .getByRole("navigation", { name: "メイン" })
      .getByRole("link", { name: "履歴" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "案件の履歴" })).toBeVisible();
    await expect(page.getByLabel("検索", { exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "深刻度" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "新しい順に表示" })).toBeVisible();
    await expectNoAxeViolations(page, "HR case histories in Japanese");

    const account = page.locator("table tbody tr a[href^='/hr/accounts/']").first();
    const name = await account.innerText();
    await account.click();
    await expect(page.getByRole("heading", { level: 1, name: `${name} の履歴` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /^案件（\d+件）$/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "取引先への措置" })).toBeVisible();
    await expect(page).toHaveTitle(`${name} の履歴 · インシデント報告ポータル`);
    await expectNoAxeViolations(page, "an account's history in Japanese");
  } finally {
    await page.goto("/account");
    await page.getByLabel("画面とメールの言語").selectOption({ label: "English" });
    await page.getByRole("button", { name: "言語を保存する" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  }
});
