import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "~/domain/backoff";
import {
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TEST_EVENT,
  webhookUrlProblem,
} from "~/domain/webhooks";
import type { Db } from "~/utils/db.server";
import { postWebhook, type PostResult } from "./webhook-post.server";

// Webhook deliveries go out like mail (decisions 003, 015, 071): each row is claimed by a
// conditional update, posted, and marked; failures back off exponentially and are set aside
// after MAX_DELIVERY_ATTEMPTS. Each endpoint has its own breaker, so one endpoint that is down
// costs one short attempt per PROBE_INTERVAL_MS and holds up neither mail nor other endpoints.

/** How long a claimed delivery stays with one worker before another may take it over. */
const CLAIM_MS = 2 * 60_000;
/** A receiver must answer within this; it should queue the event and answer 2xx at once. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** After an endpoint failed as a whole (unreachable, 5xx, 429), its next probe waits this long. */
export const ENDPOINT_PROBE_MS = 15_000;
/** Parallel lanes per worker, each on its own endpoints, posting then marking one at a time. */
export const WEBHOOK_LANES = 4;
const PAGE = 100;

export type WebhookReport = { delivered: number; failed: number; dead: number };

/** Open breakers per endpoint, for one worker. */
export class EndpointCircuits {
  private openUntil = new Map<string, number>();

  isOpen(endpointId: string, now: Date): boolean {
    const left = (this.openUntil.get(endpointId) ?? 0) - now.getTime();
    // A clock set back (or a test's simulated time) must not keep a breaker open for ever.
    return left > 0 && left <= ENDPOINT_PROBE_MS;
  }
  open(endpointId: string, now: Date) {
    this.openUntil.set(endpointId, now.getTime() + ENDPOINT_PROBE_MS);
  }
  close(endpointId: string) {
    this.openUntil.delete(endpointId);
  }
  openIds(now: Date): string[] {
    return [...this.openUntil.keys()].filter((id) => this.isOpen(id, now));
  }
}

const defaultCircuits = new EndpointCircuits();

type Due = {
  id: string;
  eventId: string;
  endpointId: string;
  type: string;
  body: string;
  status: string;
  attempts: number;
  endpoint: { url: string; secret: string };
};

/**
 * Posts what is due, over `lanes` parallel lanes. Any number of workers may run this at once:
 * a delivery is posted only by the worker whose conditional update claimed it. At least once:
 * a crash between the receiver's 2xx and our mark posts it again after the claim expires, with
 * the same event id and body, so receivers drop duplicates by `Portal-Event-Id`.
 */
export async function deliverDueWebhooks(
  db: Db,
  opts: {
    now?: Date;
    batchSize?: number;
    lanes?: number;
    circuits?: EndpointCircuits;
    allowLoopback: boolean;
    timeoutMs?: number;
  },
): Promise<WebhookReport> {
  const now = opts.now ?? new Date();
  const circuits = opts.circuits ?? defaultCircuits;
  const limit = opts.batchSize ?? 200;
  const report: WebhookReport = { delivered: 0, failed: 0, dead: 0 };
  const handed = new Set<string>();
  const upThisTick = new Set<string>();
  let tried = 0;

  const deliver = async (d: Due) => {
    if (circuits.isOpen(d.endpointId, now)) return; // went down earlier in this tick
    const claim = await db.webhookDelivery.updateMany({
      where: { id: d.id, status: d.status, attempts: d.attempts },
      data: {
        status: "SENDING",
        claimedUntil: new Date(now.getTime() + CLAIM_MS),
        attempts: { increment: 1 },
      },
    });
    if (claim.count === 0) return; // another worker has it
    tried++;
    const attempts = d.attempts + 1;
    // The address is checked again at sending: the rule (or the setting) may have changed.
    const problem = webhookUrlProblem(d.endpoint.url, { allowLoopback: opts.allowLoopback });
    const result: PostResult = problem
      ? { ok: false, status: null, error: problem, endpointDown: false }
      : await postWebhook(
          d.endpoint.url,
          d.body,
          {
            [SIGNATURE_HEADER]: signWebhook(
              d.endpoint.secret,
              d.body,
              Math.floor(Date.now() / 1000),
            ),
            [EVENT_ID_HEADER]: d.eventId,
            [EVENT_TYPE_HEADER]: d.type,
          },
          {
            allowLoopback: opts.allowLoopback,
            timeoutMs: opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
          },
        );
    if (result.ok) {
      await db.webhookDelivery.update({
        where: { id: d.id },
        data: {
          status: "DELIVERED",
          deliveredAt: new Date(),
          claimedUntil: null,
          lastStatus: result.status,
          lastError: null,
        },
      });
      circuits.close(d.endpointId);
      report.delivered++;
      // The endpoint answers: what waits out a backoff from an earlier failure follows now
      // instead of up to an hour later (once per endpoint and tick).
      if (!upThisTick.has(d.endpointId)) {
        upThisTick.add(d.endpointId);
        await db.webhookDelivery.updateMany({
          where: { endpointId: d.endpointId, status: "PENDING", nextAttemptAt: { gt: now } },
          data: { nextAttemptAt: now },
        });
      }
      return;
    }
    const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
    await db.webhookDelivery.update({
      where: { id: d.id },
      data: {
        status: dead ? "DEAD" : "PENDING",
        claimedUntil: null,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        lastStatus: result.status,
        lastError: result.error,
      },
    });
    // The endpoint itself is down: its other deliveries keep their attempts and wait for the
    // next probe, and the lanes go on with other endpoints.
    if (result.endpointDown) circuits.open(d.endpointId, now);
    report[dead ? "dead" : "failed"]++;
  };

  // Rows another worker claimed first are skipped by the claim; the cap bounds such a tick.
  while (tried < limit && handed.size < limit * 2) {
    const rows: Due[] = await db.webhookDelivery.findMany({
      where: {
        OR: [
          { status: "PENDING", nextAttemptAt: { lte: now } },
          { status: "SENDING", claimedUntil: { lt: now } }, // a worker died mid-post
        ],
        // A disabled endpoint's events wait, except a test event (a way to check a receiver
        // before enabling it).
        AND: [{ OR: [{ endpoint: { active: true } }, { type: TEST_EVENT }] }],
        endpointId: { notIn: circuits.openIds(now) },
        id: { notIn: [...handed] },
      },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: Math.min(PAGE, limit - tried),
      select: {
        id: true,
        eventId: true,
        endpointId: true,
        type: true,
        body: true,
        status: true,
        attempts: true,
        endpoint: { select: { url: true, secret: true } },
      },
    });
    if (rows.length === 0) break;
    // One endpoint's deliveries go one after another, in order, in one lane; the lanes work
    // on different endpoints side by side. So an endpoint that is down is probed once (then
    // its breaker opens), and a slow one holds up only its own lane.
    const byEndpoint = new Map<string, Due[]>();
    for (const r of rows) {
      handed.add(r.id);
      byEndpoint.set(r.endpointId, [...(byEndpoint.get(r.endpointId) ?? []), r]);
    }
    const groups = [...byEndpoint.values()];
    await Promise.all(
      Array.from({ length: Math.max(1, opts.lanes ?? WEBHOOK_LANES) }, async () => {
        for (let g = groups.shift(); g; g = groups.shift()) {
          for (const d of g) await deliver(d);
        }
      }),
    );
  }
  return report;
}
