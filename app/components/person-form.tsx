import { Form } from "@remix-run/react";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { LANGUAGES, ROLE_LABELS } from "~/domain/people";
import { ROLES } from "~/domain/vocabulary";

export type PersonFormValues = Record<string, string>;

/** Time zones the browser's runtime knows, for the field's suggestions. */
const ZONES: string[] =
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

/**
 * The person form, for adding and editing. Admins edit; HR sees the same fields read-only.
 * Values are strings as typed, so a refused form comes back exactly as it was.
 */
export function PersonForm({
  values,
  errors,
  teams,
  editing,
  readOnly,
  busy,
}: {
  values: PersonFormValues;
  errors: Record<string, string[] | undefined>;
  teams: { id: string; name: string }[];
  editing: boolean;
  readOnly: boolean;
  busy: boolean;
}) {
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
      errors={errors[name]}
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
        <legend className="sr-only">{editing ? "Edit this person" : "New person"}</legend>
        {text("name", "Name", { required: true })}
        {text("email", "Work email", {
          type: "email",
          required: true,
          hint: editing ? undefined : "The invitation to set a password goes to this address.",
        })}
        {text("employeeId", "Employee id", { hint: "As in the HR system; imports match on it." })}
        <Field id="person-role" label="Role" errors={errors.role} required>
          {(ids) => (
            <select
              {...ids}
              name="role"
              defaultValue={values.role ?? "EMPLOYEE"}
              className={inputClass}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="person-teamId" label="Team" errors={errors.teamId}>
          {(ids) => (
            <select
              {...ids}
              name="teamId"
              defaultValue={values.teamId ?? ""}
              className={inputClass}
            >
              <option value="">No team</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("managerRef", "Manager", {
          hint: "Their work email or employee id. New reports go to this person first.",
        })}
        {text("timeZone", "Time zone", { list: "time-zones", hint: "For example Europe/Paris." })}
        <datalist id="time-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Field id="person-language" label="Language" errors={errors.language}>
          {(ids) => (
            <select
              {...ids}
              name="language"
              defaultValue={values.language ?? "en"}
              className={inputClass}
            >
              {Object.entries(LANGUAGES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {editing ? (
          <div>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="active" defaultChecked={values.active === "on"} />
              Active (can sign in and receive cases)
            </label>
            <p className="mt-1 text-sm text-slate-600">
              Deactivating someone signs them out everywhere and hands their open cases to the next
              person above them.
            </p>
          </div>
        ) : (
          <input type="hidden" name="active" value="on" />
        )}
      </fieldset>
      {readOnly ? null : (
        <button type="submit" name="intent" value="save" className={buttonClass} disabled={busy}>
          {busy ? "Saving…" : editing ? "Save changes" : "Add and send the invitation"}
        </button>
      )}
    </Form>
  );
}
