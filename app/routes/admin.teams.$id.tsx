import { can } from "~/domain/permissions";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/ui/back-link";
import { TeamForm } from "~/components/team-form";
import { parseTeamForm } from "~/domain/people";
import { getTeam, saveTeam, teamChoices } from "~/models/people.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.team.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:view");
  const db = await getDb();
  const team = await getTeam(db, params.id ?? "");
  if (!team) throw notFound();
  return {
    team: { id: team.id, name: team.name },
    values: {
      id: team.id,
      name: team.name,
      managerRef: team.manager?.email ?? "",
      parentId: team.parentId ?? "",
    },
    teams: await teamChoices(db),
    canEdit: can(user.role, "people:manage"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:manage");
  const db = await getDb();
  const team = await getTeam(db, params.id ?? "");
  if (!team) throw notFound();
  const values = { ...typedValues(await request.formData()), id: team.id };
  const parsed = parseTeamForm(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = await saveTeam(db, user.id, team.id, parsed.value);
  if (!result.ok) return data({ errors: result.fieldErrors, values }, { status: 400 });
  return redirectWithToast(`/admin/teams/${team.id}`, { key: "toast.adminTeamSaved" });
}

export default function TeamPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <BackLink to="/admin/teams">{t("admin.teams.title")}</BackLink>
      <h1 className="text-2xl font-semibold">{page.team.name}</h1>
      <p>
        <Link to={`/admin/people?team=${page.team.id}`} className="text-brand-700 underline">
          {t("admin.team.people")}
        </Link>
      </p>
      <TeamForm
        values={result?.values ?? page.values}
        errors={result?.errors ?? {}}
        teams={page.teams}
        readOnly={!page.canEdit}
        submitLabel={t("admin.common.saveChanges")}
      />
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
