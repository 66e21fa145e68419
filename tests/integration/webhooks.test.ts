import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS } from "~/domain/backoff";
import { WEBHOOK_EVENTS, type WebhookEventType } from "~/domain/webhooks";
import { sweepDeadlines } from "~/jobs/deadline-sweep.server";
import {
  deliverDueWebhooks,
  ENDPOINT_PROBE_MS,
  EndpointCircuits,
} from "~/jobs/webhook-outbox.server";
import { recordDecision, reviewDecision } from "~/models/decision.server";
import { resolveIncident } from "~/models/incident-handling.server";
import {
  createWebhookEndpoint,
  retryWebhookDelivery,
  sendTestWebhook,
  updateWebhookEndpoint,
} from "~/models/webhook.server";
import { fileThreatReport, orgForThisFile } from "../fixtures/org";
import { WebhookReceiver } from "../fixtures/webhook-receiver";
import { postWebhook } from "~/jobs/webhook-post.server";

// Webhooks end to end against a real HTTP receiver on loopback that verifies every signature,
// goes down for a while and comes back.

const { db, org } = await orgForThisFile();
const receiver = new WebhookReceiver();
const other = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
  await other.start();
});
afterAll(async () => {
  await receiver.stop();
  await other.stop();
});
beforeEach(async () => {
  await db.webhookEndpoint.deleteMany();
  receiver.receipts = [];
  receiver.mode = { kind: "ok" };
  other.receipts = [];
  other.mode = { kind: "ok" };
});

async function register(r: WebhookReceiver, events: WebhookEventType[] = [...WEBHOOK_EVENTS]) {
  const endpoint = await createWebhookEndpoint(db, org.admin.id, { url: r.url, events });
  r.secret = endpoint.secret;
  return endpoint;
}

let n = 0;
function fileReport(opts: { contactIds?: string[] } = {}) {
  n++;
  return fileThreatReport(db, org, {
    categories: ["VERBAL_ABUSE"],
    narrative: `Secret narrative number ${n} about Pat Shouter`,
    impact: "Private impact words",
    contactIds: opts.contactIds,
  });
}

const tick = (now: Date, circuits = new EndpointCircuits()) =>
  deliverDueWebhooks(db, { now, circuits, allowLoopback: true, timeoutMs: 1_000 });

/** Ticks every `stepMs` of simulated time until nothing is due (at most `max` ticks). */
async function drain(from: Date, circuits: EndpointCircuits, stepMs = 60_000, max = 200) {
  let now = from;
  for (let i = 0; i < max; i++) {
    await tick(now, circuits);
    const left = await db.webhookDelivery.count({
      where: { status: { in: ["PENDING", "SENDING"] } },
    });
    if (left === 0) return now;
    now = new Date(now.getTime() + stepMs);
  }
  throw new Error("deliveries still pending");
}

