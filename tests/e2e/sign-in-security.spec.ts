import { generateTOTP } from "@epic-web/totp";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO_PASSWORD } from "../../prisma/demo-logins.mjs";
import { startTestProvider, type TestProvider } from "../fixtures/oidc-provider";
import { expectNoAxeViolations, HARPER, logout, openMenuIfFolded, SAM } from "./helpers";
import { startOwnPortal, type OwnPortal } from "./lib/own-portal";

// Sign-in as a company would run it: two-step sign-in required for HR, leadership and admins,
// and single sign-on through a real OpenID provider on loopback. This spec starts its own
// portal (the shared one runs with the demo's settings) on E2E_PORT + 50.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 50;
const BASE = `http://localhost:${PORT}`;
test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial" });

let idp: TestProvider;
let portal: OwnPortal;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  idp = await startTestProvider({ redirectUri: `${BASE}/login/sso/callback` });
  portal = await startOwnPortal(PORT, {
    TWO_FACTOR_REQUIRED: "true",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOW_HTTP_LOOPBACK: "true",
    OIDC_LABEL: "Test IdP",
  });
});

test.afterAll(async () => {
  await portal?.stop();
  await idp?.stop();
});

async function passwordSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function expectSignedIn(page: Page) {
  await expect(page).not.toHaveURL(/\/login/);
  // "Sign out" in the header, or on a phone the "Menu" that holds it.
  await expect(
    page
      .getByRole("banner")
      .locator("button, summary")
      .filter({ hasText: /^(Sign out|Menu)/, visible: true })
      .first(),
  ).toBeVisible();
}

test("HR sets up two-step sign-in after the password, then signs in with a recovery code", async ({
  page,
}) => {
  await passwordSignIn(page, HARPER);
  await expect(page.getByRole("heading", { name: "Set up two-step sign-in" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolations(page, "two-step setup");

  await page.getByLabel("Code from your app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();

  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const { otp } = await generateTOTP({ secret });
  await page.getByLabel("Code from your app").fill(otp);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText("Two-step sign-in is on.")).toBeVisible();
  const codeItems = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codeItems).toHaveCount(10);
  const codes = await codeItems.allTextContents();
  expect(codes).toHaveLength(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await expectSignedIn(page);

  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByText(/You have 10 unused recovery codes/)).toBeVisible();
  await logout(page);

  await passwordSignIn(page, HARPER);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await expectNoAxeViolations(page, "second step");
  await page.getByLabel("Code").fill(codes[0]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expectSignedIn(page);
  await logout(page);
});

test("an employee signs in through the company's identity provider", async ({ page }) => {
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Email at the identity provider").fill(SAM);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${BASE}/reports`);
  await expectSignedIn(page);
  await logout(page);
});

async function ssoAs(page: Page, email: string) {
  // Sign out at the provider too, so it asks who we are again (it remembers the last person).
  await page.context().clearCookies({ domain: "127.0.0.1" });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.getByLabel("Email at the identity provider").fill(email);
  const answer = page.waitForResponse((r) => r.url().startsWith(`${BASE}/login/sso/callback`));
  await page.getByRole("button", { name: "Continue" }).click();
  return (await answer).status();
}

test("an unknown email, a deactivated person and a wrong state are each refused with a clear page", async ({
  page,
}) => {
  expect(await ssoAs(page, "stranger@elsewhere.example")).toBe(403);
  await expect(
    page.getByRole("heading", { name: "You do not have an account here yet" }),
  ).toBeVisible();
  await expectNoAxeViolations(page, "SSO refusal");

  const db = new Database(portal.dbFile);
  db.prepare("UPDATE User SET active = 0 WHERE email = ?").run("aisha.rahman@demo.example");
  db.close();
  expect(await ssoAs(page, "aisha.rahman@demo.example")).toBe(403);
  await expect(
    page.getByRole("heading", { name: "Your account here is switched off" }),
  ).toBeVisible();

  const wrong = await page.goto("/login/sso/callback?code=made-up&state=not-the-state-we-sent");
  expect(wrong?.status()).toBe(400);
  await expect(
    page.getByRole("heading", { name: "This sign-in could not be checked" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Back to the sign-in page" }).click();
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
});

test("on a phone: change password from the account menu, and ask for a reset link", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const mei = "mei.chow@demo.example";
  await passwordSignIn(page, mei);
  await expectSignedIn(page);
  await openMenuIfFolded(page);
  await page.getByRole("link", { name: "Your account" }).click();
  await page.getByRole("link", { name: "Change your password" }).click();
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("password");
  await page.getByLabel("New password again").fill("password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Please use at least 12 characters")).toBeVisible();
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("quiet harbour lantern");
  await page.getByLabel("New password again").fill("quiet harbour lantern");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed")).toBeVisible();
  await expectNoAxeViolations(page, "account page");
  await logout(page);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Work email").fill(mei);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText(/If this address belongs to an account here/)).toBeVisible();
  await expectNoAxeViolations(page, "forgot password");

  await passwordSignIn(page, mei, "quiet harbour lantern");
  await expectSignedIn(page);
});

test("many wrong passwords are slowed down with a clear message", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 7; i++) {
    await page.getByLabel("Work email").fill("morgan.manager@demo.example");
    await page.getByLabel("Password").fill(`not the password ${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toBeVisible();
  }
  await expect(page.getByRole("alert")).toContainText(/Too many attempts.*please wait/);
});
