import { randomBytes, randomUUID } from "node:crypto";
import {
  parseEvents,
  TEST_EVENT,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_SECRET_SHOWN,
  webhookBody,
  webhookData,
  webhookReference,
  type WebhookEventInput,
  type WebhookEventType,
} from "~/domain/webhooks";
import type { Db, Prisma, Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { AuditAction } from "~/domain/audit-text";
import { recordAudit } from "./audit-log.server";

// Webhook endpoints and their deliveries (decisions 070, 071). Events are queued in the
// transaction of the change they report, one row per subscribed endpoint, and sent by the
// worker (app/jobs/webhook-outbox.server.ts) with retries and backoff like mail.

export type Subscriber = { id: string; events: WebhookEventType[] };

/**
 * Active endpoints are read at most once per few seconds per process: filing a report then
 * costs no statement at all for webhooks unless some endpoint wants the event. An admin change
 * in this process clears the cache; another instance sees it within ENDPOINT_CACHE_MS.
 */
const ENDPOINT_CACHE_MS = 5_000;
const cache = new WeakMap<object, { until: number; rows: Subscriber[] }>();

export async function webhookSubscribers(db: Db | Tx, now = Date.now()): Promise<Subscriber[]> {
  const hit = cache.get(db);
  if (hit && hit.until > now) return hit.rows;
  const rows = await db.webhookEndpoint.findMany({
    where: { active: true },
    select: { id: true, events: true },
  });
  const list = rows.map((r) => ({ id: r.id, events: parseEvents(r.events) }));
  cache.set(db, { until: now + ENDPOINT_CACHE_MS, rows: list });
  return list;
}

function forgetSubscribers(db: Db) {
  cache.delete(db);
}

/** Whether any endpoint wants this type: callers skip the look-ups a payload needs if not. */
export function wants(subscribers: Subscriber[], type: WebhookEventType): boolean {
  return subscribers.some((s) => s.events.includes(type));
}

export function newEventId(): string {
  return `evt_${randomUUID().replace(/-/g, "")}`;
}

/**
 * Queues each event for every active endpoint subscribed to its type, in the caller's
 * transaction: one insert whatever the number. Each event gets one id, the same for every
 * endpoint and every attempt. Nothing is written when nobody subscribed.
 */
export async function enqueueWebhookEvents(
  tx: Tx,
  subscribers: Subscriber[],
  events: WebhookEventInput[],
  now = new Date(),
) {
  const data: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const e of events) {
    const to = subscribers.filter((s) => e.type !== TEST_EVENT && s.events.includes(e.type));
    if (to.length === 0) continue;
    const id = newEventId();
    const body = webhookBody({ id, type: e.type, created: now, data: webhookData(e) });
    for (const s of to) {
      data.push({
        eventId: id,
        endpointId: s.id,
        type: e.type,
        reference: webhookReference(e),
        body,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  if (data.length > 0) await tx.webhookDelivery.createMany({ data });
}

/** CRM ids of accounts, for payloads (one query, only when an event needs them). */
export async function crmIdsOf(tx: Tx, accountIds: string[]): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await tx.customerAccount.findMany({
    where: { id: { in: [...new Set(accountIds)] } },
    select: { id: true, crmId: true },
  });
  return new Map(rows.map((r) => [r.id, r.crmId]));
}

/** Whether endpoints may be plain http on this machine's loopback (tests and the demo). */
export function webhookAllowsLoopback(): boolean {
  return getEnv().WEBHOOK_ALLOW_HTTP_LOOPBACK === "true";
}

/** The settings history row for a change to an endpoint, in the change's transaction. */
function auditWebhook(
  tx: Tx,
  actorId: string | null,
  action: AuditAction,
  endpointId: string,
  at: Date,
  data: Record<string, unknown>,
) {
  return recordAudit(tx, {
    actorId,
    action,
    subjectType: "WEBHOOK",
    subjectId: endpointId,
    at,
    data,
  });
}

// ---- Admin ----------------------------------------------------------------------------------

export const ENDPOINT_LIST_LIMIT = 100;

export type EndpointInput = { url: string; description?: string; events: WebhookEventType[] };

function newSecret() {
  const secret = WEBHOOK_SECRET_PREFIX + randomBytes(32).toString("base64url");
  return { secret, secretPrefix: secret.slice(0, WEBHOOK_SECRET_SHOWN) };
}

export async function createWebhookEndpoint(
  db: Db,
  actorId: string | null,
  input: EndpointInput,
  now = new Date(),
) {
  const { secret, secretPrefix } = newSecret();
  const events = [...new Set(input.events)].sort();
  const endpoint = await db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description ?? "",
        events: events.join(" "),
        secret,
        secretPrefix,
        createdById: actorId,
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true, url: true },
    });
    await auditWebhook(tx, actorId, "WEBHOOK_CREATED", row.id, now, { url: input.url, events });
    return row;
  });
  forgetSubscribers(db);
  return { ...endpoint, secret };
}

