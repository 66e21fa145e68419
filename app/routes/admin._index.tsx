import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countPoliciesAndCalendars } from "~/models/admin-deadlines.server";
import { countActiveApiTokens } from "~/models/api-token.server";
import { countAuditEvents } from "~/models/audit-log.server";
import { countSetAsideMails } from "~/models/outbox-admin.server";
import { countPeople } from "~/models/people.server";
import { countSetAsideWebhooks } from "~/models/webhook.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.common.admin");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const [{ policies, calendars }, setAside, changes, people, tokens, hooksSetAside] =
    await Promise.all([
      countPoliciesAndCalendars(db),
      countSetAsideMails(db),
      countAuditEvents(db),
      countPeople(db),
      countActiveApiTokens(db),
      countSetAsideWebhooks(db),
    ]);
  return { policies, calendars, setAside, changes, people, tokens, hooksSetAside };
}

export default function AdminIndex() {
  const { policies, calendars, setAside, changes, people, tokens, hooksSetAside } =
    useLoaderData<typeof loader>();
  const { t } = useI18n();
  const list = (...parts: string[]) => parts.join(t("common.listSeparator"));
  const items = [
    {
      to: "/admin/people",
      title: t("admin.home.peopleTitle"),
      text: t("admin.home.peopleText"),
      count: list(
        t("admin.home.activePeople", { count: people.active }),
        t("admin.home.teams", { count: people.teams }),
      ),
      attention: false,
    },
    {
      to: "/admin/deadlines",
      title: t("admin.home.deadlinesTitle"),
      text: t("admin.home.deadlinesText"),
      count:
        policies === 0
          ? t("admin.home.defaultsInUse")
          : list(
              t("admin.home.policies", { count: policies }),
              t("admin.home.calendars", { count: calendars }),
            ),
      attention: false,
    },
    {
      to: "/admin/critical-guidance",
      title: t("admin.home.guidanceTitle"),
      text: t("admin.home.guidanceText"),
      count: t("admin.home.guidanceCount"),
      attention: false,
    },
    {
      to: "/admin/outbox",
      title: t("admin.home.outboxTitle"),
      text: t("admin.home.outboxText"),
      count:
        setAside === 0
          ? t("admin.home.nothingSetAside")
          : t("admin.home.mailsSetAside", { count: setAside }),
      attention: setAside > 0,
    },
    {
      to: "/admin/integrations",
      title: t("admin.home.integrationsTitle"),
      text: t("admin.home.integrationsText"),
      count: list(
        ...[
          tokens === 0 ? t("admin.home.noTokens") : t("admin.home.tokens", { count: tokens }),
          ...(hooksSetAside > 0
            ? [t("admin.home.webhooksSetAside", { count: hooksSetAside })]
            : []),
        ],
      ),
      attention: hooksSetAside > 0,
    },
    {
      to: "/admin/retention",
      title: t("admin.home.retentionTitle"),
      text: t("admin.home.retentionText"),
      count: t("admin.home.retentionCount"),
      attention: false,
    },
    {
      to: "/admin/jurisdiction",
      title: t("admin.home.jurisdictionTitle"),
      text: t("admin.home.jurisdictionText"),
      count: t("admin.home.jurisdictionCount"),
      attention: false,
    },
    {
      to: "/admin/audit",
      title: t("admin.home.auditTitle"),
      text: t("admin.home.auditText"),
      count:
        changes === 0 ? t("admin.home.noChanges") : t("admin.home.changes", { count: changes }),
      attention: false,
    },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("admin.common.admin")}</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.to} className="rounded-lg bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link to={item.to} className="text-brand-700 underline">
                {item.title}
              </Link>
            </h2>
            <p className="mt-1 text-slate-700">{item.text}</p>
            <p
              className={`mt-2 text-sm ${item.attention ? "font-semibold text-amber-800" : "text-slate-600"}`}
            >
              {item.count}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
