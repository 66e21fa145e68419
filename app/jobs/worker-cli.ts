import { disconnectDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { claimSqliteWriter } from "~/utils/writer-lock.server";
import { startWorker } from "./worker.server";

// `npm run worker`: the worker as its own process, for deployments with several web
// instances on PostgreSQL (set WORKER_IN_PROCESS=false on the web instances).
// On SQLite the web server normally runs the worker itself; a separate worker is refused
// while a server (or another worker) holds the database file.
try {
  claimSqliteWriter(getEnv().DATABASE_URL);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const stop = startWorker();
console.log("[worker] running; Ctrl+C to stop");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await stop();
    await disconnectDb();
    process.exit(0);
  });
}
