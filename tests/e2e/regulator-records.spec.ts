import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, HARPER, login, openFromHome, SAM } from "./helpers";

// Regulator records as HR reaches them: "Records" in the menu, the SB 553 log downloaded with a
// button (codes only, nobody named), the OSHA page and its refused form; and an admin previewing
// and applying a jurisdiction template from the admin page.

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`HR downloads the violent incident log and opens the OSHA page from the home page (${viewport.width} px)`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await login(page, HARPER);
    await openFromHome(page, "Records");
    await expect(
      page.getByRole("heading", { level: 1, name: "Records for regulators and counsel" }),
    ).toBeVisible();
    await expectNoAxeViolations(page, `records at ${viewport.width} px`);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the log (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^violent-incident-log_.*\.csv$/);
    const csv = await readFile(await download.path(), "utf8");
    expect(csv.split("\r\n")[0]).toContain("violence_type");
    expect(csv).toMatch(/INC-\d{4}-\d{4}/);
    expect(csv.toLowerCase()).not.toContain(SAM);
    expect(csv).not.toContain("Harper");
    // The team codes in the log are explained on the page, never in the log.
    const code = csv.match(/T-[0-9A-F]{6}/)![0];
    await page.getByText("Team codes used in the log").click();
    await expect(page.getByText(code)).toBeVisible();

    await page.getByRole("link", { name: /Mark a case recordable/ }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "OSHA recordable cases" }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: /Recordable cases in \d{4}/ })).toBeVisible();
    await page.getByLabel("Employee's job title").fill("Field engineer");
    await page.getByRole("button", { name: "Mark recordable" }).click();
    await expect(page.getByText("Enter the case reference.")).toBeVisible();
    await expect(page.getByLabel("Employee's job title")).toHaveValue("Field engineer");
    await expectNoAxeViolations(page, `OSHA page at ${viewport.width} px`);
  });
}

test("an admin previews and applies a jurisdiction template from the admin page", async ({
  page,
}) => {
  await login(page, "alex.admin@demo.example");
  await openFromHome(page, "Admin", "Jurisdiction templates");
  await expect(
    page.getByRole("heading", { level: 1, name: "Jurisdiction templates" }),
  ).toBeVisible();
  await expect(page.getByText(/Directive \(EU\) 2019\/1937/)).toBeVisible();
  await expect(page.getByText(/California Labor Code section 6401\.9/)).toBeVisible();
  await page.getByRole("button", { name: "Preview “EU whistleblowing directive”" }).click();
  const preview = page.getByRole("region", { name: /What applying EU whistleblowing/ });
  await expect(preview).toContainText("Nothing: your settings already meet this template.");
  await expectNoAxeViolations(page, "jurisdiction preview");
  await preview.getByRole("button", { name: "Apply “EU whistleblowing directive”" }).click();
  await expect(page.getByRole("status")).toContainText("is applied");
  await expect(
    page.getByRole("heading", { name: /EU whistleblowing directive\s*\(applied\)/ }),
  ).toBeVisible();
});
