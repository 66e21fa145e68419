// Serves the built app (server.ts) on a scale data set and measures pages over HTTP with
// autocannon at several numbers of concurrent users. Prints p50, p95, requests/s and page sizes.
// Errors (a 4xx/5xx answer, a refused connection) are counted and make the run fail; timings
// never do.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

export type PageSpec = {
  label: string;
  path: string;
  as: string;
  /** A POST instead of a GET: a fresh body (and its content type) for every request. */
  post?: () => { body: string; contentType: string };
};
export type Measurement = {
  label: string;
  connections: number;
  requests: number;
  p50: number;
  p95: number;
  rps: number;
  errors: number;
  timeouts: number;
};

export async function startServer(opts: {
  databaseUrl: string;
  port: number;
  log: (s: string) => void;
  /** The app (server.ts) by default; the raw-SQL baseline is another script. */
  script?: string;
  env?: Record<string, string>;
}): Promise<{ origin: string; stop: () => Promise<void> }> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const script = opts.script ?? "server.ts";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.port),
      APP_URL: origin,
      // The generated overdue clocks would otherwise be escalated and mailed during the run.
      WORKER_IN_PROCESS: "false",
      // The benchmark signs in by password and measures pages, not the two-step setup (which
      // HR and leadership would otherwise be sent to, measuring that page instead).
      TWO_FACTOR_REQUIRED: "false",
      // A medium or large run outlasts the 30-minute idle limit before the last role's pages are
      // measured; its signed-in people would be sent to the login page (and its filings refused).
      SESSION_IDLE_MINUTES: "1440",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null || i > 600) {
      child.kill();
      throw new Error(`the server did not start:\n${output}`);
    }
    await sleep(200);
  }
  return {
    origin,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      if (/Error|error/.test(output)) opts.log(`server output:\n${output.slice(-4000)}`);
    },
  };
}

export async function loginAs(origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`login as ${email} failed: ${res.status}`);
  return cookie.split(";")[0];
}

/** One uncompressed GET: the size of the HTML (or data) a browser would be sent. */
export async function pageSize(origin: string, path: string, cookie: string) {
  const res = await fetch(origin + path, {
    headers: { Cookie: cookie, "Accept-Encoding": "identity" },
  });
  const body = await res.arrayBuffer();
  return { status: res.status, bytes: body.byteLength };
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function measure(
  origin: string,
  page: PageSpec,
  cookie: string,
  connections: number,
  amount: number,
  timeoutSeconds: number,
): Promise<Measurement> {
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  let lastAt = started;
  const post = page.post;
  const instance = autocannon({
    url: origin + page.path,
    connections,
    amount,
    timeout: timeoutSeconds,
    // autocannon ends a run at its next sample tick (1 s by default), idle time that added up to
    // most of the small benchmark. Its per-tick samples are not used: the times come from below.
    sampleInt: 50,
    headers: { Cookie: cookie },
    requests: post
      ? [
          {
            method: "POST",
            path: page.path,
            setupRequest: (req) => {
              const { body, contentType } = post();
              // The origin check (app/utils/origin.server.ts) wants our own Origin on a POST.
              req.headers = { ...req.headers, Origin: origin, "Content-Type": contentType };
              req.body = body;
              return req;
            },
          },
        ]
      : undefined,
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    lastAt = performance.now();
    // A filing answers with a redirect to the new report; anything else is an error.
    if (status >= 400 || (post && status !== 302)) errors++;
  });
  const result = await instance;
  // From the first request to the last answer (autocannon's own end is rounded to its tick).
  const seconds = (lastAt - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    label: page.label,
    connections,
    requests: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    rps: times.length / seconds,
    errors: errors + result.errors - result.timeouts,
    timeouts: result.timeouts,
  };
}

/** A number of milliseconds or a rate; "—" when no request was answered at all. */
export const num = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : "—");

export function formatRow(m: Measurement) {
  return [
    m.label.padEnd(34),
    String(m.connections).padStart(4),
    String(m.requests).padStart(6),
    num(m.p50).padStart(8),
    num(m.p95).padStart(8),
    num(m.rps, 1).padStart(8),
    String(m.errors).padStart(6),
    String(m.timeouts).padStart(8),
  ].join(" ");
}

export const HEADER = [
  "page".padEnd(34),
  "conc".padStart(4),
  "reqs".padStart(6),
  "p50 ms".padStart(8),
  "p95 ms".padStart(8),
  "req/s".padStart(8),
  "errors".padStart(6),
  "timeouts".padStart(8),
].join(" ");
