import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, HARPER, login, openFromHome, SAM } from "./helpers";

// Legal hold and retention as people reach them: HR opens "Legal holds" from the home page,
// places a hold on an employee's reports (a refused form first) and releases it with a reason;
// an admin opens the retention rules and their preview from the admin page.

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`HR places and releases a legal hold, by clicking from the home page (${viewport.width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await login(page, HARPER);
    await openFromHome(page, "Legal holds");
    await expect(page.getByRole("heading", { level: 1, name: "Legal holds" })).toBeVisible();
    await expectNoAxeViolations(page, `legal holds at ${viewport.width} px`);

    const matter = `Tribunal claim ${viewport.width}`;
    await page.getByLabel("Every case an employee reported").check();
    await page.getByLabel(/Case reference, account/).fill(SAM);
    await page.getByLabel("Matter name").fill(matter);
    await page.getByRole("button", { name: "Place the hold" }).click();
    await expect(page.getByText("Give the reason for the hold")).toBeVisible();
    await expect(page.getByLabel("Matter name")).toHaveValue(matter);
    await page.getByLabel(/^Reason\s*\(required\)$/).fill("A claim was filed with the tribunal.");
    await page.getByRole("button", { name: "Place the hold" }).click();
    await expect(page.getByRole("status")).toContainText("The hold is in place.");
    const hold = page.getByRole("listitem").filter({ hasText: matter });
    await expect(hold).toContainText("Sam");

    await hold
      .getByLabel(`Reason for releasing the hold “${matter}”`)
      .fill("The claim was settled.");
    await hold.getByRole("button", { name: "Release this hold" }).click();
    await expect(page.getByRole("status")).toContainText("The hold is released.");
    await expect(
      page.getByRole("region", { name: /Released holds/ }).getByText(matter),
    ).toBeVisible();
  });
}

test("an admin opens the retention rules and the purge preview from the admin page", async ({
  page,
}) => {
  await login(page, "alex.admin@demo.example");
  await openFromHome(page, "Admin", "Retention");
  await expect(page.getByRole("heading", { level: 1, name: "Retention" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /What the next run would purge/ })).toBeVisible();
  await page.getByLabel(/^Substantiated cases/).fill("0");
  await page.getByRole("button", { name: "Save the retention rules" }).click();
  await expect(page.getByText("Enter a whole number of years from 1 to 50.")).toBeVisible();
  await page.getByLabel(/^Substantiated cases/).fill("7");
  await page.getByRole("button", { name: "Save the retention rules" }).click();
  await expect(page.getByRole("status")).toContainText("The retention rules are saved.");
  await expectNoAxeViolations(page, "retention");
  // The message was for that page: it is gone once the admin moves on.
  await page.getByRole("link", { name: "Admin" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
});

test("HR downloads a person's data and a case's investigator bundle, by clicking from the home page", async ({
  page,
}) => {
  await login(page, HARPER);
  await openFromHome(page, "Legal holds", "People's data rights");
  await expectNoAxeViolations(page, "data rights");
  await page.getByLabel("The person's work email").fill(SAM);
  const [archive] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download their data (JSON)" }).click(),
  ]);
  const data = JSON.parse(await readFile((await archive.path())!, "utf8"));
  expect(JSON.stringify(data)).toContain(SAM);
  const reference: string = data.asReporter[0].reference;
  expect(reference).toMatch(/^INC-\d{4}-\d{4,}$/);

  await page.locator("#main").getByRole("link", { name: "Legal holds" }).click();
  await page.getByRole("link", { name: "Investigator bundles" }).click();
  await expectNoAxeViolations(page, "investigator bundles");
  // A reference that does not exist is refused next to the field, and what was typed stays.
  await page.getByLabel("Case reference").fill("INC-2026-99999");
  await page.getByRole("button", { name: "Download the bundle (.tar)" }).click();
  await expect(page.getByText("There is no case with this reference.")).toBeVisible();
  await expect(page.getByLabel("Case reference")).toHaveValue("INC-2026-99999");
  await page.getByLabel("Case reference").fill(reference);
  const [bundle] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the bundle (.tar)" }).click(),
  ]);
  const tar = await readFile((await bundle.path())!);
  const listing = tar.toString("latin1");
  expect(listing).toContain(`${reference}/timeline.json`);
  expect(listing).toContain(`${reference}/verify.mjs`);
});
