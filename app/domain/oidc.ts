// Pure rules for single sign-on: which email a provider's claims give us, and what to say when
// a sign-in cannot go ahead. Every refusal is a 4xx page that changes nothing.

export type SsoProblem =
  "state" | "provider" | "unreachable" | "no-email" | "unknown-person" | "deactivated";

export const SSO_PROBLEMS: Record<SsoProblem, { status: number; title: string; text: string }> = {
  state: {
    status: 400,
    title: "This sign-in could not be checked",
    text: "The answer from the identity provider did not match a sign-in started in this browser, or it took too long. Please start again from the sign-in page.",
  },
  provider: {
    status: 400,
    title: "The identity provider did not sign you in",
    text: "It refused or cancelled the sign-in. Please try again, or ask your IT helpdesk if it keeps happening.",
  },
  unreachable: {
    status: 502,
    title: "The identity provider could not be reached",
    text: "Please try again in a few minutes.",
  },
  "no-email": {
    status: 403,
    title: "No work email came with this sign-in",
    text: "The identity provider did not tell us a verified work email for you. Please ask your IT helpdesk.",
  },
  "unknown-person": {
    status: 403,
    title: "You do not have an account here yet",
    text: "Nobody with this work email is set up in the portal. Please ask an administrator to add you.",
  },
  deactivated: {
    status: 403,
    title: "Your account here is switched off",
    text: "Please ask an administrator or HR if you think this is a mistake.",
  },
};

/** The email in a claims object, lower-cased; null if absent, malformed or marked unverified. */
export function emailFromClaims(claims: Record<string, unknown>, claim: string): string | null {
  const value = claims[claim];
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return null;
  // Only the standard "email" claim has a verification flag; an explicit false is refused.
  if (claim === "email" && claims.email_verified === false) return null;
  return email;
}

/** A display name from the claims, else the part of the email before the @. */
export function nameFromClaims(claims: Record<string, unknown>, email: string): string {
  const name = typeof claims.name === "string" ? claims.name.trim() : "";
  return (name || email.split("@")[0]).slice(0, 200);
}

/** Is this issuer on the loopback interface (the only place plain http is ever allowed)? */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  } catch {
    return false;
  }
}
