import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SimplePager } from "~/components/simple-pager";
import { buttonClass } from "~/components/ui/field";
import { listTeams } from "~/models/people.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Teams · Incident portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:view");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(100_000, Number(url.searchParams.get("page")) || 1));
  const list = await listTeams(await getDb(), page);
  return { ...list, canEdit: can(user.role, "people:manage") };
}

export default function Teams() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/people" className="text-brand-700 underline">
          People
        </Link>
      </p>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Teams</h1>
        {data.canEdit ? (
          <Link to="/admin/teams/new" className={buttonClass}>
            Add a team
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-700">
        {data.total} {data.total === 1 ? "team" : "teams"}
      </p>
      {data.rows.length === 0 ? (
        <p className="text-slate-600">No teams yet.</p>
      ) : (
        <ul className="divide-y rounded-lg bg-white shadow-sm">
          {data.rows.map((t) => (
            <li key={t.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-3">
              <Link to={`/admin/teams/${t.id}`} className="font-medium text-brand-700 underline">
                {t.name}
              </Link>
              <span className="text-sm text-slate-700">
                {t.manager ? `managed by ${t.manager.name}` : "no manager"}
              </span>
              {t.parent ? (
                <span className="text-sm text-slate-600">part of {t.parent.name}</span>
              ) : null}
              <span className="text-sm text-slate-600">
                {t._count.members} active {t._count.members === 1 ? "member" : "members"}
              </span>
            </li>
          ))}
        </ul>
      )}
      <SimplePager page={data.page} pages={data.pages} hrefFor={(p) => `?page=${p}`} />
    </div>
  );
}
