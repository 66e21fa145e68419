import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SimplePager } from "~/components/simple-pager";
import { buttonClass, inputClass } from "~/components/ui/field";
import { ROLE_LABELS } from "~/domain/people";
import { ROLES, type Role } from "~/domain/vocabulary";
import { listPeople, teamChoices } from "~/models/people.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "People · Incident portal" }];

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
            Admin
          </Link>
        ) : null}
      </p>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">People</h1>
        <div className="flex flex-wrap gap-4">
          <Link to="/admin/teams" className="text-brand-700 underline">
            Teams
          </Link>
          {data.canEdit ? (
            <>
              <Link to="/admin/people/import" className="text-brand-700 underline">
                Import from the HR system
              </Link>
              <Link to="/admin/people/new" className={buttonClass}>
                Add a person
              </Link>
            </>
          ) : null}
        </div>
      </div>
      <Form method="get" role="search" className="grid gap-4 sm:grid-cols-5 sm:items-end">
        <label className="flex flex-col text-sm sm:col-span-2">
          Search by name, email or employee id
          <input type="search" name="q" defaultValue={data.q} className={`${inputClass} mt-1`} />
        </label>
        <label className="flex flex-col text-sm">
          Role
          <select name="role" defaultValue={data.role} className={`${inputClass} mt-1`}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Team
          <select name="team" defaultValue={data.teamId} className={`${inputClass} mt-1`}>
            <option value="">All teams</option>
            {data.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Status
          <select name="status" defaultValue={data.status} className={`${inputClass} mt-1`}>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="all">Everyone</option>
          </select>
        </label>
        <button type="submit" className={`${buttonClass} sm:col-span-5 sm:w-fit`}>
          Search
        </button>
      </Form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {data.total} {data.total === 1 ? "person" : "people"}
        {data.pages > 1 ? `, page ${data.page} of ${data.pages}` : ""}
      </p>
      {data.rows.length === 0 ? (
        <p className="text-slate-600">Nobody matches these filters.</p>
      ) : (
        <ul className="divide-y rounded-lg bg-white shadow-sm">
          {data.rows.map((p) => (
            <li key={p.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3">
              <Link to={`/admin/people/${p.id}`} className="font-medium text-brand-700 underline">
                {p.name}
              </Link>
              <span className="text-sm text-slate-700">{p.email}</span>
              <span className="text-sm text-slate-700">
                {ROLE_LABELS[p.role as Role] ?? p.role}
              </span>
              {p.team ? <span className="text-sm text-slate-700">{p.team.name}</span> : null}
              {p.manager ? (
                <span className="text-sm text-slate-600">reports to {p.manager.name}</span>
              ) : null}
              {p.employeeId ? (
                <span className="text-sm text-slate-600">id {p.employeeId}</span>
              ) : null}
              {!p.active ? (
                <span className="text-sm font-semibold text-amber-800">Deactivated</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <SimplePager page={data.page} pages={data.pages} hrefFor={pageHref} />
    </div>
  );
}
