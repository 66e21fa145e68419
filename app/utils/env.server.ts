import { z } from "zod";

// Every setting the server reads, validated once. Defaults make `npm run demo` work untouched.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("file:./prisma/data/dev.db"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().default("smtp://127.0.0.1:2525"),
  MAIL_FROM: z.string().default("Incident portal <no-reply@incident-portal.local>"),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  /** Secure cookies need HTTPS; local demos over http://localhost set this to false. */
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  WORKER_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
  /** Run the worker loop inside the web server (the default; off when `npm run worker` runs apart). */
  WORKER_IN_PROCESS: z.enum(["true", "false"]).default("true"),
  EVIDENCE_DIR: z.string().default("./data/evidence"),
  /** HR, leadership and admins must use a second factor after their password (off in the demo). */
  TWO_FACTOR_REQUIRED: z.enum(["true", "false"]).default("true"),
  /** "break-glass": only BREAK_GLASS_EMAIL may sign in with a password; everyone else uses SSO. */
  PASSWORD_SIGN_IN: z.enum(["on", "break-glass"]).default("on"),
  BREAK_GLASS_EMAIL: z
    .string()
    .email()
    .optional()
    .transform((v) => v?.trim().toLowerCase()),
  /** OpenID Connect: single sign-on is offered when these three are set. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The ID-token or userinfo claim that holds the work email. */
  OIDC_EMAIL_CLAIM: z.string().min(1).default("email"),
  /** Name on the sign-in button, e.g. "Acme account". */
  OIDC_LABEL: z.string().min(1).max(60).default("your company account"),
  /** Create an employee on first SSO sign-in (in OIDC_DEFAULT_TEAM) instead of refusing. */
  OIDC_AUTO_CREATE: z.enum(["true", "false"]).default("false"),
  OIDC_DEFAULT_TEAM: z.string().min(1).optional(),
  /** Tests only: talk to a provider over plain http, allowed for a loopback issuer only. */
  OIDC_ALLOW_HTTP_LOOPBACK: z.enum(["true", "false"]).default("false"),
  /** Tests and the demo: webhooks may go to plain http on this machine's loopback (127.0.0.1). */
  // Diagnostics: every SQL statement the app runs, with its parameters, appended to this file
  // as JSON lines (the scale benchmark reads them back with EXPLAIN). Off unless set.
  QUERY_LOG_FILE: z.string().min(1).optional(),
  WEBHOOK_ALLOW_HTTP_LOOPBACK: z.enum(["true", "false"]).default("false"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${JSON.stringify(parsed.error.flatten().fieldErrors)}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change the environment between suites; they call this to re-read it. */
export function resetEnvCache() {
  cached = undefined;
}

export function cookieSecure(): boolean {
  const env = getEnv();
  return env.COOKIE_SECURE ?? env.NODE_ENV === "production";
}
