import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Production server: Remix behind Express, plus the worker loop unless WORKER_IN_PROCESS=false.
installGlobals({ nativeFetch: true });

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild & {
  entry: {
    module: {
      startBackgroundWorker: () => () => Promise<void>;
      isSameOriginRequest: (request: Request) => boolean;
    };
  };
};

const app = express();
app.disable("x-powered-by");
// Sign-in throttling counts failures per client address. Behind a reverse proxy, TRUST_PROXY
// tells Express which X-Forwarded-For hops to believe (e.g. "1", "loopback"); unset, the
// socket's address is used and the header is ignored.
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
app.use(compression());
// A missing build asset is a plain 404, not a page request.
app.use(
  "/build",
  express.static("public/build", { immutable: true, maxAge: "1y", fallthrough: false }),
);
app.use(express.static("public", { maxAge: "1h" }));
app.use((_req, res, next) => {
  // Reports are sensitive: no framing by other sites, no sniffing, no referrer leaks.
  res.set({
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
  });
  next();
});
app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
// Cross-site POSTs get a clear 403 here: the same rule every action applies, checked before
// Remix's request handling (which would otherwise answer them with a 500).
app.use((req, res, next) => {
  const url = `${req.protocol}://${req.get("host")}${req.originalUrl}`;
  const probe = new Request(url, { method: req.method, headers: req.headers as HeadersInit });
  if (build.entry.module.isSameOriginRequest(probe)) return next();
  res
    .status(403)
    .type("text/plain")
    .send("This request did not come from this site and was refused.");
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Incident portal listening on http://localhost:${port}`);
});

// The worker lives in the app bundle so it shares the app's database client.
const stopWorker =
  process.env.WORKER_IN_PROCESS === "false"
    ? undefined
    : build.entry.module.startBackgroundWorker?.();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void Promise.resolve(stopWorker?.()).finally(() => process.exit(0));
  });
}
