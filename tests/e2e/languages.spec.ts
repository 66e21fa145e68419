import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { TestSmtpServer } from "../fixtures/smtp";
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  openMenuIfFolded,
  SAM,
  waitForLanguage,
} from "./helpers";
import { startOwnPortal, type OwnPortal } from "./lib/own-portal";

// The portal in Japanese and Spanish: a Japanese-speaking employee files a report on a phone
// and her English-speaking manager gets an English mail (read from a real SMTP server on
// loopback); the report form passes axe in each language; a person changes their own language.
// This spec starts its own portal (with its mail server) on E2E_PORT + 70 (+ 60 would be 5060, a port browsers and fetch refuse).

const PORT = Number(process.env.E2E_PORT ?? 3100) + 70;
const BASE = `http://localhost:${PORT}`;
test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial" });

const HARUKA = "haruka.sato@demo.example"; // seeded with Japanese
const DIEGO = "diego.alvarez@demo.example"; // seeded with Spanish
const MORGAN = "morgan.manager@demo.example"; // their manager, in English
const ACCOUNT = "Helix Biologics";

let smtp: TestSmtpServer;
let portal: OwnPortal;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  smtp = new TestSmtpServer();
  await smtp.start();
  portal = await startOwnPortal(PORT, {
    SMTP_URL: smtp.url,
    WORKER_IN_PROCESS: "true",
    WORKER_INTERVAL_MS: "1000",
    TWO_FACTOR_REQUIRED: "false",
  });
});

test.afterAll(async () => {
  await portal?.stop();
  await smtp?.stop();
});

