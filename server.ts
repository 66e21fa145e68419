import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express, { type Response } from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Production server: Remix behind Express, plus the worker loop unless WORKER_IN_PROCESS=false.
// `npm run dev` runs it too, under `remix dev`, which restarts it after each rebuild.
installGlobals({ nativeFetch: true });

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild & {
  entry: {
    module: {
      startBackgroundWorker: () => () => Promise<void>;
      claimDatabaseWriter: () => void;
      servedSecurely: () => boolean;
      maintainDatabase: () => Promise<void>;
      isSameOriginRequest: (request: Request) => boolean;
    };
  };
};

// On SQLite only one app process may use the database file: refuse to start beside another.
try {
  build.entry.module.claimDatabaseWriter();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Sign-in throttling counts failures per client address. Behind a reverse proxy, TRUST_PROXY
// tells Express which X-Forwarded-For hops to believe (e.g. "1", "loopback"); unset, the
// socket's address is used and the header is ignored.
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
app.use(compression());
// Security headers on every response, static files included (helmet). Scripts run only from
// this site or with this response's nonce; styles allow inline `style` attributes (the charts
// draw with them). HSTS and upgrade-insecure-requests only when served over https.
const secure = build.entry.module.servedSecurely();
app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  }),
);
// A missing build asset is a plain 404, not a page request.
app.use(
  "/build",
  express.static("public/build", { immutable: true, maxAge: "1y", fallthrough: false }),
);
// The service worker is checked for a new version on every visit, and may control the whole
// site (decision 080).
app.get("/sw.js", (_req, res, next) => {
  res.set({ "Cache-Control": "no-cache", "Service-Worker-Allowed": "/" });
  next();
});
app.use(express.static("public", { maxAge: "1h" }));
app.use((_req, res, next) => {
  // Reports are sensitive: pages are never cached.
  res.set("Cache-Control", "no-store");
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
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  }),
);

// An address Express cannot decode (e.g. a lone "%") is the client's mistake: a plain 400,
// without a stack trace in the log.
app.use((error: unknown, _req: express.Request, res: Response, next: express.NextFunction) => {
  if (error instanceof URIError || (error as { status?: number }).status === 400) {
    res.status(400).type("text/plain").send("This address could not be read.");
    return;
  }
  next(error);
});

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Incident portal listening on http://localhost:${port}`);
  // Under `remix dev` (npm run dev): the browser reloads once this build is served.
  if (process.env.NODE_ENV === "development") void broadcastDevReady(build);
});

void build.entry.module.maintainDatabase().catch((e) => console.error("maintenance:", e));

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
