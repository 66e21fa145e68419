import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/utils/auth.server";
import { assertSameOrigin } from "~/utils/origin.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const headers = new Headers({ "Set-Cookie": await logout(request) });
  // What this browser kept for offline use (draft, unsent reports, the saved form page and its
  // worker) goes too; the page has already asked about unsent reports (decision 080). When the
  // page's script signs out (a fetch, not a navigation), the script has removed them itself, and
  // the header is left off: Chromium holds the answer until its clearing is done, which under
  // load kept people on the page for seconds after "Sign out".
  const mode = request.headers.get("Sec-Fetch-Mode");
  if (mode === null || mode === "navigate") headers.set("Clear-Site-Data", '"storage"');
  return redirect("/login", { headers });
}
