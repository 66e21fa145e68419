import { Form, useNavigation } from "@remix-run/react";
import { buttonClass, choicesOf } from "~/components/ui/field";
import { PlainInputField, PlainSelectField } from "~/components/ui/plain-fields";
import { LANGUAGES } from "~/domain/people";
import { ROLES } from "~/domain/vocabulary";
import { adminErrors } from "~/i18n/admin-messages";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";

export type PersonFormValues = Record<string, string>;

/**
 * The person form, for adding and editing. Admins edit; HR sees the same fields read-only.
 * Values are strings as typed, so a refused form comes back exactly as it was.
 */
export function PersonForm({
  values,
  errors,
  teams,
  zones,
  editing,
  readOnly,
}: {
  values: PersonFormValues;
  errors: Record<string, string[] | undefined>;
  teams: { id: string; name: string }[];
  /** The server's time zones (from the loader, so server and browser render the same list). */
  zones: string[];
  editing: boolean;
  readOnly: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  const { t, language } = useI18n();
  const shown = adminErrors(t, errors, language);
  /** A field's id, name, messages and the value as typed. */
  const field = (name: string, fallback = "") => ({
    id: `person-${name}`,
    name,
    errors: shown[name],
    defaultValue: values[name] ?? fallback,
  });
  const text = (name: string) => ({ ...field(name), type: "text", autoComplete: "off" });
  return (
    <Form method="post" className="max-w-xl space-y-4" noValidate>
      <fieldset disabled={readOnly} className="space-y-4">
        <legend className="sr-only">
          {editing ? t("admin.personForm.legendEdit") : t("admin.personForm.legendNew")}
        </legend>
        <PlainInputField {...text("name")} label={t("admin.personForm.name")} required />
        <PlainInputField
          {...text("email")}
          type="email"
          label={t("admin.personForm.email")}
          required
          hint={editing ? undefined : t("admin.personForm.emailHint")}
        />
        <PlainInputField
          {...text("employeeId")}
          label={t("admin.personForm.employeeId")}
          hint={t("admin.personForm.employeeIdHint")}
        />
        <PlainSelectField
          {...field("role", "EMPLOYEE")}
          label={t("admin.personForm.role")}
          required
          choices={choicesOf(ROLES, (r) => vocabLabel(t, "role", r))}
        />
        <PlainSelectField
          {...field("teamId")}
          label={t("admin.personForm.team")}
          choices={teams.map((team) => ({ value: team.id, label: team.name }))}
        >
          <option value="">{t("admin.personForm.noTeam")}</option>
        </PlainSelectField>
        <PlainInputField
          {...text("managerRef")}
          label={t("admin.personForm.manager")}
          hint={t("admin.personForm.managerHint")}
        />
        <PlainInputField
          {...text("timeZone")}
          list="time-zones"
          label={t("admin.personForm.timeZone")}
          hint={t("admin.personForm.timeZoneHint")}
        />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <PlainSelectField
          {...field("language", "en")}
          label={t("admin.personForm.language")}
          choices={Object.entries(LANGUAGES).map(([code, name]) => ({
            value: code,
            label: languageName(code, language) ?? name,
          }))}
        />
        {editing ? (
          <div>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="active" defaultChecked={values.active === "on"} />
              {t("admin.personForm.active")}
            </label>
            <p className="mt-1 text-sm text-slate-600">{t("admin.personForm.activeHint")}</p>
          </div>
        ) : (
          <input type="hidden" name="active" value="on" />
        )}
      </fieldset>
      {readOnly ? null : (
        <button type="submit" name="intent" value="save" className={buttonClass} disabled={busy}>
          {busy
            ? t("admin.common.saving")
            : editing
              ? t("admin.common.saveChanges")
              : t("admin.personForm.addAndInvite")}
        </button>
      )}
    </Form>
  );
}

/** A language's own name in the page's language ("Japanese", "日本語", "japonés"). */
function languageName(code: string, inLanguage: string): string | undefined {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language" }).of(code);
  } catch {
    return undefined;
  }
}
