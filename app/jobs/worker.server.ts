import { moveKeptFiguresTo } from "~/models/kept-figures.server";
import { getDb, type Db } from "~/utils/db.server";
import { keepPlannerStatistics } from "~/utils/db-maintenance.server";
import { smtpSender, type MailSender } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { sweepDeadlines } from "./deadline-sweep.server";
import { EVIDENCE_SWEEP_INTERVAL_MS, sweepEvidence } from "./evidence-sweep.server";
import { deliverDueNotifications } from "./outbox.server";
import { purgeDueCases, RETENTION_INTERVAL_MS } from "./retention-purge.server";
import { deliverDueWebhooks } from "./webhook-outbox.server";

// The background loop: one tick at a time, never overlapping itself. Runs inside the web
// server by default and as its own process with `npm run worker`.

async function runWorkerTick(db: Db, send: MailSender, appUrl: string, allowLoopback: boolean) {
  // Deadlines first, so the mails and webhook events they queue go out in the same tick.
  const deadlines = await sweepDeadlines(db);
  // Mail and webhooks side by side: a slow or absent endpoint never holds up mail.
  const [outbox, webhooks] = await Promise.all([
    deliverDueNotifications(db, send, { appUrl }),
    deliverDueWebhooks(db, { allowLoopback }),
  ]);
  return { deadlines, outbox, webhooks };
}

export function startWorker(opts: { intervalMs?: number; log?: (msg: string) => void } = {}) {
  const env = getEnv();
  const interval = opts.intervalMs ?? env.WORKER_INTERVAL_MS;
  const log = opts.log ?? ((m: string) => console.log(`[worker] ${m}`));
  const send = smtpSender();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let mailPaused = false;
  let lastEvidenceSweep = 0;
  // Planner statistics: checked when the worker starts, refreshed about once an hour.
  let lastMaintenance = 0;
  let lastRetention = 0;

  const tick = async () => {
    // Evidence a crash left without a row: at start, then every ten minutes.
    if (Date.now() - lastEvidenceSweep >= EVIDENCE_SWEEP_INTERVAL_MS) {
      const atStart = lastEvidenceSweep === 0;
      lastEvidenceSweep = Date.now();
      try {
        const { removed, placed } = await sweepEvidence(await getDb(), { atStart });
        if (removed || placed) log(`evidence: ${removed} orphan files removed, ${placed} placed`);
      } catch (error) {
        log(`evidence sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Kept figures: a new day (UTC) moves their windows (decision 115); a read otherwise.
    try {
      if (await moveKeptFiguresTo(await getDb())) log("kept figures moved to a new day");
    } catch (error) {
      log(`kept figures failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Retention (compliance): a failure is logged and tried again at the next interval.
    if (Date.now() - lastRetention >= RETENTION_INTERVAL_MS) {
      lastRetention = Date.now();
      try {
        const { purged, held, refused } = await purgeDueCases(await getDb(), { log });
        if (purged || held || refused)
          log(`retention: ${purged} purged, ${held} held, ${refused} refused`);
      } catch (error) {
        log(`retention failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    try {
      if (Date.now() - lastMaintenance >= 3_600_000) {
        const startup = lastMaintenance === 0;
        lastMaintenance = Date.now();
        // Never a reason to skip the sweep: a failure here is only logged.
        await keepPlannerStatistics(await getDb(), { startup }).catch((e: unknown) =>
          log(`statistics: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
      const result = await runWorkerTick(
        await getDb(),
        send,
        env.APP_URL,
        env.WEBHOOK_ALLOW_HTTP_LOOPBACK === "true",
      );
      const { sent, failed, dead } = result.outbox;
      const { reminders, escalations } = result.deadlines;
      if (reminders || escalations)
        log(`deadlines: ${reminders} reminders, ${escalations} escalations`);
      if (sent || failed || dead) log(`mail: ${sent} sent, ${failed} to retry, ${dead} set aside`);
      const hooks = result.webhooks;
      if (hooks.delivered || hooks.failed || hooks.dead)
        log(
          `webhooks: ${hooks.delivered} delivered, ${hooks.failed} to retry, ${hooks.dead} set aside`,
        );
      const paused = !!result.outbox.serverUnavailable;
      if (paused !== mailPaused) {
        log(paused ? "mail server unavailable: delivery paused" : "mail server back");
        mailPaused = paused;
      }
    } catch (error) {
      log(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), interval);
  };
  running = tick();

  return async function stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
