import { expect, test } from "@playwright/test";
import { chooseAccount, expectNoAxeViolations, login, logout, MORGAN, SAM } from "./helpers";

// The journey of issue 12: the reporter asks to be taken off the account and names a witness;
// the manager sees both at the top of the case (on a phone), arranges the request (the reporter
// sees it), asks the witness, who writes a statement in the portal; the manager resolves.

const ACCOUNT = "Helix Biologics";
const AISHA = "aisha.rahman@demo.example";
const NARRATIVE = "On the renewal call their buyer told me to get out of the industry.";
const STATEMENT = "I sat next to Sam and heard the buyer shout at Sam on speaker.";

test("support asked for is arranged and a witness statement joins the case", async ({ page }) => {
  // Sam files the report.
  await login(page, SAM);
  await page.locator("#main").getByRole("link", { name: "Report an incident" }).click();
  await chooseAccount(page, ACCOUNT);
  await page.getByLabel("How did it happen?").selectOption({ label: "Phone call" });
  await page.getByRole("radio", { name: /^High/ }).check();
  await page.getByLabel("What happened?").fill(NARRATIVE);
  await page.getByRole("checkbox", { name: "Be taken off this account" }).check();
  const witnesses = page.getByRole("group", { name: /^Witnesses/ });
  await witnesses.getByRole("searchbox").fill("aisha");
  await witnesses.getByRole("checkbox", { name: /Aisha Rahman/ }).check();
  await page.getByRole("button", { name: "Send report" }).click();
  const confirmation = page.getByRole("status").filter({ hasText: "has been sent" });
  await expect(confirmation).toBeVisible();
  const reference = (await confirmation.textContent())?.match(/INC-\d{4}-\d{4,}/)?.[0];
  expect(reference).toBeTruthy();
  await logout(page);

  // Morgan opens it, on a phone: what was asked comes before the report.
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, MORGAN);
  // (The demo queue is long and ordered by due time; the mail's link opens the case.)
  await page.goto(`/cases/${reference}`);
  await expect(page.getByRole("heading", { level: 1, name: reference! })).toBeVisible();
  const asked = page.getByRole("region", { name: "What the employee asked for" });
  await expect(asked).toContainText("Be taken off this account");
  await expect(asked).toContainText("Not answered yet.");
  const askedTop = (await asked.boundingBox())!.y;
  const reportTop = (await page.getByRole("heading", { name: "What happened" }).boundingBox())!.y;
  expect(askedTop).toBeLessThan(reportTop);
  const people = page.getByRole("region", { name: "People in the report" });
  await expect(people).toContainText("Aisha Rahman");
  await expectNoAxeViolations(page, "case page on a phone");

  await asked.getByRole("radio", { name: "Arranged" }).check();
  await asked
    .getByLabel(/^Reason or note for the employee/)
    .fill("From Monday Jordan covers Helix; you are off the account.");
  await asked.getByRole("button", { name: "Save answer: Be taken off this account" }).click();
  await expect(asked.getByRole("status")).toHaveText(
    "Marked as arranged. The reporter has been told.",
  );
  await expect(asked).toContainText("Arranged on");

  await people.getByRole("button", { name: "Ask Aisha Rahman for a statement" }).click();
  await expect(people).toContainText("Statement asked for");
  await logout(page);

  // Sam sees the answer on the report.
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, SAM);
  await page.getByRole("link", { name: reference! }).first().click();
  await expect(page.getByRole("region", { name: "What you reported" })).toContainText(
    "Be taken off this account: arranged (From Monday Jordan covers Helix; you are off the account.)",
  );
  await logout(page);

  // Aisha writes her statement from the start page; she sees nothing of the report.
  await login(page, AISHA);
  await page
    .getByRole("link", { name: /^Write your statement/ })
    .first()
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Your witness statement for ${reference}` }),
  ).toBeVisible();
  await expect(page.getByText(NARRATIVE)).toHaveCount(0);
  await expect(page.getByText(ACCOUNT)).toHaveCount(0);
  await expectNoAxeViolations(page, "witness statement page");
  await page.getByLabel("Your statement").fill(STATEMENT);
  await page.getByRole("button", { name: "Send statement" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Thank you. Your statement has been added to the case.",
  );
  await logout(page);

  // Morgan reads it and resolves the case.
  await login(page, MORGAN);
  // (The demo queue is long and ordered by due time; the mail's link opens the case.)
  await page.goto(`/cases/${reference}`);
  await expect(page.getByRole("region", { name: "People in the report" })).toContainText(STATEMENT);
  await page.getByLabel("Resolve with outcome").selectOption("SUBSTANTIATED");
  await page.getByRole("button", { name: "Resolve case" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The case is resolved." }).first(),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reopen" })).toBeVisible();
});
