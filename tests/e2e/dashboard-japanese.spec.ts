import { expect, test } from "@playwright/test";
import { chooseLanguage, expectNoAxeViolations, login, logout, openMenuIfFolded } from "./helpers";

// Leadership in Japanese: Daniela (the demo's second leader; no other spec signs in as her)
// sets her language to Japanese on her account page, opens the dashboard from the menu and an
// account from its table, and reads both in Japanese, with money in the ja-JP style.

const DANIELA = "daniela.ruiz@demo.example";
const BRANNOCK = "Brannock Industrial Holdings"; // an account in US dollars

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("a Japanese-reading leader opens the dashboard and an account from it", async ({ page }) => {
  await login(page, DANIELA);
  await chooseLanguage(page, "en", "ja");

  await openMenuIfFolded(page);
  await page.getByRole("link", { name: "ダッシュボード" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ダッシュボード" })).toBeVisible();
  await expect(page).toHaveTitle("ダッシュボード · インシデント報告ポータル");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { name: "取引先の価値とハラスメント" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "深刻度の内訳" })).toBeVisible();
  const table = page.getByRole("table", { name: "取引先ごとのインシデントと取引価値" });
  const row = table.locator(`tr[data-account="${BRANNOCK}"]`);
  // US dollars the Japanese way: "$1,850,000", where British English writes "US$1,850,000".
  await expect(row).toContainText(/(^|[^S])\$\d{1,3}(,\d{3})+/);
  await expect(row).not.toContainText("US$");
  await expect(row).toContainText("要レビュー");
  await expect(page.getByRole("main")).not.toContainText(/Abuse against value|Severity mix/);
  await expectNoAxeViolations(page, "dashboard in Japanese on a phone");

  await row.getByRole("link", { name: BRANNOCK }).click();
  await expect(page.getByRole("heading", { level: 1, name: BRANNOCK })).toBeVisible();
  await expect(page).toHaveTitle(`${BRANNOCK} · インシデント報告ポータル`);
  await expect(page.getByText("経営層のレビュー対象です")).toBeVisible();
  await expect(page.getByRole("heading", { name: "この取引先が目立つ理由" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "取引情報" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "判断", exact: true })).toBeVisible();
  const arr = page.getByRole("definition").first();
  await expect(arr).toHaveText(/^\$\d{1,3}(,\d{3})+$/);
  await expect(page.getByRole("main")).not.toContainText(
    /Why this account stands out|Commercial|Contacts|Propose a decision/,
  );
  await expectNoAxeViolations(page, "account page in Japanese on a phone");

  // Back to English for whoever signs in as Daniela next.
  await chooseLanguage(page, "ja", "en");
  await logout(page);
});