// `lang` is the signed-in person's language; waiting for its words keeps the next navigation
// from racing the reload into it.
async function signIn(
  page: Page,
  email: string,
  labels: { email: string; submit: string; lang: "en" | "es" | "ja" },
) {
  await page.goto("/login");
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(/^(Password|パスワード|Contraseña)$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await waitForLanguage(page, labels.lang);
}

test.describe("Japanese on a phone", () => {
  test.use({
    locale: "ja-JP",
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });

  test("files a report in Japanese; the English-speaking manager gets an English mail", async ({
    page,
  }) => {
    // Before signing in, the browser's language (Japanese) is used.
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { name: "ログイン" })).toBeVisible();
    await signIn(page, HARUKA, { email: "勤務先のメールアドレス", submit: "ログイン", lang: "ja" });

    // Her own setting (Japanese) from here on; the home page links to the form.
    await expect(page.getByRole("heading", { name: "Harukaさん、こんにちは" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "インシデントを報告する" }).click();
    await expect(page.getByRole("heading", { name: "インシデントを報告する" })).toBeVisible();
    await expect(page).toHaveTitle("インシデントを報告する · インシデント報告ポータル");

    // Sent empty: the messages are Japanese, next to their fields.
    await page.getByRole("button", { name: "報告を送信する" }).click();
    await expect(page.getByText("何があったのかを書いてください。")).toBeVisible();
    await expect(page.getByText("どのくらい深刻だったかを選んでください。")).toBeVisible();

    await page.getByRole("combobox", { name: /お客様の取引先/ }).fill("heli");
    await page.getByRole("option", { name: ACCOUNT, exact: true }).click();
    await page.getByLabel("どのような場面で起きましたか？").selectOption({ label: "電話" });
    await page.getByRole("radio", { name: /^中/ }).check();
    await page.getByRole("checkbox", { name: "暴言" }).check();
    await page.getByLabel("何があったのですか？").fill("電話で怒鳴られ、一方的に切られました。");
    await page.getByRole("button", { name: "報告を送信する" }).click();

    const confirmation = page.getByRole("status").filter({ hasText: "を送信しました" });
    await expect(confirmation).toBeVisible();
    await expect(confirmation).toContainText("報告はMorgan Ellisさんに届きました");
    const reference = (await confirmation.textContent())?.match(/INC-\d{4}-\d{4,}/)?.[0];
    expect(reference).toBeTruthy();
    // The report page in Japanese, with its words and a Japanese date.
    await expect(page.getByText("電話", { exact: true })).toBeVisible();
    await expect(page.getByText("マネージャーの確認待ち").first()).toBeVisible();
    await expect(page.getByText(/\d{4}\/\d{2}\/\d{2}/).first()).toBeVisible();

    // My reports, from the (folded) menu.
    await openMenuIfFolded(page);
    await page.getByRole("link", { name: "自分の報告" }).click();
    await expect(page.getByRole("heading", { name: "自分の報告" })).toBeVisible();
    await expect(page.getByRole("link", { name: reference! })).toBeVisible();

    // The manager's mail is in his language, English.
    await expect
      .poll(() => smtp.messages.find((m) => m.subject?.includes(reference!))?.subject, {
        timeout: 60_000,
      })
      .toBe(`New report ${reference} needs your acknowledgement`);
    const mail = smtp.messages.find((m) => m.subject?.includes(reference!))!;
    expect(JSON.stringify(mail.to)).toContain(MORGAN);
    expect(mail.text).toContain("A colleague has reported abusive conduct by a customer");
    expect(mail.text).toContain("Severity given by the reporter: medium");
    expect(mail.html).toContain('<html lang="en">');
  });

  test("axe finds no problems on the report form in Japanese", async ({ page }) => {
    await signIn(page, HARUKA, { email: "勤務先のメールアドレス", submit: "ログイン", lang: "ja" });
    await page.goto("/reports/new");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await page.getByRole("button", { name: "報告を送信する" }).click();
    await expect(page.getByText("何があったのかを書いてください。")).toBeVisible();
    await expectNoAxeViolations(page, "report form in Japanese");
  });

  test("the filing page's JavaScript stays under 150 kB gzipped", async ({ page, request }) => {
    await signIn(page, HARUKA, { email: "勤務先のメールアドレス", submit: "ログイン", lang: "ja" });
    const scripts = new Set<string>();
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.add(r.url());
    });
    await page.goto("/reports/new");
    await expect(page.getByRole("heading", { name: "インシデントを報告する" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    // Every module the page loads (entry, shared chunks, root, the route), gzipped as served.
    let total = 0;
    for (const url of scripts) total += gzipSync(await (await request.get(url)).body()).length;
    // The page's words travel in the HTML as JSON data, not as JavaScript.
    const words = await page.locator("#i18n-resources").textContent();
    console.log(
      `filing page: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} kB gzipped; ` +
        `Japanese words in the HTML: ${(gzipSync(words ?? "").length / 1024).toFixed(1)} kB gzipped`,
    );
    expect(scripts.size).toBeGreaterThan(3);
    expect(total).toBeLessThan(150 * 1024);
  });
});

test.describe("Spanish and English", () => {
  test.use({ locale: "en-GB" });

  test("axe finds no problems on the report form in Spanish and in English", async ({ page }) => {
    await signIn(page, DIEGO, { email: "Work email", submit: "Sign in", lang: "es" });
    await page.goto("/reports/new");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Informar de un incidente" })).toBeVisible();
    await page.getByRole("button", { name: "Enviar informe" }).click();
    await expect(page.getByText("Describa qué ocurrió.")).toBeVisible();
    await expectNoAxeViolations(page, "report form in Spanish");

    await page.context().clearCookies();
    await signIn(page, SAM, { email: "Work email", submit: "Sign in", lang: "en" });
    await page.goto("/reports/new");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByText("Please describe what happened.")).toBeVisible();
    await expectNoAxeViolations(page, "report form in English");
  });

  test("a person chooses their language on their account page", async ({ page }) => {
    await signIn(page, SAM, { email: "Work email", submit: "Sign in", lang: "en" });
    await page.getByRole("link", { name: "Your account" }).click();
    await page.getByLabel("Language for pages and e-mails").selectOption({ label: "Español" });
    await page.getByRole("button", { name: "Save language" }).click();
    await expect(page.getByRole("heading", { name: "Su cuenta" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("link", { name: "Mis informes" })).toBeVisible();

    // Back to English, in Spanish.
    await page.getByLabel("Idioma de las páginas y los correos").selectOption({ label: "English" });
    await page.getByRole("button", { name: "Guardar idioma" }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("the admin pages in Japanese", () => {
  test("an admin who reads Japanese opens Admin → People and a person's page by clicking", async ({
    page,
  }) => {
    await signIn(page, "alex.admin@demo.example", {
      email: "Work email",
      submit: "Sign in",
      lang: "en",
    });
    await page.getByRole("link", { name: "Your account" }).click();
    await page.getByLabel("Language for pages and e-mails").selectOption({ label: "日本語" });
    await page.getByRole("button", { name: "Save language" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "アカウント" })).toBeVisible();

    await openMenuIfFolded(page);
    await page.getByRole("banner").getByRole("link", { name: "管理", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "管理" })).toBeVisible();
    await page.getByRole("link", { name: "メンバーとチーム" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "メンバー" })).toBeVisible();
    await expect(page.getByRole("button", { name: "検索" })).toBeVisible();
    await expectNoAxeViolations(page, "people list in Japanese");

    await page.getByLabel("名前、メールアドレス、社員番号で検索").fill("sam.employee");
    await page.getByRole("button", { name: "検索" }).click();
    await page.getByRole("main").getByRole("link", { name: "Sam Whitaker" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sam Whitaker" })).toBeVisible();
    await expect(page.getByLabel("勤務先のメールアドレス")).toHaveValue(
      "sam.employee@demo.example",
    );
    await expect(page.getByRole("button", { name: "変更を保存" })).toBeVisible();
    await expectNoAxeViolations(page, "person page in Japanese");

    // A save answers with a toast in Japanese.
    await page.getByRole("button", { name: "変更を保存" }).click();
    await expect(page.getByRole("status")).toContainText("変更を保存しました。");

    // Integrations, webhooks and jurisdiction templates, from the admin home.
    await openMenuIfFolded(page);
    await page.getByRole("banner").getByRole("link", { name: "管理", exact: true }).click();
    await page.getByRole("main").getByRole("link", { name: "連携", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "連携" })).toBeVisible();
    await expect(page.getByRole("button", { name: "トークンを作成する" })).toBeVisible();
    await expectNoAxeViolations(page, "integrations in Japanese");
    await page.getByRole("link", { name: "Webhook を管理する" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhook" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "配信ログ" })).toBeVisible();
    await expectNoAxeViolations(page, "webhooks in Japanese");
    await openMenuIfFolded(page);
    await page.getByRole("banner").getByRole("link", { name: "管理", exact: true }).click();
    await page.getByRole("main").getByRole("link", { name: "法域テンプレート" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "法域テンプレート" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "EU 公益通報者保護指令" })).toBeVisible();
    await expectNoAxeViolations(page, "jurisdiction templates in Japanese");

    // Back to English, in Japanese.
    await page.getByRole("link", { name: "アカウント" }).click();
    await page.getByLabel("画面とメールの言語").selectOption({ label: "English" });
    await page.getByRole("button", { name: "言語を保存する" }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  });
});

// Last in this file: Haruka's password changes here (serial mode keeps the order).
test.describe("Japanese: own password and the offline messages", () => {
  test.use({
    locale: "ja-JP",
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    serviceWorkers: "allow", // the offline page is the service worker's
  });

  test("changes her password from her account page, and sees the offline messages in Japanese", async ({
    page,
    context,
  }) => {
    await signIn(page, HARUKA, { email: "勤務先のメールアドレス", submit: "ログイン", lang: "ja" });
    await openMenuIfFolded(page);
    await page.getByRole("link", { name: "アカウント" }).click();
    await page.getByRole("link", { name: "パスワードを変更する" }).click();
    await expect(page.getByRole("heading", { name: "パスワードを変更する" })).toBeVisible();
    await expect(page).toHaveTitle("パスワードの変更 · インシデント報告ポータル");
    await expect(page.getByText("12文字以上で入力してください。")).toBeVisible();

    // Too short: the rule's message, in Japanese, next to the field.
    await page.getByLabel("現在のパスワード").fill(DEMO_PASSWORD);
    await page.getByLabel("新しいパスワード", { exact: true }).fill("みじかい");
    await page.getByLabel("新しいパスワード（確認）").fill("みじかい");
    await page.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(
      page.getByText("12文字以上にしてください。いくつかの単語を並べると覚えやすくなります。"),
    ).toBeVisible();
    await expect(page.getByLabel("新しいパスワード", { exact: true })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expectNoAxeViolations(page, "change password in Japanese");

    await page.getByLabel("現在のパスワード").fill(DEMO_PASSWORD);
    await page.getByLabel("新しいパスワード", { exact: true }).fill("しずかな みなと の あかり");
    await page.getByLabel("新しいパスワード（確認）").fill("しずかな みなと の あかり");
    await page.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(page.getByRole("heading", { name: "アカウント" })).toBeVisible();
    await expect(page.getByTestId("toast")).toContainText(
      "パスワードを変更しました。ほかのすべての端末からログアウトしました。",
    );

    // The phone keeps the "no connection" page in her language (decision 108).
    await page.waitForFunction(async () => {
      const kept = await caches.match("/offline.html");
      return kept?.headers.get("content-language") === "ja";
    });
    await context.setOffline(true);
    await openMenuIfFolded(page);
    await page.getByRole("button", { name: /^ログアウト/ }).click();
    const noSignal = page.getByRole("dialog", { name: "ログアウトするには接続が必要です" });
    await expect(noSignal).toBeVisible();
    await noSignal.getByRole("button", { name: "OK" }).click();
    await expect(noSignal).toBeHidden();
    await page.goto("/reports");
    await expect(
      page.getByRole("heading", { name: "このページを開くには接続が必要です" }),
    ).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expectNoAxeViolations(page, "no-connection page in Japanese");
    await context.setOffline(false);
  });
});
