import { can } from "~/domain/permissions";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { PersonForm } from "~/components/person-form";
import { secondaryButtonClass } from "~/components/ui/field";
import { parsePersonForm, timeZoneNames } from "~/domain/people";
import { getPerson, reinvitePerson, savePerson, teamChoices } from "~/models/people.server";
import { endSessionsOf, notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";

export const meta: MetaFunction = () => [{ title: "Person · Incident portal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:view");
  const db = await getDb();
  const person = await getPerson(db, params.id ?? "");
  if (!person) throw notFound();
  return {
    id: person.id,
    name: person.name,
    hasPassword: person.passwordHash !== "",
    reports: person._count.reports,
    openCases: person._count.assignedIncidents,
    values: {
      name: person.name,
      email: person.email,
      employeeId: person.employeeId ?? "",
      role: person.role,
      teamId: person.teamId ?? "",
      managerRef: person.manager?.email ?? "",
      timeZone: person.timeZone,
      language: person.language,
      active: person.active ? "on" : "",
    },
    teams: await teamChoices(db),
    zones: timeZoneNames(),
    canEdit: can(user.role, "people:manage"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:manage");
  const db = await getDb();
  const person = await getPerson(db, params.id ?? "");
  if (!person) throw notFound();
  const values = typedValues(await request.formData());
  if (values.intent === "reinvite") {
    const sent = await reinvitePerson(db, user.id, person.id);
    return sent
      ? redirect(`/admin/people/${person.id}?saved=invited`)
      : data(
          { errors: { name: ["A deactivated person cannot be invited."] }, values },
          { status: 400 },
        );
  }
  const parsed = parsePersonForm(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  if (person.id === user.id && !parsed.value.active) {
    return data(
      { errors: { active: ["You cannot deactivate yourself; ask another admin."] }, values },
      { status: 400 },
    );
  }
  const result = await savePerson(db, user.id, person.id, parsed.value);
  if (!result.ok) return data({ errors: result.fieldErrors, values }, { status: 400 });
  if (result.deactivated) await endSessionsOf(person.id);
  const note = result.deactivated ? `deactivated&moved=${result.moved}` : "saved";
  return redirect(`/admin/people/${person.id}?saved=${note}`);
}

export default function PersonPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const moved = Number(params.get("moved") ?? 0);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/people" className="text-brand-700 underline">
          People
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{page.name}</h1>
      {saved && !result ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3">
          {saved === "invited"
            ? "Saved. An invitation with a link to set a password is on its way."
            : saved === "deactivated"
              ? `Deactivated and signed out everywhere. ${moved} open ${moved === 1 ? "case was" : "cases were"} handed on.`
              : "Changes saved."}
        </p>
      ) : null}
      {result?.errors && Object.keys(result.errors).length ? (
        <p role="alert" className="font-medium text-red-700">
          Please correct the fields marked below.
        </p>
      ) : null}
      <p className="text-slate-700">
        {page.hasPassword ? "Has set a password." : "Has not set a password yet."} {page.reports}{" "}
        direct {page.reports === 1 ? "report" : "reports"}; handles {page.openCases} open{" "}
        {page.openCases === 1 ? "case" : "cases"}.
      </p>
      <PersonForm
        values={result?.values ?? page.values}
        errors={result?.errors ?? {}}
        teams={page.teams}
        zones={page.zones}
        editing
        readOnly={!page.canEdit}
        busy={busy}
      />
      {page.canEdit && page.values.active === "on" ? (
        <Form method="post">
          <button type="submit" name="intent" value="reinvite" className={secondaryButtonClass}>
            Send a new invitation link
          </button>
        </Form>
      ) : null}
    </div>
  );
}
