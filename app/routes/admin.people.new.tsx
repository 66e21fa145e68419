import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/ui/back-link";
import { PersonForm } from "~/components/person-form";
import { DEFAULT_TIME_ZONE, parsePersonForm, timeZoneNames } from "~/domain/people";
import { savePerson, teamChoices } from "~/models/people.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.newPerson.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "people:manage");
  return { teams: await teamChoices(await getDb()), zones: timeZoneNames() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:manage");
  const values = typedValues(await request.formData());
  const parsed = parsePersonForm(values);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = await savePerson(await getDb(), user.id, null, parsed.value);
  if (!result.ok) return data({ errors: result.fieldErrors, values }, { status: 400 });
  return redirectWithToast(`/admin/people/${result.id}`, { key: "toast.adminPersonInvited" });
}

export default function NewPerson() {
  const { teams, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <BackLink to="/admin/people">{t("admin.people.title")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("admin.newPerson.title")}</h1>
      <p className="max-w-prose text-slate-700">{t("admin.newPerson.intro")}</p>
      <PersonForm
        values={result?.values ?? { timeZone: DEFAULT_TIME_ZONE, language: "en", role: "EMPLOYEE" }}
        errors={result?.errors ?? {}}
        teams={teams}
        zones={zones}
        editing={false}
        readOnly={false}
      />
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
