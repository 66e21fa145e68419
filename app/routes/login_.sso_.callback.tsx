import "~/i18n/auth-messages";
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { emailFromClaims, nameFromClaims, SSO_PROBLEMS, type SsoProblem } from "~/domain/oidc";
import { safeRedirect } from "~/domain/safe-redirect";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { createSsoEmployee, personForEmail, takeOidcLogin } from "~/models/oidc-login.server";
import { startSession } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { callbackUrl, client, oidcSettings, providerConfig } from "~/utils/oidc.server";
import { cookieHeader, readCookieToken } from "~/utils/sign-in.server";

// Where the identity provider sends the person back. Every check failing ends on a clear
// page with a 4xx (502 if the provider cannot be reached) and no session.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

function clearFlightCookie() {
  return cookieHeader("portal_oidc", "", 0, "/login/sso");
}

/** The page's wording for each problem (SSO_PROBLEMS holds the English and the status). */
const PROBLEM_KEYS: Record<SsoProblem, { title: string; text: string }> = {
  state: { title: "auth.sso.stateTitle", text: "auth.sso.stateText" },
  provider: { title: "auth.sso.providerTitle", text: "auth.sso.providerText" },
  unreachable: { title: "auth.sso.unreachableTitle", text: "auth.sso.unreachableText" },
  "no-email": { title: "auth.sso.noEmailTitle", text: "auth.sso.noEmailText" },
  "unknown-person": { title: "auth.sso.unknownPersonTitle", text: "auth.sso.unknownPersonText" },
  deactivated: { title: "auth.sso.deactivatedTitle", text: "auth.sso.deactivatedText" },
};

export function ssoProblem(problem: SsoProblem) {
  return data(
    { problem },
    { status: SSO_PROBLEMS[problem].status, headers: { "Set-Cookie": clearFlightCookie() } },
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  const settings = oidcSettings();
  if (!settings) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const state = url.searchParams.get("state");
  const cookieState = readCookieToken(request, "portal_oidc");
  if (!state || !cookieState || state !== cookieState) return ssoProblem("state");
  const db = await getDb();
  const flight = await takeOidcLogin(db, state);
  if (!flight) return ssoProblem("state");
  if (url.searchParams.has("error")) return ssoProblem("provider");

  let claims: Record<string, unknown>;
  try {
    const config = await providerConfig(settings);
    // The URL the provider redirected to, as the public address sees it (not a proxy's).
    const current = new URL(callbackUrl());
    current.search = url.search;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flight.codeVerifier,
      expectedState: flight.state,
      expectedNonce: flight.nonce,
      idTokenExpected: true,
    });
    claims = { ...(tokens.claims() ?? {}) };
    if (claims[settings.emailClaim] === undefined && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (error) {
    const unreachable = error instanceof TypeError; // fetch failed: network, DNS, TLS
    if (!unreachable) console.warn("SSO sign-in refused:", (error as Error)?.message);
    return ssoProblem(unreachable ? "unreachable" : "provider");
  }

  const email = emailFromClaims(claims, settings.emailClaim);
  if (!email) return ssoProblem("no-email");
  const person = await personForEmail(db, email);
  let userId: string;
  if (person.kind === "active") userId = person.userId;
  else if (person.kind === "deactivated") return ssoProblem("deactivated");
  else if (settings.autoCreate) {
    userId = await createSsoEmployee(db, {
      email,
      name: nameFromClaims(claims, email),
      teamName: settings.defaultTeam,
    });
  } else return ssoProblem("unknown-person");

  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(userId));
  headers.append("Set-Cookie", clearFlightCookie());
  return redirect(safeRedirect(flight.redirectTo), { headers });
}

type ProblemData = { problem?: SsoProblem } | undefined;

export function SsoProblemPage() {
  const loaderData = useLoaderData<ProblemData>();
  const actionData = useActionData<ProblemData>();
  const { t } = useI18n();
  const code = actionData?.problem ?? loaderData?.problem;
  const problem = code && Object.hasOwn(PROBLEM_KEYS, code) ? PROBLEM_KEYS[code] : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t(problem?.title ?? "login.title")}</h1>
      {problem ? <p className="mt-3 text-slate-700">{t(problem.text)}</p> : null}
      <p className="mt-6">
        <Link to="/login" className="text-brand-700 underline">
          {t("auth.sso.back")}
        </Link>
      </p>
    </div>
  );
}

export default SsoProblemPage;
