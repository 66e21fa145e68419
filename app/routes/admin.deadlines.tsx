import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "~/components/ui/field";
import {
  BUSINESS_DAY_HOURS,
  describeWorkingDays,
  describeWorkingWindow,
  DURATION_UNITS,
  NEW_DEFAULT_CALENDAR,
  newCalendarSchema,
  policyFormDefaults,
  policyFormSchema,
  policyFormTargets,
  UNIT_LABELS,
  type DurationUnit,
} from "~/domain/calendar-form";
import {
  DEADLINE_KINDS,
  DEADLINE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type DeadlineKind,
  type Severity,
} from "~/domain/vocabulary";
import {
  createCalendar,
  DEFAULT_CALENDAR_NAME,
  getPolicyEditor,
  saveDefaultPolicy,
} from "~/models/admin-deadlines.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Deadlines · Admin · Incident portal" }];

/** Most serious first, as people read a policy. */
const SEVERITY_ROWS = [...SEVERITIES].reverse();

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const editor = await getPolicyEditor(await getDb());
  const url = new URL(request.url);
  return {
    policy: editor.policy,
    targets: policyFormDefaults(editor.targets),
    calendars: editor.calendars,
    saved: url.searchParams.get("saved") === "1",
    deleted: url.searchParams.get("deleted") === "1",
  };
}

type ActionData = { form: "policy" | "calendar"; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const db = await getDb();
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "new-calendar") {
    const submission = parseWithZod(formData, { schema: newCalendarSchema });
    if (submission.status !== "success") {
      return data<ActionData>({ form: "calendar", result: submission.reply() }, { status: 400 });
    }
    const created = await createCalendar(db, submission.value.name, user.id);
    if (!created.ok) {
      const result = submission.reply({
        fieldErrors: { name: ["There is already a calendar with this name."] },
      });
      return data<ActionData>({ form: "calendar", result }, { status: 400 });
    }
    return redirect(`/admin/calendars/${created.id}?created=1`);
  }

  if (intent !== "save-policy") {
    throw new Response("This form is out of date. Please reload the page.", { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: policyFormSchema });
  if (submission.status !== "success") {
    return data<ActionData>({ form: "policy", result: submission.reply() }, { status: 400 });
  }
  const saved = await saveDefaultPolicy(
    db,
    { calendarId: submission.value.calendarId, targets: policyFormTargets(submission.value) },
    user.id,
  );
  if (!saved.ok) {
    const result = submission.reply({
      fieldErrors: { calendarId: ["Please choose a calendar from the list."] },
    });
    return data<ActionData>({ form: "policy", result }, { status: 400 });
  }
  return redirect("/admin/deadlines?saved=1");
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AdminDeadlines() {
  const { policy, targets, calendars, saved, deleted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const policyCalendar = calendars.find((c) => c.id === policy?.calendarId);
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            Admin
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Deadlines</h1>
        <p className="mt-2 text-slate-700">
          How long the people handling a report have to respond, by severity. Reminders go out when
          three quarters of the time has passed; a missed deadline escalates one level up.
        </p>
      </div>
      {saved ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-900">
          Saved. Clocks that start from now on use these targets.
        </p>
      ) : null}
      {deleted ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-900">
          The calendar has been deleted. The settings history keeps a note of it.
        </p>
      ) : null}
      {policy ? null : (
        <p className="rounded-md bg-slate-100 p-3 text-slate-800">
          The built-in targets are in use. Saving this form stores them as the default policy, so
          you can change them.
        </p>
      )}
      <PolicyForm
        // Fresh form state whenever the saved policy changes.
        key={JSON.stringify([policy, targets])}
        policy={policy}
        policyCalendar={policyCalendar ?? null}
        targets={targets}
        calendars={calendars}
        lastResult={actionData?.form === "policy" ? actionData.result : undefined}
      />
      <Calendars
        calendars={calendars}
        policyCalendarId={policy?.calendarId ?? null}
        lastResult={actionData?.form === "calendar" ? actionData.result : undefined}
      />
    </div>
  );
}

