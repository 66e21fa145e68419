import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SSO_PROBLEMS, type SsoProblem } from "~/domain/oidc";
import * as loginRoute from "~/routes/login";
import * as ssoRoute from "~/routes/login_.sso";
import * as callbackRoute from "~/routes/login_.sso_.callback";
import * as reportsRoute from "~/routes/reports._index";
import { resetEnvCache } from "~/utils/env.server";
import { resetOidcForTests } from "~/utils/oidc.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, postRequest, type Answer } from "../fixtures/http";
import { startTestProvider, type TestProvider } from "../fixtures/oidc-provider";
import { orgForThisFile, TEST_PASSWORD } from "../fixtures/org";

// Single sign-on against a real OpenID provider (oidc-provider) on loopback: the portal's
// start and callback routes, the provider's own endpoints over real HTTP in between.

const { db, org } = await orgForThisFile("sso");
let idp: TestProvider;

const OIDC_KEYS = [
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "OIDC_ALLOW_HTTP_LOOPBACK",
  "OIDC_AUTO_CREATE",
  "OIDC_DEFAULT_TEAM",
  "PASSWORD_SIGN_IN",
  "BREAK_GLASS_EMAIL",
];

function setEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

beforeAll(async () => {
  idp = await startTestProvider({ redirectUri: `${TEST_APP_URL}/login/sso/callback` });
  setEnv({
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOW_HTTP_LOOPBACK: "true",
  });
  resetOidcForTests();
});
afterAll(async () => {
  setEnv(Object.fromEntries(OIDC_KEYS.map((k) => [k, undefined])));
  resetOidcForTests();
  await idp.stop();
});

/** A browser's cookies for the provider (it sets its own interaction and session cookies). */
class Jar {
  private cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
  }
}

async function follow(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers ?? {}), Cookie: jar.header() },
  });
  jar.take(res);
  return res;
}

/**
 * Clicks "Sign in with …", signs in at the provider as `email` (or cancels), and returns the
 * portal callback URL the provider sends the browser back to, with the portal's flight cookie.
 */
async function throughProvider(
  email: string,
  opts: { cancel?: boolean; redirectTo?: string } = {},
): Promise<{ callback: string; flightCookie: string; start: Answer }> {
  const start = await call(
    ssoRoute.action,
    postRequest("/login/sso", { redirectTo: opts.redirectTo ?? "/" }),
  );
  expect(start.status).toBe(302);
  const flightCookie = (start.headers.get("Set-Cookie") ?? "").split(";")[0];
  expect(flightCookie).toMatch(/^portal_oidc=/);
  const auth = new URL(start.location!);
  expect(auth.origin).toBe(idp.issuer);
  expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
  expect(auth.searchParams.get("nonce")).toBeTruthy();

  const jar = new Jar();
  let res = await follow(jar, auth.toString());
  let location = new URL(res.headers.get("Location")!, idp.issuer).toString();
  expect(location).toContain("/interaction/");
  const page = await follow(jar, location);
  expect(await page.text()).toContain("Email at the identity provider");
  res = await follow(jar, location, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, action: opts.cancel ? "cancel" : "login" }).toString(),
  });
  // The provider resumes the authorization and redirects back to the portal.
  for (let i = 0; i < 5; i++) {
    location = new URL(res.headers.get("Location")!, idp.issuer).toString();
    if (location.startsWith(TEST_APP_URL)) break;
    res = await follow(jar, location);
  }
  expect(location.startsWith(`${TEST_APP_URL}/login/sso/callback?`)).toBe(true);
  return { callback: location.slice(TEST_APP_URL.length), flightCookie, start };
}

/** The English title of the problem the page answered with (the page shows it translated). */
function problemTitle(a: Answer): string {
  const problem = (a.body as { problem?: SsoProblem } | null)?.problem;
  return problem ? SSO_PROBLEMS[problem].title : "";
}

