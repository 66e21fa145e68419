import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/domain/safe-redirect";
import { saveOidcLogin } from "~/models/oidc-login.server";
import { getDb } from "~/utils/db.server";
import { callbackUrl, client, oidcSettings, providerConfig } from "~/utils/oidc.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { cookieHeader } from "~/utils/sign-in.server";
import { SsoProblemPage, ssoProblem } from "./login_.sso_.callback";

export { meta } from "./login_.sso_.callback";

// "Sign in with …": remembers state, nonce and the PKCE verifier, ties the state to this
// browser with a cookie, and sends the person to the identity provider.

/** Nothing to show by itself: the page only renders a problem the action answered with. */
export async function loader() {
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const settings = oidcSettings();
  if (!settings) throw new Response("Not found", { status: 404 });
  const form = await request.formData().catch(() => null);
  const redirectTo = safeRedirect(form?.get("redirectTo"));
  let config: client.Configuration;
  try {
    config = await providerConfig(settings);
  } catch {
    return ssoProblem("unreachable");
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const challenge = await client.calculatePKCECodeChallenge(codeVerifier);
  await saveOidcLogin(await getDb(), { state, nonce, codeVerifier, redirectTo });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(),
    scope: "openid email profile",
    response_type: "code",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return redirect(url.toString(), {
    headers: { "Set-Cookie": cookieHeader("portal_oidc", state, 600, "/login/sso") },
  });
}

export default SsoProblemPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
