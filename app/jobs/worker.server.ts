import { getDb, type Db } from "~/utils/db.server";
import { keepPlannerStatistics } from "~/utils/db-maintenance.server";
import { smtpSender, type MailSender } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { sweepDeadlines } from "./deadline-sweep.server";
import { deliverDueNotifications } from "./outbox.server";

// The background loop: one tick at a time, never overlapping itself. Runs inside the web
// server by default and as its own process with `npm run worker`.

export async function runWorkerTick(db: Db, send: MailSender, appUrl: string) {
  // Deadlines first, so the mails they queue go out in the same tick.
  const deadlines = await sweepDeadlines(db);
  const outbox = await deliverDueNotifications(db, send, { appUrl });
  return { deadlines, outbox };
}

export function startWorker(opts: { intervalMs?: number; log?: (msg: string) => void } = {}) {
  const env = getEnv();
  const interval = opts.intervalMs ?? env.WORKER_INTERVAL_MS;
  const log = opts.log ?? ((m: string) => console.log(`[worker] ${m}`));
  const send = smtpSender();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // Planner statistics: checked when the worker starts, refreshed about once an hour.
  let lastMaintenance = 0;

  const tick = async () => {
    try {
      if (Date.now() - lastMaintenance >= 3_600_000) {
        const startup = lastMaintenance === 0;
        lastMaintenance = Date.now();
        // Never a reason to skip the sweep: a failure here is only logged.
        await keepPlannerStatistics(await getDb(), { startup }).catch((e: unknown) =>
          log(`statistics: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
      const result = await runWorkerTick(await getDb(), send, env.APP_URL);
      const { sent, failed, dead } = result.outbox;
      const { reminders, escalations } = result.deadlines;
      if (reminders || escalations)
        log(`deadlines: ${reminders} reminders, ${escalations} escalations`);
      if (sent || failed || dead) log(`mail: ${sent} sent, ${failed} to retry, ${dead} set aside`);
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
