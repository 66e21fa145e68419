import { Form } from "@remix-run/react";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { adminErrors } from "~/i18n/admin-messages";
import { useI18n } from "~/i18n/react";

/** The team form: a name, a manager (by email or employee id) and the team it sits under. */
export function TeamForm({
  values,
  errors,
  teams,
  readOnly,
  busy,
  submitLabel,
}: {
  values: Record<string, string>;
  errors: Record<string, string[] | undefined>;
  teams: { id: string; name: string }[];
  readOnly: boolean;
  busy: boolean;
  submitLabel: string;
}) {
  const { t, language } = useI18n();
  const shown = adminErrors(t, errors, language);
  return (
    <Form method="post" className="max-w-xl space-y-4" noValidate>
      <fieldset disabled={readOnly} className="space-y-4">
        <legend className="sr-only">{t("admin.teamForm.legend")}</legend>
        <Field id="team-name" label={t("admin.teamForm.name")} errors={shown.name} required>
          {(ids) => (
            <input {...ids} name="name" defaultValue={values.name ?? ""} className={inputClass} />
          )}
        </Field>
        <Field
          id="team-managerRef"
          label={t("admin.teamForm.manager")}
          hint={t("admin.teamForm.managerHint")}
          errors={shown.managerRef}
        >
          {(ids) => (
            <input
              {...ids}
              name="managerRef"
              defaultValue={values.managerRef ?? ""}
              autoComplete="off"
              className={inputClass}
            />
          )}
        </Field>
        <Field id="team-parentId" label={t("admin.teamForm.parent")} errors={shown.parentId}>
          {(ids) => (
            <select
              {...ids}
              name="parentId"
              defaultValue={values.parentId ?? ""}
              className={inputClass}
            >
              <option value="">{t("admin.teamForm.noParent")}</option>
              {teams
                .filter((team) => team.id !== values.id)
                .map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? t("admin.common.saving") : submitLabel}
        </button>
      )}
    </Form>
  );
}
