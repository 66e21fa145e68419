import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { pageLanguage } from "./i18n/i18n.server";
import { pageI18n } from "./i18n/resources.server";
import { startWorker } from "./jobs/worker.server";
import { NonceProvider } from "./utils/nonce";
import { claimSqliteWriter } from "./utils/writer-lock.server";
import { cookieSecure, getEnv } from "./utils/env.server";
import { getDb } from "./utils/db.server";
import { keepPlannerStatistics } from "./utils/db-maintenance.server";

const ABORT_DELAY = 5_000;

/** Used by server.ts to refuse cross-site POSTs before Remix's own handling sees them. */
export { isSameOriginRequest } from "./utils/origin.server";

/** Called by server.ts before it listens: one app process per SQLite file. */
export function claimDatabaseWriter() {
  claimSqliteWriter(getEnv().DATABASE_URL);
}

/** Called by server.ts: HSTS and upgrade-insecure-requests only when served over https. */
export function servedSecurely() {
  return cookieSecure();
}

/** Called once by server.ts at start-up: planner statistics (app/utils/db-maintenance.server.ts). */
export async function maintainDatabase() {
  const result = await keepPlannerStatistics(await getDb(), { startup: true });
  if (result === "analyzed") console.log("Gathered the database's planner statistics.");
}

/** Called by server.ts: the worker shares this bundle's database client. */
export function startBackgroundWorker() {
  return startWorker();
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  // The root loader has chosen the language (person's setting, then browser); when it did not
  // run (an error before it), the browser's.
  const rootData = remixContext.staticHandlerContext.loaderData?.root as
    { locale?: string } | undefined;
  const i18n = pageI18n(rootData?.locale ?? (await pageLanguage(request)));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <NonceProvider value={nonce}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </NonceProvider>
      </I18nextProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          // Nothing is deferred: once the document is ready it is all there, and a slow reader
          // of a large page must get the whole page, not one cut off and answered 200.
          clearTimeout(timer);
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
    if (!shellRendered) timer = setTimeout(abort, ABORT_DELAY);
  });
}
