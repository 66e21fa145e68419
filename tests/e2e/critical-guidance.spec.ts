import { expect, test } from "@playwright/test";
import { fillReport, login, logout, openFromHome, SAM } from "./helpers";

// The guidance after a critical report, as people meet it: an admin writes it from the admin
// home, and an employee who files "Critical: I feel unsafe now" on a phone reads it first.

const ADMIN = "alex.admin@demo.example";

test("an admin's guidance is what an employee reads after a critical report", async ({ page }) => {
  const line = `Security desk: extension ${Date.now() % 10000}`;
  await login(page, ADMIN);
  await openFromHome(page, "Admin", "Guidance after a critical report");
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
  await fillReport(page, {
    account: "Helix Biologics",
    typed: "helix",
    channel: "Phone call",
    severity: "Critical",
    narrative: "He said he would come to the office and hurt me.",
  });
  await page.getByRole("button", { name: "Send report" }).click();
  const guidance = page.getByRole("region", { name: /feel unsafe/i });
  await expect(guidance).toContainText(line);
  await expect(guidance).toContainText("You may end the call at any time.");
});
