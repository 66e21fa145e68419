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
