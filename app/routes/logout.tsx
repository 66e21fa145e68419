import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/utils/auth.server";
import { assertSameOrigin } from "~/utils/origin.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect("/login", {
    headers: {
      "Set-Cookie": await logout(request),
      // What this browser kept for offline use (draft, unsent reports, the saved form page and
      // its worker) goes too; the page has already asked about unsent reports (decision 080).
      "Clear-Site-Data": '"storage"',
    },
  });
}
