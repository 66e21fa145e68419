import { describe, expect, it } from "vitest";
import { describeAudit } from "~/domain/audit-text";
import { listAuditEvents } from "~/models/audit-log.server";
import { DELIVERY_PAGE } from "~/models/webhook.server";
import * as webhookRoute from "~/routes/admin.webhooks.$id";
import * as webhooksRoute from "~/routes/admin.webhooks._index";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// The webhook admin pages through their real loaders and actions: clear messages for bad
// input, the secret shown once, every change in the settings history, the log paged by key.

const { db, org } = await orgForThisFile("wa");
const cookie = await loginCookie(org.admin.email);

type CreateAnswer = {
  ok: boolean;
  secret?: string;
  fieldErrors?: Record<string, string[]>;
  values?: { url: string; events: string[] };
};

const post = (path: string, fields: Record<string, string | string[]>) =>
  postRequest(path, fields, { cookie });

describe("webhook admin pages", () => {
  it("explains a wrong address and missing events next to the fields, keeping what was typed", async () => {
    const answer = await call(
      webhooksRoute.action,
      post("/admin/webhooks", { intent: "create", url: "http://10.0.0.1/hook", events: [] }),
    );
    expect(answer.status).toBe(400);
    const body = answer.body as CreateAnswer;
    expect(body.fieldErrors?.url?.[0]).toMatch(/https:\/\//);
    expect(body.fieldErrors?.events).toEqual(["Please choose at least one event."]);
    expect(body.values?.url).toBe("http://10.0.0.1/hook");
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("registers, changes, tests, renews the secret of and deletes an endpoint, each in the settings history", async () => {
    const created = await call(
      webhooksRoute.action,
      post("/admin/webhooks", {
        intent: "create",
        url: "https://hooks.example.com/portal",
        description: "CRM case sync",
        events: ["incident.filed", "case.resolved"],
      }),
    );
    expect(created.status).toBe(200);
    const secret = (created.body as CreateAnswer).secret!;
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    const endpoint = await db.webhookEndpoint.findFirstOrThrow();
    expect(endpoint.events).toBe("case.resolved incident.filed");

    // Shown once: neither page shows it again.
    const list = await call(webhooksRoute.loader, getRequest("/admin/webhooks", cookie));
    const page = await call(
      webhookRoute.loader,
      getRequest(`/admin/webhooks/${endpoint.id}`, cookie),
      { id: endpoint.id },
    );
    expect(JSON.stringify(list.body)).toContain("https://hooks.example.com/portal");
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(page.body)).not.toContain(secret);

    const path = `/admin/webhooks/${endpoint.id}`;
    const params = { id: endpoint.id };
    const bad = await call(
      webhookRoute.action,
      post(path, { intent: "save", url: "https://localhost/x", events: ["case.resolved"] }),
      params,
    );
    expect(bad.status).toBe(400);
    const saved = await call(
      webhookRoute.action,
      post(path, {
        intent: "save",
        url: "https://hooks.example.com/portal",
        description: "CRM case sync",
        events: ["case.resolved"],
      }),
      params,
    );
    expect(saved.status).toBe(200);
    expect(
      await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
    ).toMatchObject({ events: "case.resolved", active: false });

    expect((await call(webhookRoute.action, post(path, { intent: "test" }), params)).status).toBe(
      200,
    );
    expect(await db.webhookDelivery.count({ where: { type: "portal.test" } })).toBe(1);

    const rotated = await call(webhookRoute.action, post(path, { intent: "rotate" }), params);
    const newSecret = (rotated.body as { secret: string }).secret;
    expect(newSecret).not.toBe(secret);
    expect(
      (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret,
    ).toBe(newSecret);

    const deleted = await call(webhookRoute.action, post(path, { intent: "delete" }), params);
    expect(deleted.status).toBe(302);
    expect(await db.webhookEndpoint.count()).toBe(0);
    const gone = await call(webhookRoute.loader, getRequest(path, cookie), params);
    expect(gone.status).toBe(404);

    const { events } = await listAuditEvents(db, { take: 10, skip: 0, subjectType: "WEBHOOK" });
    const lines = events.map((e) => describeAudit(e, { subjectLabel: e.subject?.label }));
    expect(lines.reverse()).toEqual([
      "Registered the webhook “https://hooks.example.com/portal” for case.resolved, incident.filed",
      "Changed the webhook “https://hooks.example.com/portal”: status: active → disabled; events: case.resolved, incident.filed → case.resolved",
      "Sent a test event to the webhook “https://hooks.example.com/portal”",
      "Made a new signing secret for the webhook “https://hooks.example.com/portal”",
      "Deleted the webhook “https://hooks.example.com/portal”",
    ]);
    expect(events.every((e) => e.actorName === org.admin.name)).toBe(true);
  });

  it("pages the delivery log by key, newest first", async () => {
    const endpoint = await db.webhookEndpoint.create({
      data: {
        url: "https://hooks.example.com/log",
        events: "incident.filed",
        secret: "whsec_x",
        secretPrefix: "whsec_x",
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const t0 = Date.now();
    await db.webhookDelivery.createMany({
      data: Array.from({ length: DELIVERY_PAGE + 5 }, (_, i) => ({
        eventId: `evt_${i}`,
        endpointId: endpoint.id,
        type: "incident.filed",
        reference: `INC-2026-${String(i).padStart(6, "0")}`,
        body: "{}",
        nextAttemptAt: new Date(t0),
        // Two rows share each time: the id breaks the tie.
        createdAt: new Date(t0 + Math.floor(i / 2) * 1000),
      })),
    });
    type Page = { log: { reference: string }[]; next: string | null };
    const first = (await call(webhooksRoute.loader, getRequest("/admin/webhooks", cookie)))
      .body as Page;
    expect(first.log).toHaveLength(DELIVERY_PAGE);
    expect(first.log[0].reference).toMatch(/00002[89]$/);
    const second = (
      await call(
        webhooksRoute.loader,
        getRequest(`/admin/webhooks?before=${encodeURIComponent(first.next!)}`, cookie),
      )
    ).body as Page;
    expect(second.log).toHaveLength(5);
    expect(second.next).toBeNull();
    const all = [...first.log, ...second.log].map((r) => r.reference);
    expect(new Set(all).size).toBe(DELIVERY_PAGE + 5);
  });
});