describe("webhooks", () => {
  it("sends every event type, signed, with references and codes and no personal data", async () => {
    await register(receiver);
    const first = await fileReport({ contactIds: [org.contact.id] });
    const second = await fileReport({ contactIds: [org.contact.id] }); // a repeat contact
    await resolveIncident(db, {
      incidentId: first.id,
      actorId: org.managerA.id,
      outcome: "SUBSTANTIATED",
    });
    const proposal = await recordDecision(db, {
      incidentId: second.id,
      actorId: org.managerA.id,
      decision: "KEEP",
      rationale: "Rationale text that must not leave",
      approverId: org.leadership.id,
      employeesConsulted: true,
    });
    await reviewDecision(db, {
      decisionId: proposal.id,
      actorId: org.leadership.id,
      approve: true,
      comment: "Approver comment that must not leave",
    });
    // Far past every clock of the open case: the sweep escalates them.
    const late = new Date(Date.now() + 30 * 86_400_000);
    const swept = await sweepDeadlines(db, { now: late });
    expect(swept.escalations).toBeGreaterThan(0);

    await drain(late, new EndpointCircuits());
    const types = new Set(receiver.receipts.map((r) => r.type));
    expect([...types].sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(receiver.receipts.every((r) => r.signatureValid)).toBe(true);

    for (const r of receiver.receipts) {
      const payload = JSON.parse(r.body) as { id: string; type: string; data: object };
      expect(payload.id).toBe(r.eventId);
      expect(payload.type).toBe(r.type);
      for (const secret of [
        "narrative",
        "Pat Shouter",
        "Private impact",
        "Rationale text",
        "Approver comment",
        org.employeeA.name,
        org.employeeA.email,
        org.managerA.name,
        org.account.name,
      ]) {
        expect(r.body).not.toContain(secret);
      }
    }
    const filed = receiver.receipts.filter((r) => r.type === "incident.filed");
    expect(filed.map((r) => JSON.parse(r.body).data)).toContainEqual({
      reference: first.reference,
      severity: "HIGH",
      channel: "PHONE",
      categories: ["VERBAL_ABUSE"],
      account_crm_id: "t-CRM-1",
    });
    const resolved = receiver.receipts.find((r) => r.type === "case.resolved")!;
    expect(JSON.parse(resolved.body).data).toEqual({
      reference: first.reference,
      outcome: "SUBSTANTIATED",
      account_crm_id: "t-CRM-1",
    });
    const flagged = receiver.receipts.filter((r) => r.type === "account.flagged");
    expect(flagged).toHaveLength(1);
    expect(JSON.parse(flagged[0].body).data).toEqual({
      reference: second.reference,
      reason: "REPEAT_CONTACT",
      account_crm_id: "t-CRM-1",
    });
    const approved = receiver.receipts.find((r) => r.type === "decision.approved")!;
    expect(JSON.parse(approved.body).data).toMatchObject({
      decision_id: proposal.id,
      decision: "KEEP",
      reference: second.reference,
    });
    const breached = receiver.receipts.find((r) => r.type === "deadline.breached")!;
    expect(JSON.parse(breached.body).data).toMatchObject({ reference: second.reference, level: 1 });
  });

  it("queues nothing when no active endpoint wants the event", async () => {
    const endpoint = await register(receiver, ["case.resolved"]);
    await fileReport();
    expect(await db.webhookDelivery.count()).toBe(0);
    await updateWebhookEndpoint(db, org.admin.id, endpoint.id, {
      url: receiver.url,
      events: ["incident.filed"],
      active: false,
    });
    await fileReport();
    expect(await db.webhookDelivery.count()).toBe(0);
    // A test event still reaches a disabled endpoint: a way to check a receiver first.
    await sendTestWebhook(db, org.admin.id, endpoint.id);
    expect(await tick(new Date())).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(receiver.receipts.map((r) => [r.type, r.signatureValid])).toEqual([
      ["portal.test", true],
    ]);
  });

  it("survives the receiver going down: every event arrives, each under one id, none lost", async () => {
    await register(receiver, ["incident.filed", "case.resolved"]);
    const circuits = new EndpointCircuits(); // one worker's breakers, kept across ticks
    let now = new Date();
    const filed: string[] = [];

    // Down: the port refuses connections while reports keep coming.
    await receiver.stop();
    for (let i = 0; i < 4; i++) {
      filed.push((await fileReport()).reference);
      await tick(now, circuits);
      now = new Date(now.getTime() + ENDPOINT_PROBE_MS + 1);
    }
    // Half up: it answers 500 for a while (the receiver's database is down, say).
    await receiver.start();
    receiver.mode = { kind: "status", status: 500 };
    for (let i = 0; i < 4; i++) {
      const r = await fileReport();
      filed.push(r.reference);
      if (i === 0) {
        await resolveIncident(db, {
          incidentId: r.id,
          actorId: org.managerA.id,
          outcome: "WITHDRAWN",
        });
      }
      await tick(now, circuits);
      now = new Date(now.getTime() + ENDPOINT_PROBE_MS + 1);
    }
    const waiting = await db.webhookDelivery.findMany({ select: { attempts: true, status: true } });
    expect(waiting).toHaveLength(9);
    expect(waiting.every((d) => d.status === "PENDING")).toBe(true);
    // The breaker: a few probes, not an attempt per event per tick.
    expect(waiting.reduce((s, d) => s + d.attempts, 0)).toBeLessThanOrEqual(8);
    const failedPosts = receiver.receipts.length;
    expect(failedPosts).toBeGreaterThan(0);

    // Back up: everything arrives in the next tick, also what was waiting out a backoff.
    receiver.mode = { kind: "ok" };
    expect(await tick(now, circuits)).toEqual({ delivered: 9, failed: 0, dead: 0 });

    const delivered = receiver.receipts.slice(failedPosts);
    expect(delivered.every((r) => r.signatureValid)).toBe(true);
    const rows = await db.webhookDelivery.findMany({ select: { eventId: true, status: true } });
    expect(rows.every((r) => r.status === "DELIVERED")).toBe(true);
    expect(new Set(delivered.map((r) => r.eventId))).toEqual(new Set(rows.map((r) => r.eventId)));
    // Each event under one id: the references of the filed reports map one to one onto ids,
    // and a repeated id (a retry) always carried the same body.
    const idsByRef = new Map<string, Set<string>>();
    const bodyById = new Map<string, string>();
    for (const r of receiver.receipts) {
      const p = JSON.parse(r.body) as { type: string; data: { reference: string } };
      const key = `${p.type}:${p.data.reference}`;
      idsByRef.set(key, (idsByRef.get(key) ?? new Set()).add(r.eventId));
      if (bodyById.has(r.eventId)) expect(r.body).toBe(bodyById.get(r.eventId));
      bodyById.set(r.eventId, r.body);
    }
    for (const ids of idsByRef.values()) expect(ids.size).toBe(1);
    const arrivedFiled = delivered
      .filter((r) => r.type === "incident.filed")
      .map((r) => (JSON.parse(r.body) as { data: { reference: string } }).data.reference);
    expect(new Set(arrivedFiled)).toEqual(new Set(filed));
    expect(delivered.filter((r) => r.type === "case.resolved")).toHaveLength(1);
  });

  it("keeps one endpoint that is down from holding up another", async () => {
    await register(receiver, ["incident.filed"]);
    await register(other, ["incident.filed"]);
    await other.stop();
    for (let i = 0; i < 5; i++) await fileReport();
    const report = await tick(new Date());
    expect(report.delivered).toBe(5);
    expect(receiver.receipts).toHaveLength(5);
    const stuck = await db.webhookDelivery.findMany({
      where: { status: "PENDING" },
      select: { attempts: true, lastError: true },
    });
    expect(stuck).toHaveLength(5);
    // One probe reached the closed port; the other four were not tried.
    expect(stuck.filter((d) => d.attempts === 1)).toHaveLength(1);
    expect(stuck.find((d) => d.attempts === 1)?.lastError).toMatch(/Not reached/);
    await other.start();
  });

  it("does not follow redirects, gives up on a silent receiver, and sets aside after the last attempt", async () => {
    const endpoint = await register(receiver, ["incident.filed"]);
    await fileReport();
    receiver.mode = { kind: "status", status: 302, location: other.url };
    let now = new Date();
    await tick(now);
    let d = await db.webhookDelivery.findFirstOrThrow();
    expect(d).toMatchObject({ status: "PENDING", attempts: 1, lastStatus: 302 });
    expect(other.receipts).toHaveLength(0);

    receiver.mode = { kind: "hang" };
    now = new Date(d.nextAttemptAt.getTime() + 1);
    await tick(now);
    d = await db.webhookDelivery.findFirstOrThrow();
    expect(d.lastError).toMatch(/No answer within/);

    receiver.mode = { kind: "status", status: 410 };
    for (let i = d.attempts; i < MAX_DELIVERY_ATTEMPTS; i++) {
      now = new Date(d.nextAttemptAt.getTime() + 1);
      await tick(now);
      d = await db.webhookDelivery.findFirstOrThrow();
    }
    expect(d).toMatchObject({ status: "DEAD", attempts: MAX_DELIVERY_ATTEMPTS, lastStatus: 410 });
    const firstId = d.eventId;

    // An admin sends it again once the receiver is fixed: same event id, same body.
    receiver.mode = { kind: "ok" };
    receiver.receipts = [];
    expect(await retryWebhookDelivery(db, org.admin.id, d.id)).toBe(true);
    expect(await retryWebhookDelivery(db, org.admin.id, d.id)).toBe(false); // not set aside now
    await tick(new Date());
    expect(receiver.receipts).toHaveLength(1);
    expect(receiver.receipts[0].eventId).toBe(firstId);
    expect(receiver.receipts[0].signatureValid).toBe(true);
    const audit = await db.auditEvent.findMany({
      where: { subjectType: "WEBHOOK", subjectId: endpoint.id },
      select: { action: true },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "WEBHOOK_CREATED",
      "WEBHOOK_DELIVERY_RETRIED",
    ]);
  });

  it("refuses to post to an address the rules no longer allow", async () => {
    await register(receiver, ["incident.filed"]);
    await fileReport();
    await deliverDueWebhooks(db, { now: new Date(), allowLoopback: false });
    const d = await db.webhookDelivery.findFirstOrThrow();
    expect(d.status).toBe("PENDING");
    expect(d.lastError).toMatch(/https/);
    expect(receiver.receipts).toHaveLength(0);
  });

  it("delivers each event once when two workers run at the same time", async () => {
    const endpoint = await register(receiver, ["incident.filed"]);
    for (let i = 0; i < 12; i++) await fileReport();
    await sendTestWebhook(db, org.admin.id, endpoint.id);
    const now = new Date();
    const [a, b] = await Promise.all([tick(now), tick(now)]);
    expect(a.delivered + b.delivered).toBe(13);
    expect(receiver.receipts).toHaveLength(13);
    expect(new Set(receiver.receipts.map((r) => r.eventId)).size).toBe(13);
    expect(receiver.receipts.filter((r) => r.type === "portal.test")).toHaveLength(1);
  });

  it("does not connect to a host name that resolves to a private or local address", async () => {
    // "localhost" passes no address rule here on its own: the connection's own look-up refuses
    // it, so a public-looking name that points inside the network is refused the same way.
    const byName = receiver.url.replace("127.0.0.1", "localhost");
    const refused = await postWebhook(byName, "{}", {}, { allowLoopback: false, timeoutMs: 1_000 });
    expect(refused).toMatchObject({ ok: false, status: null, endpointDown: false });
    expect(!refused.ok && refused.error).toMatch(/private or local address/);
    expect(receiver.receipts).toHaveLength(0);
    // The same post where loopback is allowed (tests, the demo) arrives: the guard is the cause.
    const sent = await postWebhook(byName, "{}", {}, { allowLoopback: true, timeoutMs: 1_000 });
    // Unsigned, so the receiver answers 400: what matters is that it was reached.
    expect(sent).toMatchObject({ ok: false, status: 400 });
    expect(receiver.receipts).toHaveLength(1);
  });
});
