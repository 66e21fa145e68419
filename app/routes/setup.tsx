import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { hasActiveAdmin } from "~/models/people.server";
import { notFound } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "First start · Incident portal" }];

// Shown only while nobody can administer the portal (a fresh installation). It does not create
// an admin itself: whoever reached a new server first would become one. The command runs where
// the server runs, so only its operator can use it.
export async function loader(_args: LoaderFunctionArgs) {
  if (await hasActiveAdmin(await getDb())) throw notFound();
  return null;
}

export default function Setup() {
  return (
    <div className="mx-auto max-w-prose space-y-4">
      <h1 className="text-2xl font-semibold">Welcome: the portal has no admin yet</h1>
      <p>
        This installation is new. Create the first admin on the server, in the folder the portal
        runs from:
      </p>
      <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-sm text-white">
        <code>npm run create-admin -- --email you@example.com --name &quot;Your Name&quot;</code>
      </pre>
      <p>
        It prints a link that works once, for 72 hours. Open it to choose your password, then sign
        in. From the Admin page you can then add people and teams or import them from your HR
        system; each person gets an invitation mail to set their own password.
      </p>
      <p className="text-sm text-slate-600">
        There is no default password. This page disappears once an admin exists.
      </p>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
