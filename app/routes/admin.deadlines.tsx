import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { InputField, SelectField } from "~/components/ui/conform-fields";
import {
  buttonClass,
  Field,
  FormErrors,
  inputClass,
  secondaryButtonClass,
} from "~/components/ui/field";
import {
  BUSINESS_DAY_HOURS,
  DURATION_UNITS,
  NEW_DEFAULT_CALENDAR,
  newCalendarSchema,
  policyFormDefaults,
  policyFormSchema,
  policyFormTargets,
  type DurationUnit,
} from "~/domain/calendar-form";
import { DEADLINE_KINDS, SEVERITIES, type DeadlineKind, type Severity } from "~/domain/vocabulary";
import { useAdminMessages } from "~/i18n/admin-messages";
import { unitLabel, workingDaysText, workingWindowText } from "~/i18n/admin-words";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { redirectWithToast } from "~/utils/toast.server";
import {
  createCalendar,
  DEFAULT_CALENDAR_NAME,
  getPolicyEditor,
  saveDefaultPolicy,
} from "~/models/admin-deadlines.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb } from "~/utils/db.server";
import { useSubmitting } from "~/utils/use-submitting";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.deadlines.title");

/** Most serious first, as people read a policy. */
const SEVERITY_ROWS = [...SEVERITIES].reverse();

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const editor = await getPolicyEditor(await getDb());
  return {
    policy: editor.policy,
    targets: policyFormDefaults(editor.targets),
    calendars: editor.calendars,
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
    return redirectWithToast(`/admin/calendars/${created.id}`, {
      key: "toast.adminCalendarAdded",
    });
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
  return redirectWithToast("/admin/deadlines", { key: "toast.adminDeadlinesSaved" });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AdminDeadlines() {
  const { policy, targets, calendars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const policyCalendar = calendars.find((c) => c.id === policy?.calendarId);
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            {t("admin.common.admin")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{t("admin.deadlines.title")}</h1>
        <p className="mt-2 text-slate-700">{t("admin.deadlines.intro")}</p>
      </div>
      {policy ? null : (
        <p className="rounded-md bg-slate-100 p-3 text-slate-800">{t("admin.deadlines.builtIn")}</p>
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
  const { t, language } = useI18n();
  const messages = useAdminMessages();
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
  const submitting = useSubmitting("save-policy");

  return (
    <Form method="post" action="/admin/deadlines" className="space-y-6" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save-policy" />
      <section aria-labelledby="targets-heading" className="space-y-3">
        <h2 id="targets-heading" className="text-lg font-semibold">
          {t("admin.deadlines.targets")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("admin.deadlines.targetsIntro", { hours: BUSINESS_DAY_HOURS })}
        </p>
        <table className="block w-full lg:table lg:rounded-lg lg:bg-white lg:shadow-sm">
          <caption className="sr-only">{t("admin.deadlines.caption")}</caption>
          <thead className="hidden lg:table-header-group">
            <tr className="border-b border-slate-200">
              <th scope="col" className="p-3 text-left">
                {t("admin.deadlines.severity")}
              </th>
              {DEADLINE_KINDS.map((kind) => (
                <th key={kind} scope="col" className="p-3 text-left">
                  {vocabLabel(t, "deadline", kind)}
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
                    {vocabLabel(t, "severity", severity)}
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
        <SelectField
          field={fields.calendarId}
          label={t("admin.deadlines.calendar")}
          hint={t("admin.deadlines.calendarHint")}
          messages={messages}
          choices={calendars.map((c) => ({ value: c.id, label: `${c.name} (${c.timeZone})` }))}
        >
          {calendars.length === 0 ? (
            <option value={NEW_DEFAULT_CALENDAR}>
              {t("admin.deadlines.newDefaultCalendar", {
                name: DEFAULT_CALENDAR_NAME,
                days: workingDaysText(t, [1, 2, 3, 4, 5], language),
              })}
            </option>
          ) : null}
        </SelectField>
        {policyCalendar ? (
          <p className="text-sm">
            <Link to={`/admin/calendars/${policyCalendar.id}`} className="text-brand-700 underline">
              {t("admin.deadlines.editCalendar", { name: policyCalendar.name })}
            </Link>
          </p>
        ) : null}
      </div>

      <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-slate-800">
        {t("admin.deadlines.applyNote")}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} messages={messages} />
      <button type="submit" className={`${buttonClass} w-full sm:w-auto`} disabled={submitting}>
        {submitting ? t("admin.common.saving") : t("admin.deadlines.save")}
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
  const { t } = useI18n();
  const messages = useAdminMessages();
  const kindLabel = vocabLabel(t, "deadline", kind);
  const severityLabel = vocabLabel(t, "severity", severity);
  return (
    <Field
      id={amount.id}
      label={
        <>
          <span className="lg:sr-only">{kindLabel}</span>
          <span className="sr-only">
            {t("admin.deadlines.severitySuffix", { severity: severityLabel })}
          </span>
        </>
      }
      hint={exact ? undefined : t("admin.deadlines.rounded")}
      errors={messages(amount.errors ?? unit.errors)}
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
              aria-label={t("admin.deadlines.unitLabel", {
                kind: kindLabel,
                severity: severityLabel,
              })}
              aria-invalid={unit.errors ? true : undefined}
              className={inputClass}
            >
              {DURATION_UNITS.map((u) => (
                <option key={u} value={u}>
                  {unitLabel(t, u)}
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
  const { t, language } = useI18n();
  const messages = useAdminMessages();
  const [form, fields] = useForm<z.input<typeof newCalendarSchema>>({
    id: "new-calendar",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newCalendarSchema }),
  });
  const submitting = useSubmitting("new-calendar");
  return (
    <section aria-labelledby="calendars-heading" className="space-y-3">
      <h2 id="calendars-heading" className="text-lg font-semibold">
        {t("admin.deadlines.calendars")}
      </h2>
      {calendars.length === 0 ? (
        <p className="text-slate-700">
          {t("admin.deadlines.noCalendar", { name: DEFAULT_CALENDAR_NAME })}
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
                <span className="ml-2 text-sm text-slate-600">
                  {t("admin.deadlines.usedAbove")}
                </span>
              ) : null}
              <p className="text-sm text-slate-700">
                {c.timeZone} · {workingDaysText(t, c.workingDays, language)} ·{" "}
                {workingWindowText(t, c.dayStart, c.dayEnd)} ·{" "}
                {t("admin.deadlines.holidays", { count: c.holidayCount })}
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
          <InputField
            field={fields.name}
            label={t("admin.deadlines.addCalendar")}
            hint={t("admin.deadlines.addCalendarHint", {
              days: workingDaysText(t, [1, 2, 3, 4, 5], language),
            })}
            messages={messages}
            placeholder={t("admin.deadlines.calendarName")}
          />
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={submitting}>
          {t("admin.deadlines.addCalendarButton")}
        </button>
      </Form>
    </section>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
