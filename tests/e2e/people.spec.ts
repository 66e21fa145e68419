import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, login, openFromHome } from "./helpers";

// People and teams as an admin reaches them: from the home page by clicking, add a person (who
// is invited by mail), then put a team under another one. Both screens pass an accessibility
// scan at phone width too.

const ADMIN = "alex.admin@demo.example";

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`an admin adds a person and edits a team, by clicking from the home page (${viewport.width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await login(page, ADMIN);
    await openFromHome(page, "Admin", "People and teams");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    await expectNoAxeViolations(page, `people list at ${viewport.width} px`);

    await page.getByRole("link", { name: "Add a person" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add a person" })).toBeVisible();
    await expectNoAxeViolations(page, `new person at ${viewport.width} px`);
    const email = `new.starter.${viewport.width}@demo.example`;
    // A refused form first: the manager is unknown; what was typed stays.
    await page.getByLabel("Name").fill("Nell Starter");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Employee id").fill(`NEW-${viewport.width}`);
    await page.getByLabel("Team").selectOption({ label: "Billing" });
    await page.getByLabel("Manager").fill("nobody@demo.example");
    await page.getByRole("button", { name: "Add and send the invitation" }).click();
    await expect(page.getByText("Nobody has this work email or employee id.")).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("Nell Starter");
    await page.getByLabel("Manager").fill("morgan.manager@demo.example");
    await page.getByRole("button", { name: "Add and send the invitation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Nell Starter" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("invitation");
    await expect(page.getByText("Has not set a password yet.")).toBeVisible();

    await page.getByRole("main").getByRole("link", { name: "People", exact: true }).click();
    await page.getByLabel("Search by name, email or employee id").fill("Nell Starter");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(
      page.getByRole("main").getByRole("link", { name: "Nell Starter" }).first(),
    ).toBeVisible();

    await page.getByRole("main").getByRole("link", { name: "Teams" }).click();
    await page.getByRole("link", { name: "Billing" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
    await expectNoAxeViolations(page, `team page at ${viewport.width} px`);
    await page.getByLabel("Part of").selectOption({ label: "Account Management" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toContainText("Changes saved");
    await page.getByRole("main").getByRole("link", { name: "Teams", exact: true }).click();
    await expect(page.getByText("part of Account Management").first()).toBeVisible();
  });
}
