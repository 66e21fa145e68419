import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, login, openFromHome } from "./helpers";

// An admin reaches Integrations from the home page by clicking, creates a token, and the
// token works against the real server (a JSON POST without an Origin header, as a CRM sends
// it); once revoked it is refused.

const ADMIN = "alex.admin@demo.example";

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`an admin creates an API token and revokes it at ${viewport.width} px`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize(viewport);
    await login(page, ADMIN);
    await openFromHome(page, "Admin", "Integrations");
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
    await expectNoAxeViolations(page, `/admin/integrations at ${viewport.width} px`);

    // Nothing chosen: the form says what is missing and keeps the name.
    const name = `Browser CRM ${viewport.width}`;
    await page.getByLabel("Integration name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Please choose at least one permission.")).toBeVisible();
    await expect(page.getByLabel("Integration name")).toHaveValue(name);

    await page.getByRole("checkbox", { name: /Create and update accounts/ }).check();
    await page.getByRole("checkbox", { name: /Read accounts/ }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText(`The token “${name}” is ready.`)).toBeVisible();
    const secret = await page.getByRole("textbox", { name: "Your new token" }).inputValue();
    expect(secret).toMatch(/^ipt_/);

    const crmId = `E2E-${viewport.width}-${Date.now()}`;
    const saved = await request.post("/api/v1/accounts/batch", {
      headers: { Authorization: `Bearer ${secret}` },
      data: { accounts: [{ crm_id: crmId, name: "E2E Account", segment: "SMB", arr: "10.00" }] },
    });
    expect(saved.status()).toBe(200);
    expect(await saved.json()).toEqual({ created: 1, updated: 0 });
    const read = await request.get(`/api/v1/accounts/${crmId}`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect((await read.json()).name).toBe("E2E Account");

    await page.reload();
    const item = page.getByRole("listitem").filter({ hasText: name });
    await expect(item.getByText("Never")).toHaveCount(0); // it has been used
    await item.getByRole("button", { name: `Revoke the token ${name}` }).click();
    await expect(page.getByText("The token is revoked; it no longer works.")).toBeVisible();
    const refused = await request.get(`/api/v1/accounts/${crmId}`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
  });
}
