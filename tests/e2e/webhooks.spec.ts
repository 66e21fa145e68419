import { expect, test } from "@playwright/test";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expectNoAxeViolations, login, openFromHome } from "./helpers";

// An admin reaches Webhooks from the home page by clicking, registers a receiver running in
// this test on loopback, copies the secret shown once, sends a test event and sees it
// delivered in the log; the receiver checks the signature as the README tells integrators to.

const ADMIN = "alex.admin@demo.example";

type Got = { id: string; type: string; valid: boolean };

function verify(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2)));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ""), "hex");
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`an admin registers a webhook and sees a delivery at ${viewport.width} px`, async ({
    page,
  }) => {
    let secret = "";
    const got: Got[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const valid = verify(secret, body, String(req.headers["portal-signature"] ?? ""));
        got.push({
          id: String(req.headers["portal-event-id"]),
          type: JSON.parse(body).type,
          valid,
        });
        res.writeHead(valid ? 204 : 400).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${viewport.width}`;
    try {
      await page.setViewportSize(viewport);
      await login(page, ADMIN);
      await openFromHome(page, "Admin", "Integrations");
      await page.getByRole("link", { name: "Manage webhooks" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
      await expectNoAxeViolations(page, `/admin/webhooks at ${viewport.width} px`);

      // A wrong address: the form says why and keeps what was typed.
      const address = page.getByLabel("Address that receives the events");
      await address.fill("http://hooks.example.com/portal");
      await page.getByRole("checkbox", { name: /A report is filed/ }).check();
      await page.getByRole("button", { name: "Register endpoint" }).click();
      await expect(page.getByText("The address must start with https://.")).toBeVisible();
      await expect(address).toHaveValue("http://hooks.example.com/portal");

      await address.fill(url);
      await page.getByRole("checkbox", { name: /A case is resolved/ }).check();
      await page.getByRole("button", { name: "Register endpoint" }).click();
      await expect(page.getByText(`The webhook to ${url} is registered.`)).toBeVisible();
      secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
      expect(secret).toMatch(/^whsec_/);

      await page.getByRole("link", { name: `Manage the webhook to ${url}` }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(url);
      await page.getByRole("button", { name: "Send a test event" }).click();
      await expect(page.getByText("A test event is queued")).toBeVisible();
      await expectNoAxeViolations(page, `/admin/webhooks/:id at ${viewport.width} px`);

      // The worker (every second in the test server) delivers it; the log shows it.
      const log = page.getByRole("list", { name: "Webhook deliveries" });
      await expect(async () => {
        await page.reload();
        await expect(log.getByText("Delivered")).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 60_000 });
      await expect(log.getByText("portal.test")).toBeVisible();
      await expect(log.getByText("HTTP 204")).toBeVisible();
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ type: "portal.test", valid: true });
      await expect(log.getByText(got[0].id)).toBeVisible();

      // Deleted: gone from the list.
      await page.getByRole("button", { name: "Delete this webhook" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
      await expect(page.getByRole("link", { name: `Manage the webhook to ${url}` })).toHaveCount(0);
    } finally {
      server.close();
    }
  });
}
