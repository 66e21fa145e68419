import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startWorker } from "./jobs/worker.server";
import { getDb } from "./utils/db.server";
import { keepPlannerStatistics } from "./utils/db-maintenance.server";

const ABORT_DELAY = 5_000;

/** Used by server.ts to refuse cross-site POSTs before Remix's own handling sees them. */
export { isSameOriginRequest } from "./utils/origin.server";

/** Called once by server.ts at start-up: planner statistics (app/utils/db-maintenance.server.ts). */
export async function maintainDatabase() {
  const result = await keepPlannerStatistics(await getDb(), { startup: true });
  if (result === "analyzed") console.log("Gathered the database's planner statistics.");
}

/** Called by server.ts: the worker shares this bundle's database client. */
export function startBackgroundWorker() {
  return startWorker();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
