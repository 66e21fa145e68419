import { expect, type Page } from "@playwright/test";
import { test } from "@playwright/test";
import {
  expectNoAxeViolations,
  fillReport,
  login,
  logout,
  MORGAN,
  SAM,
  sendReport,
} from "./helpers";

// The case page's people pickers ask the server as the handler types (decision 125): on a
// phone, Morgan gives a protective measure to a manager found by a few letters, keeps "me" for
// the step on the account with the keyboard, and hands the case to another manager.

const ACCOUNT = "Helix Biologics";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function fileReport(page: Page, narrative: string) {
  await login(page, SAM);
  await page.goto("/reports/new");
  await fillReport(page, { account: ACCOUNT, channel: "Video call", severity: "High", narrative });
  const reference = await sendReport(page);
  await logout(page);
  return reference;
}

test("a handler chooses people by typing a few letters, on a phone", async ({ page }) => {
  test.setTimeout(180_000);
  const reference = await fileReport(
    page,
    `The customer's buyer shouted at me on the phone (pickers ${Date.now()}).`,
  );

  await login(page, MORGAN);
  await page.goto(`/cases/${reference}`);
  await expect(page.getByRole("heading", { level: 1, name: reference })).toBeVisible();

  // A protective measure owned by Priya: a few letters, then her name from the list.
  const measure = page.locator("form").filter({ has: page.locator("#measure") });
  await measure
    .getByLabel("Protective measure for the employee")
    .selectOption("MANAGER_JOINS_CALLS");
  const owner = measure.getByRole("combobox", { name: "Owner" });
  await expect(owner).toHaveValue("Morgan Ellis (me)"); // as before: the viewer by default
  await owner.fill("pri");
  const list = measure.getByRole("listbox", { name: "Matching people" });
  await expect(list).toBeVisible();
  await expectNoAxeViolations(page, "case page with a people picker open");
  await list.getByRole("option", { name: "Priya Raman (Manager)" }).click();
  await expect(owner).toHaveValue("Priya Raman (Manager)");
  await expect(list).toBeHidden();
  await measure.getByRole("button", { name: "Record measure" }).click();
  await expect(measure.getByRole("status").filter({ hasText: "recorded" })).toBeVisible();
  await expect(page.getByText(/Priya Raman/).first()).toBeVisible();

  // A name typed but not chosen is refused beside the field, and what was typed stays.
  const sanction = page.locator("form").filter({ has: page.locator("#sanction") });
  await sanction.getByLabel("Action on the account").selectOption("WRITTEN_WARNING");
  const sanctionOwner = sanction.getByRole("combobox", { name: "Owner" });
  await sanctionOwner.fill("Nobody by this name");
  await sanctionOwner.press("Escape");
  await sanction.getByRole("button", { name: "Record action" }).click();
  await expect(sanction.getByText("Please choose an owner from the list.").first()).toBeVisible();
  await expect(sanctionOwner).toHaveValue("Nobody by this name");
  // "Me" is offered before typing; the keyboard chooses it.
  await sanctionOwner.fill("");
  await sanctionOwner.press("ArrowDown");
  await expect(sanction.getByRole("option", { name: "Morgan Ellis (me)" })).toBeVisible();
  await sanctionOwner.press("ArrowDown");
  await sanctionOwner.press("Enter");
  await expect(sanctionOwner).toHaveValue("Morgan Ellis (me)");
  await sanction.getByRole("button", { name: "Record action" }).click();
  await expect(
    sanction.getByRole("status").filter({ hasText: "Action on the account recorded." }),
  ).toBeVisible();

  // The measure's owner changes hands from the list of actions: Tom, chosen with the keyboard.
  const actions = page.getByRole("region", { name: "Actions" });
  const measureRow = actions
    .getByRole("listitem")
    .filter({ hasText: "A manager joins all future calls" });
  const rowOwner = measureRow.getByRole("combobox", { name: "Owner" });
  await expect(rowOwner).toHaveValue("Priya Raman");
  await rowOwner.fill("achter");
  await expect(measureRow.getByRole("option", { name: "Tom Achterberg (Manager)" })).toBeVisible();
  await rowOwner.press("ArrowDown");
  await rowOwner.press("Enter");
  await expect(rowOwner).toHaveValue("Tom Achterberg (Manager)");
  await measureRow.getByRole("button", { name: "Save" }).click();
  await expect(measureRow.getByRole("status").filter({ hasText: "Action updated." })).toBeVisible();
  await expect(measureRow.getByText(/Owner Tom Achterberg/)).toBeVisible();

  // Hand the case to Ravi, found by three letters.
  const reassign = page.locator("form").filter({ has: page.locator("#toUserId") });
  const handTo = reassign.getByRole("combobox", { name: "Hand the case to" });
  await handTo.fill("rav");
  await reassign.getByRole("option", { name: /^Ravi Chandran \(Manager\)/ }).click();
  await expect(handTo).toHaveValue(/^Ravi Chandran \(Manager\)/);
  await reassign.getByLabel("Reason for reassigning").fill("Ravi knows this customer well.");
  await reassign.getByRole("button", { name: "Reassign" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The case has been reassigned." }).first(),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByText("Ravi Chandran").first()).toBeVisible();
});
