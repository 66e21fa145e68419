import { expect, test, type Page } from "@playwright/test";
import { chooseAccount, expectNoAxeViolations, login, SAM } from "./helpers";

// A failed report form says what to fix, next to each field, and keeps what was typed —
// in the browser (instant checks) and from the server when JavaScript is off.

const MESSAGES = {
  account: "Please choose the customer account.",
  channel: "Please choose how it happened.",
  severity: "Please choose how serious it was.",
  narrative: "Please describe what happened.",
};

/** Checks that each required field announces its own message (via aria-describedby). */
async function expectFieldMessages(page: Page, which: (keyof typeof MESSAGES)[]) {
  const controls = {
    account: page.getByLabel("Customer account"),
    channel: page.getByLabel("How did it happen?"),
    severity: page.getByRole("group", { name: /How serious was it\?/ }),
    narrative: page.getByLabel("What happened?"),
  };
  for (const key of which) {
    await expect(page.getByText(MESSAGES[key], { exact: true }), key).toBeVisible();
    await expect(controls[key], key).toHaveAccessibleDescription(new RegExp(escape(MESSAGES[key])));
  }
  // The narrative's error is tied to it by id, and the field is marked invalid.
  if (which.includes("narrative")) {
    const narrative = controls.narrative;
    await expect(narrative).toHaveAttribute("aria-invalid", "true");
    const describedBy = (await narrative.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(/\s+/).find((id) => id.endsWith("-error"));
    expect(errorId, `aria-describedby="${describedBy}" names an error`).toBeTruthy();
    await expect(page.locator(`[id="${errorId}"]`)).toHaveText(MESSAGES.narrative);
  }
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("an empty report shows a message next to every required field", async ({ page }) => {
  await login(page, SAM);
  await page.goto("/reports/new");
  await page.getByRole("button", { name: "Send report" }).click();

  await expectFieldMessages(page, ["account", "channel", "severity", "narrative"]);
  await expect(page.getByLabel("Customer account")).toBeFocused(); // first problem gets focus
  await expect(page.getByLabel("Customer account")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("When did it happen?")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/reports\/new$/);
  await expectNoAxeViolations(page, "report form with errors");
});

test("a report missing its severity keeps the typed narrative", async ({ page }) => {
  await login(page, SAM);
  await page.goto("/reports/new");
  const narrative = "They called me useless in front of the whole project team.\nTwice.";
  await page.getByLabel("How did it happen?").selectOption({ label: "Video call" });
  await page.getByLabel("What happened?").fill(narrative);
  await page.getByRole("button", { name: "Send report" }).click();

  await expectFieldMessages(page, ["account", "severity"]);
  await expect(page.getByText(MESSAGES.narrative)).toHaveCount(0);
  await expect(page.getByLabel("What happened?")).toHaveValue(narrative);
  await expect(page.getByLabel("How did it happen?")).toHaveValue("VIDEO_CALL");

  // Fixing the problems clears the messages and the report goes through.
  await chooseAccount(page, "Helix Biologics");
  await page.getByRole("radio", { name: /^Low/ }).check();
  await expect(page.getByText(MESSAGES.severity)).toHaveCount(0);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "has been sent" })).toBeVisible();
  await expect(page.getByText(narrative.split("\n")[0])).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server answers an incomplete report with field messages and keeps what was typed", async ({
    page,
  }) => {
    await login(page, SAM);
    await page.goto("/reports/new");

    // Empty: every required field gets its message from the server.
    const empty = page.waitForResponse(
      (r) => r.url().endsWith("/reports/new") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: "Send report" }).click();
    expect((await empty).status()).toBe(400);
    await expectFieldMessages(page, ["account", "channel", "severity", "narrative"]);
    await expect(page.getByLabel("When did it happen?")).not.toHaveValue("");

    // Narrative, account and channel typed, severity missing: only severity is asked for, and
    // everything typed comes back.
    const narrative = "He said he would 'make sure I never work in this industry again'.";
    // Without JavaScript the account box is plain text: the full name chooses the account.
    await page.getByLabel("Customer account").fill("Helix Biologics");
    await page.getByLabel("How did it happen?").selectOption({ label: "Email" });
    await page.getByLabel("What happened?").fill(narrative);
    const partial = page.waitForResponse(
      (r) => r.url().endsWith("/reports/new") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: "Send report" }).click();
    expect((await partial).status()).toBe(400);

    await expectFieldMessages(page, ["severity"]);
    for (const other of [MESSAGES.account, MESSAGES.channel, MESSAGES.narrative]) {
      await expect(page.getByText(other)).toHaveCount(0);
    }
    await expect(page.getByLabel("What happened?")).toHaveValue(narrative);
    await expect(page.getByLabel("Customer account")).toHaveValue("Helix Biologics");
    await expect(page.locator('input[name="accountId"]')).not.toHaveValue("");
    await expect(page.getByLabel("How did it happen?")).toHaveValue("EMAIL");
    // (No axe scan here: axe runs as JavaScript in the page. The same markup is scanned with
    // JavaScript on in the tests above.)
  });
});
