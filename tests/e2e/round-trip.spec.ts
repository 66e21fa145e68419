import { expect, test } from "@playwright/test";
import { chooseAccount, expectNoAxeViolations, login, logout, MORGAN, SAM } from "./helpers";

// The foundation journey: an employee files a report, their manager acknowledges it, and the
// employee sees that it was acknowledged. Every page on the way is scanned with axe.

/** A seeded customer account (prisma/seed-data.ts), chosen on the form by its visible name. */
const ACCOUNT = "Helix Biologics";

test("an employee's report reaches their manager, who acknowledges it", async ({ page }) => {
  const narrative = `The customer shouted at me during the renewal call (round trip ${Date.now()}).`;

  // Sam signs in and files a minimal report.
  await page.goto("/login");
  await expectNoAxeViolations(page, "login page");
  await login(page, SAM);
  await expect(page.getByRole("heading", { name: /^Hello, Sam/ })).toBeVisible();
  await expectNoAxeViolations(page, "employee home");

  const started = Date.now();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Report an incident" })
    .click();
  await expect(page.getByRole("heading", { name: "Report an incident" })).toBeVisible();
  await expectNoAxeViolations(page, "report form");

  await chooseAccount(page, ACCOUNT);
  await expect(page.getByLabel("When did it happen?")).not.toHaveValue(""); // default: now
  await page.getByLabel("How did it happen?").selectOption({ label: "Phone call" });
  await page.getByRole("radio", { name: /^Medium/ }).check();
  await page.getByLabel("What happened?").fill(narrative);
  await page.getByRole("button", { name: "Send report" }).click();

  const confirmation = page.getByRole("status").filter({ hasText: "has been sent" });
  await expect(confirmation).toBeVisible();
  console.log(
    `employee filed a report in ${Date.now() - started} ms (form opened to confirmation)`,
  );
  const reference = (await confirmation.textContent())?.match(/INC-\d{4}-\d{4,}/)?.[0];
  expect(reference, "the confirmation shows an INC- reference").toBeTruthy();
  await expect(page).toHaveURL(new RegExp(`/reports/${reference}\\?filed=1$`));
  await expect(confirmation).toContainText("It went to Morgan Ellis, who must acknowledge it by");
  await expect(page.getByRole("heading", { level: 1, name: reference! })).toBeVisible();
  await expect(page.getByText("Waiting for a manager")).toBeVisible();
  await expectNoAxeViolations(page, "report confirmation");
  await logout(page);

  // Morgan finds it in the queue and acknowledges it.
  await login(page, MORGAN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await expectNoAxeViolations(page, "manager queue");
  const entry = page
    .getByRole("list", { name: "Open cases" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: reference!, exact: true }) });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(ACCOUNT);
  await expect(entry).toContainText("Waiting for a manager");
  await entry.getByRole("link", { name: reference!, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: reference! })).toBeVisible();
  await expect(page.getByText(narrative)).toBeVisible();
  await expectNoAxeViolations(page, "case page");
  await page.getByRole("button", { name: "Acknowledge report" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Acknowledged. The reporter has been told." }),
  ).toBeVisible();
  await expect(page.getByText("Acknowledged", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge report" })).toHaveCount(0);
  await logout(page);

  // Sam sees the acknowledgement.
  await login(page, SAM);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My reports" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "My reports" })).toBeVisible();
  await expectNoAxeViolations(page, "my reports");
  const mine = page
    .getByRole("main")
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: reference!, exact: true }) });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Acknowledged");
  await mine.getByRole("link", { name: reference!, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: reference! })).toBeVisible();
  await expect(page.getByText("Acknowledged", { exact: true })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByRole("listitem").filter({ hasText: /^Acknowledged:/ })).toHaveCount(1);
  await expect(timeline.getByRole("listitem").filter({ hasText: /^Report submitted/ })).toHaveCount(
    1,
  );
  await expectNoAxeViolations(page, "report detail after acknowledgement");
});
