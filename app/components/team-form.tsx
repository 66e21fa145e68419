import { Form, useNavigation } from "@remix-run/react";
import { buttonClass } from "~/components/ui/field";
import { PlainInputField, PlainSelectField } from "~/components/ui/plain-fields";
import { adminErrors } from "~/i18n/admin-messages";
import { useI18n } from "~/i18n/react";

/** The team form: a name, a manager (by email or employee id) and the team it sits under. */
export function TeamForm({
  values,
  errors,
  teams,
  readOnly,
  submitLabel,
}: {
  values: Record<string, string>;
  errors: Record<string, string[] | undefined>;
  teams: { id: string; name: string }[];
  readOnly: boolean;
  submitLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  const { t, language } = useI18n();
  const shown = adminErrors(t, errors, language);
  return (
    <Form method="post" className="max-w-xl space-y-4" noValidate>
      <fieldset disabled={readOnly} className="space-y-4">
        <legend className="sr-only">{t("admin.teamForm.legend")}</legend>
        <PlainInputField
          id="team-name"
          name="name"
          label={t("admin.teamForm.name")}
          errors={shown.name}
          required
          defaultValue={values.name ?? ""}
        />
        <PlainInputField
          id="team-managerRef"
          name="managerRef"
          label={t("admin.teamForm.manager")}
          hint={t("admin.teamForm.managerHint")}
          errors={shown.managerRef}
          defaultValue={values.managerRef ?? ""}
          autoComplete="off"
        />
        <PlainSelectField
          id="team-parentId"
          name="parentId"
          label={t("admin.teamForm.parent")}
          errors={shown.parentId}
          defaultValue={values.parentId ?? ""}
          choices={teams
            .filter((team) => team.id !== values.id)
            .map((team) => ({ value: team.id, label: team.name }))}
        >
          <option value="">{t("admin.teamForm.noParent")}</option>
        </PlainSelectField>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? t("admin.common.saving") : submitLabel}
        </button>
      )}
    </Form>
  );
}
