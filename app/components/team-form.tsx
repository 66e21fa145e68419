import { Form } from "@remix-run/react";
import { buttonClass, Field, inputClass } from "~/components/ui/field";

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
  return (
    <Form method="post" className="max-w-xl space-y-4" noValidate>
      <fieldset disabled={readOnly} className="space-y-4">
        <legend className="sr-only">Team</legend>
        <Field id="team-name" label="Team name" errors={errors.name} required>
          {(ids) => (
            <input {...ids} name="name" defaultValue={values.name ?? ""} className={inputClass} />
          )}
        </Field>
        <Field
          id="team-managerRef"
          label="Manager"
          hint="Their work email or employee id."
          errors={errors.managerRef}
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
        <Field id="team-parentId" label="Part of" errors={errors.parentId}>
          {(ids) => (
            <select
              {...ids}
              name="parentId"
              defaultValue={values.parentId ?? ""}
              className={inputClass}
            >
              <option value="">No parent team</option>
              {teams
                .filter((t) => t.id !== values.id)
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      )}
    </Form>
  );
}
