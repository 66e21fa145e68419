import "~/i18n/auth-messages";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { hasActiveAdmin } from "~/models/people.server";
import { notFound } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.setup.title");

// Shown only while nobody can administer the portal (a fresh installation). It does not create
// an admin itself: whoever reached a new server first would become one. The command runs where
// the server runs, so only its operator can use it.
export async function loader(_args: LoaderFunctionArgs) {
  if (await hasActiveAdmin(await getDb())) throw notFound();
  return null;
}

/** The command is typed as it is in every language; only the sample name is translated. */
const createAdminCommand = (name: string) =>
  `npm run create-admin -- --email you@example.com --name "${name}"`;

export default function Setup() {
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-prose space-y-4">
      <h1 className="text-2xl font-semibold">{t("admin.setup.heading")}</h1>
      <p>{t("admin.setup.intro")}</p>
      <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-sm text-white">
        <code>{createAdminCommand(t("admin.setup.yourName"))}</code>
      </pre>
      <p>{t("admin.setup.next")}</p>
      <p className="text-sm text-slate-600">{t("admin.setup.noDefault")}</p>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
