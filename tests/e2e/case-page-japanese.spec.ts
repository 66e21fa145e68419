import { expect, test } from "@playwright/test";
import {
  chooseLanguage,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  login,
  logout,
  openMenuIfFolded,
  waitForLanguage,
} from "./helpers";

// A manager who reads Japanese: Yuki (seeded in Japanese) files a report on a phone; her manager
// Tom sets his language to Japanese on his account page, opens the case from his queue and reads
// the case page — headings, the next step, his answer and the timeline's entries — in Japanese.
// (No other spec signs in as Tom or Yuki, so his language changes nothing elsewhere.)

const TOM = "tom.achterberg@demo.example";
const YUKI = "yuki.tanaka@demo.example";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("a Japanese-reading manager opens a case from the queue and reads it in Japanese", async ({
  page,
}) => {
  const narrative = `打ち合わせで顧客に大声で責められました（${Date.now()}）。`;
  await page.goto("/login");
  await page.getByLabel("Work email").fill(YUKI);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  // Yuki reads Japanese: the app loads the page again in her language after signing in.
  await waitForLanguage(page, "ja");
  await page.getByRole("main").getByRole("link", { name: "インシデントを報告する" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "インシデントを報告する" }),
  ).toBeVisible();
  await page.getByRole("combobox", { name: /お客様の取引先/ }).fill("heli");
  await page.getByRole("option", { name: "Helix Biologics", exact: true }).click();
  await page.getByLabel("どのような場面で起きましたか？").selectOption({ label: "電話" });
  await page.getByRole("radio", { name: /^中/ }).check();
  await page.getByLabel("何があったのですか？").fill(narrative);
  await page.getByRole("button", { name: "報告を送信する" }).click();
  const confirmation = page.getByRole("status").filter({ hasText: "を送信しました" });
  const reference = (await confirmation.textContent())?.match(/INC-\d{4}-\d{4,}/)?.[0];
  expect(reference).toBeTruthy();
  await openMenuIfFolded(page);
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  // Signed out, the sign-in page is loaded again in English before anything else is opened.
  await waitForLanguage(page, "en");

  await login(page, TOM);
  await chooseLanguage(page, "en", "ja");

  // The queue, from the (folded) menu.
  await openMenuIfFolded(page);
  await page.getByRole("link", { name: "対応待ち" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "対応待ち" })).toBeVisible();
  await expect(page).toHaveTitle("対応待ち · インシデント報告ポータル");
  const entry = page
    .getByRole("list", { name: "対応中の案件" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: reference!, exact: true }) });
  await expect(entry).toContainText("深刻度: 中");
  await expect(entry).toContainText("マネージャーの確認待ち");
  await entry.getByRole("link", { name: reference!, exact: true }).click();

  // The case page in Japanese: its headings, the next step and the timeline's entries.
  await expect(page.getByRole("heading", { level: 1, name: reference! })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { name: "案件の現状" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "起きたこと" })).toBeVisible();
  await expect(page.getByText("次にすること:")).toBeVisible();
  const timeline = page.getByRole("list", { name: "経過" });
  await expect(timeline.getByRole("listitem").first()).toContainText(
    /^報告が提出されました（深刻度: /,
  );
  // Nothing on the timeline is left in English.
  await expect(timeline.getByText(/Report submitted|Sent to|Acknowledged:/)).toHaveCount(0);
  await expectNoAxeViolations(page, "case page in Japanese on a phone");

  // Back to English for whoever signs in as Tom next.
  await chooseLanguage(page, "ja", "en");
  await logout(page);
});
