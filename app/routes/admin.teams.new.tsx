import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TeamForm } from "~/components/team-form";
import { parseTeamForm } from "~/domain/people";
import { saveTeam, teamChoices } from "~/models/people.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";

export const meta: MetaFunction = () => [{ title: "Add a team · Incident portal" }];

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
  return redirect(`/admin/teams/${result.id}?saved=1`);
}

export default function NewTeam() {
  const { teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/teams" className="text-brand-700 underline">
          Teams
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Add a team</h1>
      <TeamForm
        values={result?.values ?? {}}
        errors={result?.errors ?? {}}
        teams={teams}
        readOnly={false}
        busy={busy}
        submitLabel="Add the team"
      />
    </div>
  );
}
