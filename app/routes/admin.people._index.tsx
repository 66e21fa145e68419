import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SimplePager } from "~/components/simple-pager";
import { buttonClass, inputClass } from "~/components/ui/field";
import { ROLES, type Role } from "~/domain/vocabulary";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { listPeople, teamChoices } from "~/models/people.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.people.title");

// Admins edit people; HR reads the directory (it reviews who handled what).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:view");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const r = url.searchParams.get("role") ?? "";
  const role = (ROLES as readonly string[]).includes(r) ? (r as Role) : undefined;
  const teamId = (url.searchParams.get("team") ?? "").slice(0, 64) || undefined;
  const s = url.searchParams.get("status");
  const status = s === "inactive" || s === "all" ? s : "active";
  const page = Math.max(1, Math.min(100_000, Number(url.searchParams.get("page")) || 1));
  const db = await getDb();
  const [list, teams] = await Promise.all([
    listPeople(db, { q, role, teamId, status, page }),
    teamChoices(db),
  ]);
  return {
    ...list,
    teams,
    q,
    role: role ?? "",
    teamId: teamId ?? "",
    status,
    canEdit: can(user.role, "people:manage"),
  };
}

export default function People() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const pageHref = (page: number) => {
    const p = new URLSearchParams(params);
    p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <div className="space-y-6">
      <p className="text-sm">
        {data.canEdit ? (
          <Link to="/admin" className="text-brand-700 underline">
            {t("admin.common.admin")}
          </Link>
        ) : null}
      </p>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("admin.people.title")}</h1>
        <div className="flex flex-wrap gap-4">
          <Link to="/admin/teams" className="text-brand-700 underline">
            {t("admin.teams.title")}
          </Link>
          {data.canEdit ? (
            <>
              <Link to="/admin/people/import" className="text-brand-700 underline">
                {t("admin.people.importLink")}
              </Link>
              <Link to="/admin/people/new" className={buttonClass}>
                {t("admin.newPerson.title")}
              </Link>
            </>
          ) : null}
        </div>
      </div>
      <Form method="get" role="search" className="grid gap-4 sm:grid-cols-5 sm:items-end">
        <label className="flex flex-col text-sm sm:col-span-2">
          {t("admin.people.searchLabel")}
          <input type="search" name="q" defaultValue={data.q} className={`${inputClass} mt-1`} />
        </label>
        <label className="flex flex-col text-sm">
          {t("admin.personForm.role")}
          <select name="role" defaultValue={data.role} className={`${inputClass} mt-1`}>
            <option value="">{t("admin.people.allRoles")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {vocabLabel(t, "role", r)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("admin.personForm.team")}
          <select name="team" defaultValue={data.teamId} className={`${inputClass} mt-1`}>
            <option value="">{t("admin.people.allTeams")}</option>
            {data.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("admin.people.status")}
          <select name="status" defaultValue={data.status} className={`${inputClass} mt-1`}>
            <option value="active">{t("admin.people.statusActive")}</option>
            <option value="inactive">{t("admin.people.statusInactive")}</option>
            <option value="all">{t("admin.people.statusAll")}</option>
          </select>
        </label>
        <button type="submit" className={`${buttonClass} sm:col-span-5 sm:w-fit`}>
          {t("admin.people.search")}
        </button>
      </Form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {data.pages > 1
          ? t("admin.people.countPaged", {
              count: data.total,
              page: data.page,
              pages: data.pages,
            })
          : t("admin.people.count", { count: data.total })}
      </p>
      {data.rows.length === 0 ? (
        <p className="text-slate-600">{t("admin.people.none")}</p>
      ) : (
        <ul className="divide-y rounded-lg bg-white shadow-sm">
          {data.rows.map((p) => (
            <li key={p.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3">
              <Link to={`/admin/people/${p.id}`} className="font-medium text-brand-700 underline">
                {p.name}
              </Link>
              <span className="text-sm text-slate-700">{p.email}</span>
              <span className="text-sm text-slate-700">{vocabLabel(t, "role", p.role)}</span>
              {p.team ? <span className="text-sm text-slate-700">{p.team.name}</span> : null}
              {p.manager ? (
                <span className="text-sm text-slate-600">
                  {t("admin.people.reportsTo", { name: p.manager.name })}
                </span>
              ) : null}
              {p.employeeId ? (
                <span className="text-sm text-slate-600">
                  {t("admin.people.employeeId", { id: p.employeeId })}
                </span>
              ) : null}
              {!p.active ? (
                <span className="text-sm font-semibold text-amber-800">
                  {t("admin.people.statusInactive")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <SimplePager page={data.page} pages={data.pages} hrefFor={pageHref} />
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
