import { Form } from "@remix-run/react";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
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
  busy,
}: {
  values: PersonFormValues;
  errors: Record<string, string[] | undefined>;
  teams: { id: string; name: string }[];
  /** The server's time zones (from the loader, so server and browser render the same list). */
  zones: string[];
  editing: boolean;
  readOnly: boolean;
  busy: boolean;
}) {
  const { t, language } = useI18n();
  const shown = adminErrors(t, errors, language);
  const text = (
    name: string,
    label: string,
    opts: {
      type?: string;
      hint?: string;
      required?: boolean;
      autoComplete?: string;
      list?: string;
    } = {},
  ) => (
    <Field
      id={`person-${name}`}
      label={label}
      hint={opts.hint}
      errors={shown[name]}
      required={opts.required}
    >
      {(ids) => (
        <input
          {...ids}
          name={name}
          type={opts.type ?? "text"}
          defaultValue={values[name] ?? ""}
          autoComplete={opts.autoComplete ?? "off"}
          list={opts.list}
          className={inputClass}
        />
      )}
    </Field>
  );
  return (
    <Form method="post" className="max-w-xl space-y-4" noValidate>
      <fieldset disabled={readOnly} className="space-y-4">
        <legend className="sr-only">
          {editing ? t("admin.personForm.legendEdit") : t("admin.personForm.legendNew")}
        </legend>
        {text("name", t("admin.personForm.name"), { required: true })}
        {text("email", t("admin.personForm.email"), {
          type: "email",
          required: true,
          hint: editing ? undefined : t("admin.personForm.emailHint"),
        })}
        {text("employeeId", t("admin.personForm.employeeId"), {
          hint: t("admin.personForm.employeeIdHint"),
        })}
        <Field id="person-role" label={t("admin.personForm.role")} errors={shown.role} required>
          {(ids) => (
            <select
              {...ids}
              name="role"
              defaultValue={values.role ?? "EMPLOYEE"}
              className={inputClass}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {vocabLabel(t, "role", r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="person-teamId" label={t("admin.personForm.team")} errors={shown.teamId}>
          {(ids) => (
            <select
              {...ids}
              name="teamId"
              defaultValue={values.teamId ?? ""}
              className={inputClass}
            >
              <option value="">{t("admin.personForm.noTeam")}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("managerRef", t("admin.personForm.manager"), {
          hint: t("admin.personForm.managerHint"),
        })}
        {text("timeZone", t("admin.personForm.timeZone"), {
          list: "time-zones",
          hint: t("admin.personForm.timeZoneHint"),
        })}
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Field id="person-language" label={t("admin.personForm.language")} errors={shown.language}>
          {(ids) => (
            <select
              {...ids}
              name="language"
              defaultValue={values.language ?? "en"}
              className={inputClass}
            >
              {Object.entries(LANGUAGES).map(([code, name]) => (
                <option key={code} value={code}>
                  {languageName(code, language) ?? name}
                </option>
              ))}
            </select>
          )}
        </Field>
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
