import { disconnectDb } from "~/utils/db.server";
import { startWorker } from "./worker.server";

// `npm run worker`: the worker as its own process, for deployments with several web
// instances on PostgreSQL (set WORKER_IN_PROCESS=false on the web instances).
const stop = startWorker();
console.log("[worker] running; Ctrl+C to stop");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await stop();
    await disconnectDb();
    process.exit(0);
  });
}