describe("single sign-on with OpenID Connect", () => {
  it("offers the button on the sign-in page", async () => {
    const page = await call(loginRoute.loader, getRequest("/login"));
    expect(page.body).toMatchObject({ ssoLabel: "your company account" });
  });

  it("signs in an active person known by their work email and returns them where they were going", async () => {
    const { callback, flightCookie } = await throughProvider(org.employeeA.email.toUpperCase(), {
      redirectTo: "/reports",
    });
    const done = await call(callbackRoute.loader, getRequest(callback, flightCookie));
    expect(done.status).toBe(302);
    expect(done.location).toBe("/reports");
    const session = (done.headers.get("Set-Cookie") ?? "").match(/portal_session=[^;]+/)?.[0];
    expect(session).toBeTruthy();
    const page = await call(reportsRoute.loader, getRequest("/reports", session));
    expect(page.status).toBe(200);
    // The flight is used up: the same answer from the provider cannot be replayed.
    const replay = await call(callbackRoute.loader, getRequest(callback, flightCookie));
    expect(replay.status).toBe(400);
    expect(problemTitle(replay)).toContain("could not be checked");
  });

  it("refuses a wrong state (no cookie, another browser's cookie, a changed state)", async () => {
    const { callback, flightCookie } = await throughProvider(org.employeeA.email);
    const noCookie = await call(callbackRoute.loader, getRequest(callback));
    expect(noCookie.status).toBe(400);
    const other = await call(
      callbackRoute.loader,
      getRequest(callback, "portal_oidc=someoneElsesStateValue12345"),
    );
    expect(other.status).toBe(400);
    const changed = callback.replace(/state=([^&]+)/, "state=changedStateValue1234567");
    const tampered = await call(callbackRoute.loader, getRequest(changed, flightCookie));
    expect(tampered.status).toBe(400);
    expect(problemTitle(tampered)).toContain("could not be checked");
    expect(await db.session.count({ where: { userId: org.employeeA.id } })).toBe(1);
  });

  it("refuses a code that does not match its PKCE verifier and nonce (a flight swapped in the database)", async () => {
    const { callback, flightCookie } = await throughProvider(org.employeeA.email);
    const state = new URL(callback, TEST_APP_URL).searchParams.get("state")!;
    await db.oidcLogin.update({
      where: { state },
      data: { codeVerifier: "x".repeat(64), nonce: "not-the-nonce" },
    });
    const answer = await call(callbackRoute.loader, getRequest(callback, flightCookie));
    expect(answer.status).toBe(400);
    expect(problemTitle(answer)).toContain("did not sign you in");
  });

  it("refuses an unknown email and a deactivated person with clear pages", async () => {
    const unknown = await throughProvider("stranger@elsewhere.example");
    const a = await call(callbackRoute.loader, getRequest(unknown.callback, unknown.flightCookie));
    expect(a.status).toBe(403);
    expect(problemTitle(a)).toContain("do not have an account");
    expect(await db.user.count({ where: { email: "stranger@elsewhere.example" } })).toBe(0);

    await db.user.update({ where: { id: org.colleagueA.id }, data: { active: false } });
    const gone = await throughProvider(org.colleagueA.email);
    const b = await call(callbackRoute.loader, getRequest(gone.callback, gone.flightCookie));
    expect(b.status).toBe(403);
    expect(problemTitle(b)).toContain("switched off");
    expect(await db.session.count({ where: { userId: org.colleagueA.id } })).toBe(0);
  });

  it("shows the provider's refusal (the person cancelled) as a clear page", async () => {
    const { callback, flightCookie } = await throughProvider(org.employeeA.email, {
      cancel: true,
    });
    expect(callback).toContain("error=access_denied");
    const a = await call(callbackRoute.loader, getRequest(callback, flightCookie));
    expect(a.status).toBe(400);
    expect(problemTitle(a)).toContain("did not sign you in");
  });

  it("creates an employee in the default team when OIDC_AUTO_CREATE is on", async () => {
    const team = await db.team.findUniqueOrThrow({ where: { id: org.teamB.id } });
    setEnv({ OIDC_AUTO_CREATE: "true", OIDC_DEFAULT_TEAM: team.name });
    try {
      const { callback, flightCookie } = await throughProvider("new.starter@test.example");
      const a = await call(callbackRoute.loader, getRequest(callback, flightCookie));
      expect(a.status).toBe(302);
      const created = await db.user.findUniqueOrThrow({
        where: { email: "new.starter@test.example" },
      });
      expect(created).toMatchObject({ role: "EMPLOYEE", teamId: team.id, active: true });
      const audit = await db.auditEvent.findFirstOrThrow({
        where: { action: "PERSON_CREATED", subjectId: created.id },
      });
      expect(audit.actorId).toBeNull();
      expect(audit.data).toContain("single sign-on");
    } finally {
      setEnv({ OIDC_AUTO_CREATE: undefined, OIDC_DEFAULT_TEAM: undefined });
    }
  });

  it("with password sign-in turned off, only the break-glass admin may use a password", async () => {
    setEnv({ PASSWORD_SIGN_IN: "break-glass", BREAK_GLASS_EMAIL: org.admin.email });
    try {
      const refused = await call(
        loginRoute.action,
        postRequest("/login", { email: org.hr.email, password: TEST_PASSWORD }),
      );
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).toContain("Password sign-in is turned off");
      const page = await call(loginRoute.loader, getRequest("/login"));
      expect(page.body).toMatchObject({ passwordOnlyBreakGlass: true });
      const admin = await call(
        loginRoute.action,
        postRequest("/login", { email: org.admin.email, password: TEST_PASSWORD }),
      );
      expect(admin.status).toBe(302);
    } finally {
      setEnv({ PASSWORD_SIGN_IN: undefined, BREAK_GLASS_EMAIL: undefined });
    }
  });

  it("answers 502 with a clear page when the provider cannot be reached", async () => {
    setEnv({ OIDC_ISSUER: "http://127.0.0.1:9/" });
    resetOidcForTests();
    try {
      const a = await call(ssoRoute.action, postRequest("/login/sso", {}));
      expect(a.status).toBe(502);
      expect(problemTitle(a)).toContain("could not be reached");
    } finally {
      setEnv({ OIDC_ISSUER: idp.issuer });
      resetOidcForTests();
    }
  });
});
