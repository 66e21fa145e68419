import { getEnv } from "./env.server";

// State-changing requests must come from our own pages. Browsers send Origin on every POST;
// a missing Origin falls back to Referer, and a request with neither is refused.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The REST API and SCIM authenticate each request with a bearer token and never read the
 * session cookie, so a cross-site page cannot act through them: other systems call them
 * without an Origin header.
 */
const TOKEN_ONLY_PATHS = /^\/(api\/v1|scim\/v2)\//;

export function isSameOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  if (TOKEN_ONLY_PATHS.test(new URL(request.url).pathname)) return true;
  const allowed = new Set([new URL(request.url).origin, new URL(getEnv().APP_URL).origin]);
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null") return allowed.has(origin);
  const referer = request.headers.get("Referer");
  if (referer) {
    try {
      return allowed.has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return false;
}

export function assertSameOrigin(request: Request) {
  if (!isSameOriginRequest(request)) {
    throw new Response("This request did not come from this site and was refused.", {
      status: 403,
    });
  }
}
