import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { z } from "zod";
import { issuesToErrors, type ApiScope } from "~/domain/api";
import { checkApiToken, type ApiCaller } from "~/models/api-token.server";
import { getDb } from "./db.server";

// What every /api/v1 and /scim/v2 route shares: bearer tokens, scopes, the per-token rate
// limit and RFC 9457 problem+json answers. These routes never read the session cookie, which
// is why server.ts lets them through without an Origin header (docs/decisions/040-api-tokens.md).

export type Problem = {
  status: number;
  title: string;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
  headers?: Record<string, string>;
};

const PROBLEM_TYPES: Record<number, string> = {
  400: "invalid-request",
  401: "unauthenticated",
  403: "insufficient-scope",
  404: "not-found",
  405: "method-not-allowed",
  409: "conflict",
  413: "too-large",
  415: "unsupported-media-type",
  429: "rate-limited",
};

export function problem(p: Problem): Response {
  const body = {
    type: `urn:incident-portal:problem:${PROBLEM_TYPES[p.status] ?? "error"}`,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: p.status,
    headers: { "Content-Type": "application/problem+json", ...p.headers },
  });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** Requests per token per minute; an integration syncing 20,000 accounts needs 20. */
export const API_RATE = { points: 120, duration: 60 };
let limiter = new RateLimiterMemory({ keyPrefix: "api", ...API_RATE });

/** Tests that check the 429 use a small limit. */
export function setApiRateForTests(points: number, duration = 60) {
  limiter = new RateLimiterMemory({ keyPrefix: "api", points, duration });
}

/** One line per refused request, naming the token (never its secret) and why. */
function logRefusal(request: Request, status: number, why: string, tokenName?: string) {
  const path = new URL(request.url).pathname;
  console.warn(
    `api: ${status} ${request.method} ${path} – ${why}${tokenName ? ` (token “${tokenName}”)` : ""}`,
  );
}

/**
 * The caller of an API request, or a thrown problem: 401 for a missing, unknown, expired or
 * revoked token, 403 when the token lacks `scope`, 429 past the token's rate.
 */
export async function requireApiToken(request: Request, scope: ApiScope): Promise<ApiCaller> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+([A-Za-z0-9_-]{1,200})$/i.exec(header.trim());
  const challenge = { "WWW-Authenticate": 'Bearer realm="incident-portal"' };
  if (!match) {
    logRefusal(request, 401, "no bearer token");
    throw problem({
      status: 401,
      title: "A bearer token is needed",
      detail: "Send an API token as 'Authorization: Bearer <token>'.",
      headers: challenge,
    });
  }
  const check = await checkApiToken(await getDb(), match[1]);
  if (!check.ok) {
    logRefusal(request, 401, `${check.reason} token`);
    throw problem({
      status: 401,
      title: "This token is not valid",
      detail:
        check.reason === "unknown"
          ? "No token matches; check it was copied whole."
          : `This token has been ${check.reason === "expired" ? "expired" : "revoked"}; ask an admin for a new one.`,
      headers: { "WWW-Authenticate": 'Bearer realm="incident-portal", error="invalid_token"' },
    });
  }
  const { caller } = check;
  try {
    await limiter.consume(caller.tokenId);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    logRefusal(request, 429, "rate limit", caller.name);
    throw problem({
      status: 429,
      title: "Too many requests",
      detail: `This token may make ${API_RATE.points} requests a minute; try again in ${seconds} s.`,
      headers: { "Retry-After": String(seconds) },
    });
  }
  if (!caller.scopes.includes(scope)) {
    logRefusal(request, 403, `lacks scope ${scope}`, caller.name);
    throw problem({
      status: 403,
      title: "This token may not do this",
      detail: `This operation needs the scope “${scope}”.`,
    });
  }
  return caller;
}

/** Largest body the API reads: a batch of 1,000 accounts is about 400 KB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The request's JSON body, or a thrown 400/413/415. */
export async function readJson(
  request: Request,
  contentTypes = ["application/json"],
): Promise<unknown> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!contentTypes.includes(type)) {
    throw problem({
      status: 415,
      title: "Send JSON",
      detail: `Use Content-Type: ${contentTypes[0]}.`,
    });
  }
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    throw problem({ status: 413, title: "The body is too large", detail: "At most 4 MB." });
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) {
    throw problem({ status: 413, title: "The body is too large", detail: "At most 4 MB." });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problem({ status: 400, title: "The body is not valid JSON" });
  }
}

export function invalid(errors: { pointer: string; detail: string }[]): Response {
  return problem({
    status: 400,
    title: "The request is not valid",
    detail: errors
      .slice(0, 5)
      .map((e) => `${e.pointer}: ${e.detail}`)
      .join("; "),
    errors,
  });
}

/** `value` checked by `schema`, or a thrown 400 naming each bad field by JSON pointer. */
export function parseOrThrow<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(issuesToErrors(parsed.error.issues));
  return parsed.data;
}

/** The JSON body checked by `schema`. */
export async function readJsonBody<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  return parseOrThrow(schema, await readJson(request));
}

/**
 * The one row a PUT to /…/{crmId} sends, checked by `schema`. Its CRM id may be left out of
 * the body; one that differs from the address is refused (a 400 answer, returned).
 */
export async function readRowFor<S extends z.ZodType<{ crm_id: string }, z.ZodTypeDef, unknown>>(
  request: Request,
  schema: S,
  crmId: string,
): Promise<z.output<S> | Response> {
  const body = await readJson(request);
  const withId =
    body && typeof body === "object" && !Array.isArray(body) && !("crm_id" in body)
      ? { ...body, crm_id: crmId }
      : body;
  const row = parseOrThrow(schema, withId);
  if (row.crm_id !== crmId) {
    return invalid([{ pointer: "/crm_id", detail: "Differs from the CRM id in the address" }]);
  }
  return row;
}

/** The answer to a write: the counts, or each refused field. */
export function writeAnswer(
  result: { ok: true; created: number; updated: number } | { ok: false; errors: FieldErrors },
): Response {
  if (!result.ok) return invalid(result.errors);
  return json({ created: result.created, updated: result.updated });
}

type FieldErrors = { pointer: string; detail: string }[];

export function methodNotAllowed(allow: string): Response {
  return problem({
    status: 405,
    title: "Method not allowed",
    detail: `Use ${allow}.`,
    headers: { Allow: allow },
  });
}