function PolicyForm({
  policy,
  policyCalendar,
  targets,
  calendars,
  lastResult,
}: {
  policy: LoaderData["policy"];
  policyCalendar: LoaderData["calendars"][number] | null;
  targets: LoaderData["targets"];
  calendars: LoaderData["calendars"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<
    z.input<typeof policyFormSchema>,
    z.output<typeof policyFormSchema>
  >({
    id: "policy",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      calendarId: policy?.calendarId ?? calendars[0]?.id ?? NEW_DEFAULT_CALENDAR,
      targets: Object.fromEntries(
        SEVERITIES.map((s) => [
          s,
          Object.fromEntries(
            DEADLINE_KINDS.map((k) => [
              k,
              { amount: targets[s][k].amount, unit: targets[s][k].unit },
            ]),
          ),
        ]),
      ),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: policyFormSchema }),
  });
  const rows = fields.targets.getFieldset();
  const submitting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "save-policy";

  return (
    <Form method="post" action="/admin/deadlines" className="space-y-6" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save-policy" />
      <section aria-labelledby="targets-heading" className="space-y-3">
        <h2 id="targets-heading" className="text-lg font-semibold">
          Response targets
        </h2>
        <p className="text-sm text-slate-700">
          Business hours and business days count only working time in the calendar below; a business
          day is {BUSINESS_DAY_HOURS} business hours. Calendar days count every hour, nights,
          weekends and holidays included, and never pause.
        </p>
        <table className="block w-full lg:table lg:rounded-lg lg:bg-white lg:shadow-sm">
          <caption className="sr-only">Response targets by severity and clock</caption>
          <thead className="hidden lg:table-header-group">
            <tr className="border-b border-slate-200">
              <th scope="col" className="p-3 text-left">
                Severity
              </th>
              {DEADLINE_KINDS.map((kind) => (
                <th key={kind} scope="col" className="p-3 text-left">
                  {DEADLINE_LABELS[kind]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="block space-y-4 lg:table-row-group lg:space-y-0">
            {SEVERITY_ROWS.map((severity) => {
              const cells = rows[severity].getFieldset();
              return (
                <tr
                  key={severity}
                  className="block rounded-lg bg-white p-4 shadow-sm lg:table-row lg:rounded-none lg:border-b lg:border-slate-100 lg:p-0 lg:shadow-none"
                >
                  <th
                    scope="row"
                    className="block pb-2 text-left text-lg font-semibold lg:table-cell lg:p-3 lg:align-top lg:text-base"
                  >
                    {SEVERITY_LABELS[severity]}
                  </th>
                  {DEADLINE_KINDS.map((kind) => (
                    <td key={kind} className="block py-2 lg:table-cell lg:p-3 lg:align-top">
                      <DurationField
                        field={cells[kind]}
                        severity={severity}
                        kind={kind}
                        exact={targets[severity][kind].exact}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <div className="max-w-md space-y-2">
        <Field
          id={fields.calendarId.id}
          label="Business calendar"
          hint="The working days, hours and holidays that business hours and days count."
          errors={fields.calendarId.errors}
        >
          {(ids) => (
            <select {...getSelectProps(fields.calendarId)} {...ids} className={inputClass}>
              {calendars.length === 0 ? (
                <option value={NEW_DEFAULT_CALENDAR}>
                  {DEFAULT_CALENDAR_NAME} (Mon–Fri, 09:00 to 17:00, London; created when you save)
                </option>
              ) : null}
              {calendars.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.timeZone})
                </option>
              ))}
            </select>
          )}
        </Field>
        {policyCalendar ? (
          <p className="text-sm">
            <Link to={`/admin/calendars/${policyCalendar.id}`} className="text-brand-700 underline">
              Edit the {policyCalendar.name} calendar and its holidays
            </Link>
          </p>
        ) : null}
      </div>

      <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-slate-800">
        Changes apply to clocks that start after you save. Clocks already running keep their due
        times.
      </p>
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="font-medium text-red-700">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <button type="submit" className={`${buttonClass} w-full sm:w-auto`} disabled={submitting}>
        {submitting ? "Saving…" : "Save deadlines"}
      </button>
    </Form>
  );
}

type DurationFields = FieldMetadata<{ amount: string; unit: DurationUnit }>;

function DurationField({
  field,
  severity,
  kind,
  exact,
}: {
  field: DurationFields;
  severity: Severity;
  kind: DeadlineKind;
  exact: boolean;
}) {
  const { amount, unit } = field.getFieldset();
  const where = `${DEADLINE_LABELS[kind]}, ${SEVERITY_LABELS[severity]} severity`;
  return (
    <Field
      id={amount.id}
      label={
        <>
          <span className="lg:sr-only">{DEADLINE_LABELS[kind]}</span>
          <span className="sr-only">, {SEVERITY_LABELS[severity]} severity</span>
        </>
      }
      hint={exact ? undefined : "Rounded up from a value that was not a whole number."}
      errors={amount.errors ?? unit.errors}
    >
      {(ids) => (
        <div className="flex flex-wrap gap-2">
          <div className="w-20">
            <input
              {...getInputProps(amount, { type: "text" })}
              {...ids}
              inputMode="numeric"
              autoComplete="off"
              className={inputClass}
            />
          </div>
          <div className="min-w-[9.5rem] flex-1">
            <select
              {...getSelectProps(unit)}
              aria-label={`Unit: ${where}`}
              aria-invalid={unit.errors ? true : undefined}
              className={inputClass}
            >
              {DURATION_UNITS.map((u) => (
                <option key={u} value={u}>
                  {UNIT_LABELS[u]}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
    </Field>
  );
}

function Calendars({
  calendars,
  policyCalendarId,
  lastResult,
}: {
  calendars: LoaderData["calendars"];
  policyCalendarId: string | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof newCalendarSchema>>({
    id: "new-calendar",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newCalendarSchema }),
  });
  const submitting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "new-calendar";
  return (
    <section aria-labelledby="calendars-heading" className="space-y-3">
      <h2 id="calendars-heading" className="text-lg font-semibold">
        Business calendars
      </h2>
      {calendars.length === 0 ? (
        <p className="text-slate-700">
          No calendar yet. Saving the targets above creates the {DEFAULT_CALENDAR_NAME} calendar.
        </p>
      ) : (
        <ul className="space-y-2">
          {calendars.map((c) => (
            <li key={c.id} className="rounded-lg bg-white p-4 shadow-sm">
              <Link
                to={`/admin/calendars/${c.id}`}
                className="font-semibold text-brand-700 underline"
              >
                {c.name}
              </Link>
              {c.id === policyCalendarId ? (
                <span className="ml-2 text-sm text-slate-600">(used by the deadlines above)</span>
              ) : null}
              <p className="text-sm text-slate-700">
                {c.timeZone} · {describeWorkingDays(c.workingDays)} ·{" "}
                {describeWorkingWindow(c.dayStart, c.dayEnd)} · {c.holidayCount}{" "}
                {c.holidayCount === 1 ? "holiday" : "holidays"}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Form
        method="post"
        action="/admin/deadlines"
        className="flex max-w-md flex-col gap-2 sm:flex-row sm:items-end"
        {...getFormProps(form)}
      >
        <input type="hidden" name="intent" value="new-calendar" />
        <div className="flex-1">
          <Field
            id={fields.name.id}
            label="Add a calendar"
            hint="It starts as Mon–Fri, 09:00 to 17:00, London time; you can change it next."
            errors={fields.name.errors}
          >
            {(ids) => (
              <input
                {...getInputProps(fields.name, { type: "text" })}
                {...ids}
                placeholder="Calendar name"
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={submitting}>
          Add calendar
        </button>
      </Form>
    </section>
  );
}