/** False when there is no such endpoint. */
export async function updateWebhookEndpoint(
  db: Db,
  actorId: string,
  id: string,
  input: EndpointInput & { active: boolean },
  now = new Date(),
) {
  const events = [...new Set(input.events)].sort().join(" ");
  const done = await db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({
      where: { id },
      select: { url: true, description: true, events: true, active: true },
    });
    if (!before) return false;
    const after = {
      url: input.url,
      description: input.description ?? "",
      events,
      active: input.active,
    };
    const changes = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { from: before[k], to: after[k] }]),
    );
    await tx.webhookEndpoint.update({ where: { id }, data: { ...after, updatedAt: now } });
    // The address as it was, for the history once the endpoint is deleted.
    await auditWebhook(tx, actorId, "WEBHOOK_UPDATED", id, now, {
      ...changes,
      address: before.url,
    });
    return true;
  });
  forgetSubscribers(db);
  return done;
}

/** A new signing secret, shown once; the old one stops signing at once. Null: no endpoint. */
export async function rotateWebhookSecret(db: Db, actorId: string, id: string, now = new Date()) {
  const { secret, secretPrefix } = newSecret();
  return db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    if (!row) return null;
    await tx.webhookEndpoint.update({
      where: { id },
      data: { secret, secretPrefix, updatedAt: now },
    });
    await auditWebhook(tx, actorId, "WEBHOOK_SECRET_ROTATED", id, now, { address: row.url });
    return secret;
  });
}

/** Deletes the endpoint and its delivery log; the settings history keeps its address. */
export async function deleteWebhookEndpoint(db: Db, actorId: string, id: string, now = new Date()) {
  const done = await db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    if (!row) return false;
    await tx.webhookEndpoint.delete({ where: { id } });
    await auditWebhook(tx, actorId, "WEBHOOK_DELETED", id, now, { url: row.url });
    return true;
  });
  forgetSubscribers(db);
  return done;
}

/** Queues a `portal.test` event for this one endpoint (active or not: it is a test). */
export async function sendTestWebhook(db: Db, actorId: string, id: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    if (!endpoint) return false;
    const eventId = newEventId();
    const event: WebhookEventInput = { type: TEST_EVENT, endpointId: id };
    await tx.webhookDelivery.create({
      data: {
        eventId,
        endpointId: id,
        type: TEST_EVENT,
        body: webhookBody({
          id: eventId,
          type: TEST_EVENT,
          created: now,
          data: webhookData(event),
        }),
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    await auditWebhook(tx, actorId, "WEBHOOK_TEST_SENT", id, now, { address: endpoint.url });
    return true;
  });
}

/** Sends a set-aside delivery again now, with its attempts reset (same event id, same body). */
export async function retryWebhookDelivery(
  db: Db,
  actorId: string,
  id: string,
  opts: { endpointId?: string; now?: Date } = {},
) {
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id, status: "DEAD", ...(opts.endpointId ? { endpointId: opts.endpointId } : {}) },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, claimedUntil: null },
    });
    if (count === 0) return false;
    const row = await tx.webhookDelivery.findUniqueOrThrow({
      where: { id },
      select: { endpointId: true, eventId: true, type: true, reference: true },
    });
    await auditWebhook(tx, actorId, "WEBHOOK_DELIVERY_RETRIED", row.endpointId, now, {
      eventId: row.eventId,
      type: row.type,
      reference: row.reference,
    });
    return true;
  });
}

