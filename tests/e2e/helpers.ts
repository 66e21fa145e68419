import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo-logins.mjs";

// Shared steps for the browser journeys: signing in and out through the real pages, and an
// accessibility scan that explains what it found.

export const SAM = "sam.employee@demo.example";
export const MORGAN = "morgan.manager@demo.example";
export const HARPER = "harper.hr@demo.example";
export { DEMO_PASSWORD };

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

/**
 * Signs in by sending the login form's fields as the form does, then opens the home page and
 * waits until the app has let us in. The login page itself is tested by clicking in
 * sign-in-security.spec.ts and security.spec.ts; loading it cold in every test's fresh browser
 * cost the suite about a second of CPU per sign-in.
 */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  const answer = await page.request.post("/login", {
    form: { email, password },
    headers: { Origin: ORIGIN },
    maxRedirects: 0,
  });
  expect(answer.status(), `sign-in of ${email}`).toBe(302);
  await page.goto("/");
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await expect(signedInControl(page)).toBeVisible();
}

/**
 * Signs in through the login page itself, as a person does. The offline journeys use it: the
 * service worker's choreography there (registered on the login page, then told who signed in)
 * is what a phone goes through.
 */
export async function loginThroughTheForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await expect(signedInControl(page)).toBeVisible();
}

const SKIP_LINK = { en: "Skip to content", es: "Ir al contenido", ja: "本文へ移動" } as const;

/**
 * Waits until the page holds the words of `lang`. When a person's language differs from the
 * page they came from (signing in or out), the app loads the page again in theirs (root.tsx);
 * `<html lang>` changes at once, the words only after that reload, so the words are what tells.
 */
export async function waitForLanguage(page: Page, lang: keyof typeof SKIP_LINK) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.locator('a[href="#main"]')).toHaveText(SKIP_LINK[lang]);
  await page.waitForLoadState("load");
}

/** "Sign out" in the header, or on a phone the "Menu" that holds it. */
function signedInControl(page: Page) {
  return page
    .getByRole("banner")
    .locator("button, summary")
    .filter({ hasText: /^(Sign out|Menu)/, visible: true })
    .first();
}

/** Opens the phone menu when the header is folded; a no-op on wider screens. */
export async function openMenuIfFolded(page: Page) {
  const menu = page.getByRole("banner").locator("summary").filter({ visible: true });
  const folded = (await menu.count()) > 0;
  if (folded && (await menu.locator("xpath=..").getAttribute("open")) === null) {
    await menu.click();
  }
}

/**
 * From the home page, as a person clicks: a link in the header (opening the phone menu first),
 * then, if given, a link on the page it opens.
 */
export async function openFromHome(page: Page, headerLink: string, pageLink?: string) {
  await page.goto("/");
  await openMenuIfFolded(page);
  await page.getByRole("banner").getByRole("link", { name: headerLink }).click();
  if (pageLink) await page.getByRole("link", { name: pageLink }).click();
}

/** The words of the account page that a language change goes through, in the current language. */
const ACCOUNT_PAGE = {
  en: { link: "Your account", field: "Language for pages and e-mails", save: "Save language" },
  ja: { link: "アカウント", field: "画面とメールの言語", save: "言語を保存する" },
} as const;
const LANGUAGE_NAME = { en: "English", ja: "日本語" } as const;
const ACCOUNT_HEADING = { en: "Your account", ja: "アカウント" } as const;

/** Changes the signed-in person's language on their account page, from the menu. */
export async function chooseLanguage(page: Page, from: "en" | "ja", to: "en" | "ja") {
  const words = ACCOUNT_PAGE[from];
  await openMenuIfFolded(page);
  await page.getByRole("link", { name: words.link }).click();
  await page.getByLabel(words.field).selectOption({ label: LANGUAGE_NAME[to] });
  await page.getByRole("button", { name: words.save }).click();
  await expect(page.getByRole("heading", { level: 1, name: ACCOUNT_HEADING[to] })).toBeVisible();
}

/** Signs out with the header's "Sign out" button and waits for the login page. */
export async function logout(page: Page) {
  await openMenuIfFolded(page);
  await page.getByRole("button", { name: /^Sign out/ }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe on the current page (WCAG 2.1 A and AA) and fails with a readable list of problems.
 * Legacy mode runs axe in the page itself: the default opens a second page to gather results
 * across frames, and our pages have none. Only violations are gathered in detail.
 */
export async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] }) // before withTags, which adds to these options
    .withTags(WCAG_TAGS)
    .setLegacyMode()
    .analyze();
  const summary = violations.map((v) => {
    const targets = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(" "))
      .join(", ");
    const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : "";
    return `  - [${v.impact ?? "?"}] ${v.id}: ${v.help}\n      at ${targets}${more}\n      ${v.helpUrl}`;
  });
  if (violations.length > 0) {
    console.log(
      `axe found ${violations.length} problem(s) on ${label} (${page.url()}):\n${summary.join("\n")}`,
    );
  }
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Fills the report form's required fields as a person does (the account by typing its name). */
export async function fillReport(
  page: Page,
  report: { account: string; typed?: string; channel: string; severity: string; narrative: string },
) {
  await chooseAccount(page, report.account, report.typed);
  await page.getByLabel("How did it happen?").selectOption({ label: report.channel });
  await page.getByRole("radio", { name: new RegExp(`^${report.severity}`) }).check();
  await page.getByLabel("What happened?").fill(report.narrative);
}

/** Sends the report form and reads the reference from the confirmation. */
export async function sendReport(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Send report" }).click();
  const confirmation = page.getByRole("status").filter({ hasText: "has been sent" });
  await expect(confirmation).toBeVisible();
  const reference = (await confirmation.textContent())?.match(/INC-\d{4}-\d{4,}/)?.[0];
  expect(reference, "the confirmation shows an INC- reference").toBeTruthy();
  return reference!;
}

/**
 * Chooses a customer account on the report form as a person does: types part of its name into
 * the account box and picks it from the list the server sends back.
 */
export async function chooseAccount(page: Page, name: string, typed = name.slice(0, 5)) {
  const box = page.getByRole("combobox", { name: /Customer account/ });
  await box.fill(typed);
  await page.getByRole("option", { name, exact: true }).click();
  await expect(box).toHaveValue(name);
}
