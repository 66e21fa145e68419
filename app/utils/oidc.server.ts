import * as client from "openid-client";
import { isLoopbackUrl } from "~/domain/oidc";
import { getEnv } from "./env.server";

// Single sign-on with OpenID Connect (authorization code + PKCE, state and nonce), through
// openid-client. Off unless OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set.
// See docs/decisions/027-single-sign-on.md.

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailClaim: string;
  label: string;
  autoCreate: boolean;
  defaultTeam: string | null;
  allowHttp: boolean;
};

export function oidcSettings(): OidcSettings | null {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    emailClaim: env.OIDC_EMAIL_CLAIM,
    label: env.OIDC_LABEL,
    autoCreate: env.OIDC_AUTO_CREATE === "true",
    defaultTeam: env.OIDC_DEFAULT_TEAM ?? null,
    allowHttp: env.OIDC_ALLOW_HTTP_LOOPBACK === "true" && isLoopbackUrl(env.OIDC_ISSUER),
  };
}

/**
 * May this email sign in with a password? Everyone, unless PASSWORD_SIGN_IN=break-glass: then
 * only BREAK_GLASS_EMAIL (an administrator kept for when the identity provider is down).
 * With null, answers whether password sign-in is open to everyone.
 */
export function passwordSignInAllowed(email: string | null): boolean {
  const env = getEnv();
  if (env.PASSWORD_SIGN_IN === "on") return true;
  return email !== null && email.trim().toLowerCase() === env.BREAK_GLASS_EMAIL;
}

export function callbackUrl(): string {
  return new URL("/login/sso/callback", getEnv().APP_URL).toString();
}

let cached: { key: string; config: Promise<client.Configuration> } | undefined;

/** The provider's metadata, discovered once per process (again after a failure). */
export function providerConfig(s: OidcSettings): Promise<client.Configuration> {
  const key = `${s.issuer}|${s.clientId}|${s.allowHttp}`;
  if (cached?.key === key) return cached.config;
  const config = client.discovery(
    new URL(s.issuer),
    s.clientId,
    s.clientSecret,
    undefined,
    s.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  cached = { key, config };
  config.catch(() => {
    if (cached?.config === config) cached = undefined;
  });
  return config;
}

/** Tests start a new provider per file; they call this to forget the old one. */
export function resetOidcForTests() {
  cached = undefined;
}

export { client };
