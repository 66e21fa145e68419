import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/ui/back-link";
import { TeamForm } from "~/components/team-form";
import { parseTeamForm } from "~/domain/people";
import { saveTeam, teamChoices } from "~/models/people.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.newTeam.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "people:manage");
  return { teams: await teamChoices(await getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:manage");
  const values = typedValues(await request.formData());
  const parsed = parseTeamForm(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = await saveTeam(await getDb(), user.id, null, parsed.value);
  if (!result.ok) return data({ errors: result.fieldErrors, values }, { status: 400 });
  return redirectWithToast(`/admin/teams/${result.id}`, { key: "toast.adminTeamAdded" });
}

export default function NewTeam() {
  const { teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <BackLink to="/admin/teams">{t("admin.teams.title")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("admin.newTeam.title")}</h1>
      <TeamForm
        values={result?.values ?? {}}
        errors={result?.errors ?? {}}
        teams={teams}
        readOnly={false}
        submitLabel={t("admin.newTeam.submit")}
      />
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
