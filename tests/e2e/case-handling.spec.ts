import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { extractPdfText } from "../fixtures/pdf-text";
import {
  expectNoAxeViolations,
  fillReport,
  HARPER,
  login,
  logout,
  MORGAN,
  SAM,
  sendReport,
} from "./helpers";

// Issue 5's journey: Sam reports; Morgan acknowledges, assesses, protects Sam, warns the customer
// in writing, updates Sam and resolves; Harper (HR) opens Sam's and the account's histories,
// verifies the chain and downloads the PDF case file, whose text is checked here.

const ACCOUNT = "Helix Biologics";

test("a manager handles a case from the ladder; HR reviews, verifies and exports it", async ({
  page,
}) => {
  test.setTimeout(240_000); // a long journey through three accounts on a shared, slow machine
  const narrative = `Their project lead called me useless in front of the team (journey ${Date.now()}).`;

  await login(page, SAM);
  await page.goto("/reports/new");
  await fillReport(page, { account: ACCOUNT, channel: "Video call", severity: "High", narrative });
  const reference = await sendReport(page);
  await logout(page);

  // Morgan handles it.
  await login(page, MORGAN);
  await page.goto(`/cases/${reference}`);
  await expect(page.getByRole("heading", { level: 1, name: reference })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Account figures" })).toHaveCount(0);
  await page.getByRole("button", { name: "Acknowledge report" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Acknowledged. The reporter has been told." })
      .first(),
  ).toBeVisible();

  await page.getByLabel("Assessed severity").selectOption("HIGH");
  await page.getByRole("checkbox", { name: "Verbal abuse" }).check();
  await page.getByRole("button", { name: "Record assessment" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Assessment recorded." }).first(),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Account figures" })).toBeVisible();
  await expectNoAxeViolations(page, "case page after assessment");

  await page.getByLabel("Protective measure for the employee").selectOption("MANAGER_JOINS_CALLS");
  await page.getByRole("button", { name: "Record measure" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Protective measure recorded." }).first(),
  ).toBeVisible();

  await page.getByLabel("Action on the account").selectOption("WRITTEN_WARNING");
  await page.locator("#sanction-due").fill("2030-01-31");
  // The owner is found by typing (the page carries no list of people): Harper, from HR.
  await page.getByRole("combobox", { name: "Owner" }).nth(1).fill("harp");
  await page
    .getByRole("listbox", { name: "Matching people" })
    .getByRole("option", { name: "Harper Lindqvist (HR)" })
    .click();
  await expect(page.getByRole("combobox", { name: "Owner" }).nth(1)).toHaveValue(
    "Harper Lindqvist (HR)",
  );
  await page.getByRole("button", { name: "Record action" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Action on the account recorded." }).first(),
  ).toBeVisible();
  await expect(page.getByText(/Harper Lindqvist/).first()).toBeVisible();

  await page
    .getByLabel("Update for the reporter")
    .fill("A written warning has gone to the customer.");
  await page.getByRole("button", { name: "Send update" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Your update has been sent to the reporter." })
      .first(),
  ).toBeVisible();

  await page.getByLabel("Resolve with outcome").selectOption("SUBSTANTIATED");
  await page.getByRole("button", { name: "Resolve case" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The case is resolved." }).first(),
  ).toBeVisible();
  await logout(page);

  // Harper reviews it.
  await login(page, HARPER);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Histories" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Case histories" })).toBeVisible();
  await expectNoAxeViolations(page, "HR case histories");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference }) });
  await row.getByRole("link", { name: /^Sam / }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^History of Sam/ })).toBeVisible();
  await expect(page.getByRole("link", { name: reference })).toBeVisible();
  await expect(page.getByText("A manager joins all future calls").first()).toBeVisible();
  await expectNoAxeViolations(page, "employee history");

  await page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: reference }) })
    .getByRole("link", { name: ACCOUNT })
    .click();
  await expect(page).toHaveURL(/\/hr\/accounts\//, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: `History of ${ACCOUNT}` })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("Written warning to the customer").first()).toBeVisible();
  await expectNoAxeViolations(page, "account history");

  await page.goto(`/hr/verify?reference=${reference}`);
  await expect(
    page.getByRole("status").filter({ hasText: "All 1 timeline is intact." }).first(),
  ).toBeVisible();

  await page.goto(`/cases/${reference}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download case file (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${reference}.pdf`);
  const text = await extractPdfText(await readFile((await download.path())!));
  expect(text).toContain(`Case file ${reference}`);
  expect(text).toContain("Their project lead called me useless in front of the team");
  expect(text).toContain("Protective: A manager joins all future calls");
  expect(text).toContain("Written warning to the customer");
  expect(text).toContain("Outcome: Substantiated");
  expect(text).toMatch(/Hash chain verified: \d+ events, unbroken\./);
});
