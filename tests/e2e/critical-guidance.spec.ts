import { expect, test } from "@playwright/test";
import { chooseAccount, login, logout, openMenuIfFolded, SAM } from "./helpers";

// The guidance after a critical report, as people meet it: an admin writes it from the admin
// home, and an employee who files "Critical: I feel unsafe now" on a phone reads it first.

const ADMIN = "alex.admin@demo.example";

test("an admin's guidance is what an employee reads after a critical report", async ({ page }) => {
  const line = `Security desk: extension ${Date.now() % 10000}`;
  await login(page, ADMIN);
  await page.goto("/");
  await openMenuIfFolded(page);
  await page.getByRole("banner").getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "Guidance after a critical report" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Guidance after a critical report" }),
  ).toBeVisible();
  await page.getByLabel("Guidance").fill(`${line}\nYou may end the call at any time.`);
  await page.getByRole("button", { name: "Save guidance" }).click();
  await expect(page.getByRole("status")).toHaveText("The guidance is saved.");
  await logout(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, SAM);
  await page.locator("#main").getByRole("link", { name: "Report an incident" }).click();
  await chooseAccount(page, "Helix Biologics", "helix");
  await page.getByLabel("How did it happen?").selectOption({ label: "Phone call" });
  await page.getByRole("radio", { name: /^Critical/ }).check();
  await page.getByLabel("What happened?").fill("He said he would come to the office and hurt me.");
  await page.getByRole("button", { name: "Send report" }).click();
  const guidance = page.getByRole("region", { name: /feel unsafe/i });
  await expect(guidance).toContainText(line);
  await expect(guidance).toContainText("You may end the call at any time.");
});
