import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { extractPdfText } from "../fixtures/pdf-text";
import {
  chooseAccount,
  expectNoAxeViolations,
  HARPER,
  login,
  logout,
  MORGAN,
  SAM,
  sendReport,
} from "./helpers";

// The journey of issue 12: the reporter asks to be taken off the account and names a witness;
// the manager sees both at the top of the case (on a phone), arranges the request (the reporter
// sees it), asks the witness, who writes a statement in the portal; manager and reporter exchange
// messages; the manager resolves; HR downloads the case file, which holds the statement, the
// messages and the names as written (Greek, Cyrillic).

const ACCOUNT = "Helix Biologics";
const AISHA = "aisha.rahman@demo.example";
const NARRATIVE = "On the renewal call their buyer told me to get out of the industry.";
const STATEMENT = "I sat next to Sam and heard the buyer shout at Sam on speaker.";
// The customer's buyer, as Sam writes the name: in Greek.
const BUYER = "Γιώργος Παπαδόπουλος";
const TO_SAM = "Jordan takes over Helix from Monday. Tell me if the buyer contacts you again.";
const FROM_SAM = "Thank you. Иван Петров also heard it; the buyer called again this morning.";

test("support asked for is arranged, a witness statement and messages join the case file", async ({
  page,
}) => {
  test.setTimeout(240_000); // five sign-ins on a shared, slow machine
  // Sam files the report.
  await login(page, SAM);
  await page.locator("#main").getByRole("link", { name: "Report an incident" }).click();
  await chooseAccount(page, ACCOUNT);
  await page
    .getByLabel("Who at the customer?")
    .selectOption({ label: "Not in the list: add a new contact" });
  await page.getByLabel("New contact's name").fill(BUYER);
  await page.getByLabel("How did it happen?").selectOption({ label: "Phone call" });
  await page.getByRole("radio", { name: /^High/ }).check();
  await page.getByLabel("What happened?").fill(NARRATIVE);
  await page.getByRole("checkbox", { name: "Be taken off this account" }).check();
  const witnesses = page.getByRole("group", { name: /^Witnesses/ });
  await witnesses.getByRole("searchbox").fill("aisha");
  await witnesses.getByRole("checkbox", { name: /Aisha Rahman/ }).check();
  const reference = await sendReport(page);
  await logout(page);

  // Morgan opens it, on a phone: what was asked comes before the report.
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, MORGAN);
  // (The demo queue is long and ordered by due time; the mail's link opens the case.)
  await page.goto(`/cases/${reference}`);
  await expect(page.getByRole("heading", { level: 1, name: reference })).toBeVisible();
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

  const messages = page.getByRole("region", { name: "Messages with the reporter" });
  await messages.getByLabel("Message to the reporter").fill(TO_SAM);
  await messages.getByRole("button", { name: "Send message" }).click();
  await expect(messages.getByRole("list", { name: "Messages" })).toContainText(TO_SAM);
  await logout(page);

  // Sam sees the answer and the message on the report, and replies.
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, SAM);
  await page.getByRole("link", { name: reference }).first().click();
  await expect(page.getByRole("region", { name: "What you reported" })).toContainText(
    "Be taken off this account: arranged (From Monday Jordan covers Helix; you are off the account.)",
  );
  await expect(page.getByText(TO_SAM)).toBeVisible();
  await page.getByLabel("Write a message").fill(FROM_SAM);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
  await expect(page.getByText(FROM_SAM)).toBeVisible();
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
  await expect(page.getByText(BUYER)).toHaveCount(0);
  await expectNoAxeViolations(page, "witness statement page");
  await page.getByLabel("Your statement").fill(STATEMENT);
  await page.getByRole("button", { name: "Send statement" }).click();
  // Sent: the page shows the statement as given, under a thank-you toast.
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "Thank you. Your statement has been added to the case." }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Sent / })).toBeVisible();
  await logout(page);

  // Morgan reads the statement and Sam's reply, and resolves the case.
  await login(page, MORGAN);
  await page.goto(`/cases/${reference}`);
  await expect(page.getByRole("region", { name: "People in the report" })).toContainText(STATEMENT);
  await expect(page.getByRole("region", { name: "Messages with the reporter" })).toContainText(
    FROM_SAM,
  );
  await page.getByLabel("Resolve with outcome").selectOption("SUBSTANTIATED");
  await page.getByRole("button", { name: "Resolve case" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The case is resolved." }).first(),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reopen" })).toBeVisible();
  // Exports are HR's: the manager has no download.
  await expect(page.getByRole("button", { name: "Download case file (PDF)" })).toHaveCount(0);
  await logout(page);

  // Harper (HR) downloads the case file; its text is read back as a PDF reader reads it.
  await login(page, HARPER);
  await page.goto(`/cases/${reference}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download case file (PDF)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${reference}.pdf`);
  // (Wrapped lines joined again: where a line breaks depends on the font's widths.)
  const text = (await extractPdfText(await readFile((await download.path())!))).replace(/\n/g, " ");
  expect(text).toContain(`Case file ${reference}`);
  expect(text).toContain(`Customer contacts: ${BUYER}`);
  expect(text).toMatch(/Be taken off this account: Arranged by Morgan [^ ]+ on /);
  expect(text).toContain("From Monday Jordan covers Helix; you are off the account.");
  expect(text).toContain(TO_SAM);
  expect(text).toContain(FROM_SAM);
  expect(text).toMatch(/Aisha Rahman: statement asked .+, given /);
  expect(text).toContain(STATEMENT);
  expect(text).toContain("Outcome: Substantiated");
  expect(text).toMatch(/Hash chain verified: \d+ events, unbroken\./);
});
