import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/ui/back-link";
import { SimplePager } from "~/components/simple-pager";
import { buttonClass } from "~/components/ui/field";
import { listTeams } from "~/models/people.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.teams.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:view");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(100_000, Number(url.searchParams.get("page")) || 1));
  const list = await listTeams(await getDb(), page);
  return { ...list, canEdit: can(user.role, "people:manage") };
}

export default function Teams() {
  const data = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <BackLink to="/admin/people">{t("admin.people.title")}</BackLink>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("admin.teams.title")}</h1>
        {data.canEdit ? (
          <Link to="/admin/teams/new" className={buttonClass}>
            {t("admin.newTeam.title")}
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-700">{t("admin.teams.count", { count: data.total })}</p>
      {data.rows.length === 0 ? (
        <p className="text-slate-600">{t("admin.teams.none")}</p>
      ) : (
        <ul className="divide-y rounded-lg bg-white shadow-sm">
          {data.rows.map((team) => (
            <li key={team.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3">
              <Link to={`/admin/teams/${team.id}`} className="font-medium text-brand-700 underline">
                {team.name}
              </Link>
              <span className="text-sm text-slate-700">
                {team.manager
                  ? t("admin.teams.managedBy", { name: team.manager.name })
                  : t("admin.teams.noManager")}
              </span>
              {team.parent ? (
                <span className="text-sm text-slate-600">
                  {t("admin.teams.partOf", { name: team.parent.name })}
                </span>
              ) : null}
              <span className="text-sm text-slate-600">
                {t("admin.teams.members", { count: team._count.members })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <SimplePager page={data.page} pages={data.pages} hrefFor={(p) => `?page=${p}`} />
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