/** What the admin pages show of an endpoint (never its secret). */
const ENDPOINT_FIELDS = {
  id: true,
  url: true,
  description: true,
  events: true,
  active: true,
  secretPrefix: true,
  createdAt: true,
} satisfies Prisma.WebhookEndpointSelect;

export async function listWebhookEndpoints(db: Db) {
  const rows = await db.webhookEndpoint.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ENDPOINT_LIST_LIMIT,
    select: ENDPOINT_FIELDS,
  });
  return rows.map((r) => ({ ...r, events: parseEvents(r.events) }));
}

export async function getWebhookEndpoint(db: Db, id: string) {
  const row = await db.webhookEndpoint.findUnique({
    where: { id },
    select: ENDPOINT_FIELDS,
  });
  return row ? { ...row, events: parseEvents(row.events) } : null;
}

export function countActiveWebhookEndpoints(db: Db) {
  return db.webhookEndpoint.count({ where: { active: true } });
}

export function countSetAsideWebhooks(db: Db) {
  return db.webhookDelivery.count({ where: { status: "DEAD" } });
}

export const DELIVERY_PAGE = 25;
/** Where a page of the delivery log starts: the last row of the previous page. */
export type DeliveryCursor = { createdAt: Date; id: string };

/**
 * The delivery log, newest first, paged by key in SQL: (createdAt, id) before the cursor, on
 * the (createdAt, id) index or, for one endpoint, the (endpointId, createdAt, id) index.
 */
export async function listWebhookDeliveries(
  db: Db,
  opts: { endpointId?: string; before?: DeliveryCursor | null; take?: number } = {},
) {
  const take = opts.take ?? DELIVERY_PAGE;
  const before = opts.before;
  const where: Prisma.WebhookDeliveryWhereInput = {
    ...(opts.endpointId ? { endpointId: opts.endpointId } : {}),
    ...(before
      ? {
          OR: [
            { createdAt: { lt: before.createdAt } },
            { createdAt: before.createdAt, id: { lt: before.id } },
          ],
        }
      : {}),
  };
  const rows = await db.webhookDelivery.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: {
      id: true,
      eventId: true,
      type: true,
      reference: true,
      status: true,
      attempts: true,
      lastStatus: true,
      lastError: true,
      nextAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      endpoint: { select: { id: true, url: true } },
    },
  });
  const page = rows.slice(0, take);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > take && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** The log's cursor in the address: `before=<created time>~<delivery id>`; else page one. */
export function parseDeliveryCursor(value: string | null): DeliveryCursor | null {
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([\w-]{1,64})$/.exec(value ?? "");
  if (!m) return null;
  const createdAt = new Date(m[1]);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: m[2] };
}

function formatDeliveryCursor(c: DeliveryCursor | null) {
  return c ? `${c.createdAt.toISOString()}~${c.id}` : null;
}

/**
 * A page of the delivery log as both webhook pages send it to the browser, from the address's
 * `before` cursor (page one without it), for one endpoint or all.
 */
export async function deliveryLogPage(db: Db, before: string | null, endpointId?: string) {
  const cursor = parseDeliveryCursor(before);
  const page = await listWebhookDeliveries(db, { endpointId, before: cursor });
  return {
    firstPage: cursor === null,
    next: formatDeliveryCursor(page.next),
    log: page.rows.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      type: d.type,
      reference: d.reference,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      endpointUrl: d.endpoint.url,
    })),
  };
}
