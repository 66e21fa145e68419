import { can } from "~/domain/permissions";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/ui/back-link";
import { PersonForm } from "~/components/person-form";
import { secondaryButtonClass } from "~/components/ui/field";
import { parsePersonForm, timeZoneNames } from "~/domain/people";
import { getPerson, reinvitePerson, savePerson, teamChoices } from "~/models/people.server";
import { endSessionsOf, notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.person.title");

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
      ? redirectWithToast(`/admin/people/${person.id}`, { key: "toast.adminPersonInvited" })
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
  return redirectWithToast(
    `/admin/people/${person.id}`,
    result.deactivated
      ? { key: "toast.adminPersonDeactivated", values: { count: result.moved } }
      : { key: "toast.adminPersonSaved" },
  );
}

export default function PersonPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <BackLink to="/admin/people">{t("admin.people.title")}</BackLink>
      <h1 className="text-2xl font-semibold">{page.name}</h1>
      {result?.errors && Object.keys(result.errors).length ? (
        <p role="alert" className="font-medium text-red-700">
          {t("admin.common.fixFields")}
        </p>
      ) : null}
      <p className="text-slate-700">
        {page.hasPassword ? t("admin.person.hasPassword") : t("admin.person.noPassword")}{" "}
        {t("admin.person.directReports", { count: page.reports })}{" "}
        {t("admin.person.openCases", { count: page.openCases })}
      </p>
      <PersonForm
        values={result?.values ?? page.values}
        errors={result?.errors ?? {}}
        teams={page.teams}
        zones={page.zones}
        editing
        readOnly={!page.canEdit}
      />
      {page.canEdit && page.values.active === "on" ? (
        <Form method="post">
          <button type="submit" name="intent" value="reinvite" className={secondaryButtonClass}>
            {t("admin.person.reinvite")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
