import {
  getCollectionProps,
  getFormProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { InputField } from "~/components/ui/conform-fields";
import {
  buttonClass,
  FormErrors,
  RequiredFieldset,
  secondaryButtonClass,
} from "~/components/ui/field";
import { isoDate, localParts } from "~/domain/business-calendar";
import {
  calendarFormSchema,
  COMMON_TIME_ZONES,
  holidayFormSchema,
  normaliseTime,
  WEEKDAYS,
} from "~/domain/calendar-form";
import { useAdminMessages } from "~/i18n/admin-messages";
import { holidayDate, weekdayName, workingDaysText, workingWindowText } from "~/i18n/admin-words";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { redirectWithToast } from "~/utils/toast.server";
import {
  addHoliday,
  deleteCalendar,
  getCalendarEditor,
  removeHoliday,
  updateCalendar,
} from "~/models/admin-deadlines.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb } from "~/utils/db.server";
import { useSubmitting } from "~/utils/use-submitting";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, null, data.calendar.name) : pageTitle(matches, "admin.calendar.title");

/** Ids are cuids; anything long or odd is not one of ours. */
function calendarIdFrom(params: { id?: string }): string {
  const id = params.id ?? "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const id = calendarIdFrom(params);
  const calendar = await getCalendarEditor(await getDb(), id);
  if (!calendar) throw notFound();
  const now = localParts(new Date(), calendar.timeZone);
  return { calendar, today: isoDate(now.year, now.month, now.day) };
}

/** A holiday just added or removed, worded on the page in its reader's language. */
type HolidayNote = { name: string; date: string };

type ActionData =
  | { form: "details"; result: SubmissionResult<string[]> }
  | { form: "holiday"; result: SubmissionResult<string[]>; added?: HolidayNote }
  | { form: "remove"; removed: HolidayNote | null; message?: string }
  | { form: "delete"; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const id = calendarIdFrom(params);
  const db = await getDb();
  if (!(await getCalendarEditor(db, id))) throw notFound();
  const formData = await readForm(request);
  const intent = formData.get("intent");

  switch (intent) {
    case "save": {
      const submission = parseWithZod(formData, { schema: calendarFormSchema });
      if (submission.status !== "success") {
        return data<ActionData>({ form: "details", result: submission.reply() }, { status: 400 });
      }
      const updated = await updateCalendar(db, id, submission.value, user.id);
      if (!updated.ok && updated.reason === "not-found") throw notFound();
      if (!updated.ok) {
        const result = submission.reply({
          fieldErrors: { name: ["There is already a calendar with this name."] },
        });
        return data<ActionData>({ form: "details", result }, { status: 400 });
      }
      return redirectWithToast(`/admin/calendars/${id}`, { key: "toast.adminCalendarSaved" });
    }
    case "add-holiday": {
      const submission = parseWithZod(formData, { schema: holidayFormSchema });
      if (submission.status !== "success") {
        return data<ActionData>({ form: "holiday", result: submission.reply() }, { status: 400 });
      }
      const added = await addHoliday(db, id, submission.value, user.id);
      if (!added.ok && added.reason === "not-found") throw notFound();
      if (!added.ok) {
        const result = submission.reply({
          fieldErrors: {
            date: [`There is already a holiday on this date (${added.existingName}).`],
          },
        });
        return data<ActionData>({ form: "holiday", result }, { status: 400 });
      }
      const { date, name } = submission.value;
      return data<ActionData>({
        form: "holiday",
        result: submission.reply({ resetForm: true }),
        added: { name, date },
      });
    }
    case "remove-holiday": {
      const holidayId = formData.get("holidayId");
      if (typeof holidayId !== "string" || holidayId.length === 0 || holidayId.length > 64) {
        return data<ActionData>(
          { form: "remove", removed: null, message: "Please choose a holiday to remove." },
          { status: 400 },
        );
      }
      const removed = await removeHoliday(db, id, holidayId, user.id);
      return data<ActionData>({
        form: "remove",
        removed: removed ? { name: removed.name, date: removed.date } : null,
      });
    }
    case "delete": {
      const deleted = await deleteCalendar(db, id, user.id);
      if (!deleted.ok && deleted.reason === "not-found") throw notFound();
      if (!deleted.ok) {
        return data<ActionData>(
          {
            form: "delete",
            message:
              "A deadline policy uses this calendar. Choose another one for the policy first.",
          },
          { status: 400 },
        );
      }
      return redirectWithToast("/admin/deadlines", { key: "toast.adminCalendarDeleted" });
    }
    default:
      throw new Response("This form is out of date. Please reload the page.", { status: 400 });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AdminCalendar() {
  const { calendar, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, language } = useI18n();
  const messages = useAdminMessages();
  const { holidays, ...details } = calendar;
  const upcoming = holidays.filter((h) => h.date >= today);
  const past = holidays.filter((h) => h.date < today).reverse();
  const note = (h: HolidayNote) => ({ name: h.name, date: holidayDate(h.date, language) });
  const message =
    actionData?.form === "holiday" && actionData.added
      ? t("admin.calendar.added", note(actionData.added))
      : actionData?.form === "remove"
        ? actionData.message
          ? messages([actionData.message])?.join(" ")
          : actionData.removed
            ? t("admin.calendar.removed", note(actionData.removed))
            : t("admin.calendar.alreadyRemoved")
        : undefined;

  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            {t("admin.common.admin")}
          </Link>{" "}
          /{" "}
          <Link to="/admin/deadlines" className="text-brand-700 underline">
            {t("admin.deadlines.title")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{calendar.name}</h1>
        <p className="mt-2 text-slate-700">
          {calendar.usedBy.length
            ? t("admin.calendar.usedBy", {
                policies: calendar.usedBy.join(t("common.listSeparator")),
              })
            : t("admin.calendar.unused")}{" "}
          {t("admin.calendar.applyNote")}
        </p>
      </div>

      <DetailsForm
        key={JSON.stringify(details)}
        calendar={details}
        lastResult={actionData?.form === "details" ? actionData.result : undefined}
      />

      <section aria-labelledby="holidays-heading" className="space-y-4">
        <h2 id="holidays-heading" className="text-lg font-semibold">
          {t("admin.calendar.holidays")}
        </h2>
        <p className="text-sm text-slate-700">{t("admin.calendar.holidaysIntro")}</p>
        {message ? (
          <p role="status" className="text-emerald-800">
            {message}
          </p>
        ) : null}
        {upcoming.length === 0 ? (
          <p className="text-slate-700">{t("admin.calendar.noUpcoming")}</p>
        ) : (
          <HolidayList
            calendarId={calendar.id}
            holidays={upcoming}
            label={t("admin.calendar.upcoming")}
          />
        )}
        {past.length ? (
          <details className="rounded-lg bg-white p-4 shadow-sm">
            <summary className="cursor-pointer font-medium">
              {t("admin.calendar.pastCount", { count: past.length })}
            </summary>
            <div className="mt-3">
              <HolidayList
                calendarId={calendar.id}
                holidays={past}
                label={t("admin.calendar.past")}
              />
            </div>
          </details>
        ) : null}
        <HolidayForm
          calendarId={calendar.id}
          lastResult={actionData?.form === "holiday" ? actionData.result : undefined}
        />
      </section>
      {calendar.usedBy.length === 0 ? (
        <section aria-labelledby="delete-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="delete-heading" className="text-lg font-semibold">
            {t("admin.calendar.deleteHeading")}
          </h2>
          <p className="mt-1 text-slate-700">{t("admin.calendar.deleteText")}</p>
          {actionData?.form === "delete" ? (
            <p role="alert" className="mt-2 font-medium text-red-700">
              {messages([actionData.message])?.join(" ")}
            </p>
          ) : null}
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className={`${secondaryButtonClass} text-red-800`}>
              {t("admin.calendar.delete", { name: calendar.name })}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function DetailsForm({
  calendar,
  lastResult,
}: {
  calendar: Omit<LoaderData["calendar"], "holidays">;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, language } = useI18n();
  const messages = useAdminMessages();
  const [form, fields] = useForm<
    z.input<typeof calendarFormSchema>,
    z.output<typeof calendarFormSchema>
  >({
    id: "calendar-details",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      name: calendar.name,
      timeZone: calendar.timeZone,
      workingDays: calendar.workingDays.map(String) as z.input<
        typeof calendarFormSchema
      >["workingDays"],
      dayStart: calendar.dayStart,
      dayEnd: calendar.dayEnd,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: calendarFormSchema }),
  });
  const dayOptions = getCollectionProps(fields.workingDays, {
    type: "checkbox",
    options: WEEKDAYS.map((d) => d.value),
  });
  const zones: string[] = COMMON_TIME_ZONES.includes(
    calendar.timeZone as (typeof COMMON_TIME_ZONES)[number],
  )
    ? [...COMMON_TIME_ZONES]
    : [calendar.timeZone, ...COMMON_TIME_ZONES];
  const submitting = useSubmitting("save");
  const start = normaliseTime(String(fields.dayStart.value ?? ""));
  const end = normaliseTime(String(fields.dayEnd.value ?? ""));
  const days = (
    Array.isArray(fields.workingDays.value) ? fields.workingDays.value : [fields.workingDays.value]
  )
    .filter((d): d is string => typeof d === "string")
    .map(Number);

  return (
    <Form
      method="post"
      action={`/admin/calendars/${calendar.id}`}
      className="max-w-xl space-y-6"
      {...getFormProps(form)}
    >
      <input type="hidden" name="intent" value="save" />
      <InputField
        field={fields.name}
        label={t("admin.calendar.name")}
        required
        messages={messages}
      />
      <InputField
        field={fields.timeZone}
        label={t("admin.calendar.timeZone")}
        required
        hint={t("admin.calendar.timeZoneHint")}
        messages={messages}
        list="time-zones"
        autoComplete="off"
        spellCheck={false}
      />
      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>

      <RequiredFieldset
        errorId={`${fields.workingDays.id}-error`}
        legend={t("admin.calendar.workingDays")}
        errors={messages(fields.workingDays.errors)}
      >
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {dayOptions.map((props) => (
            <label key={props.key} className="flex items-center gap-2">
              <input {...props} className="h-5 w-5" />
              {weekdayName(Number(props.value), language)}
            </label>
          ))}
        </div>
      </RequiredFieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          field={fields.dayStart}
          type="time"
          label={t("admin.calendar.dayStart")}
          required
          messages={messages}
        />
        <InputField
          field={fields.dayEnd}
          type="time"
          label={t("admin.calendar.dayEnd")}
          required
          hint={t("admin.calendar.dayEndHint")}
          messages={messages}
        />
      </div>
      {start && end && days.length ? (
        <p className="text-sm text-slate-700">
          {t("admin.calendar.workingTime", {
            days: workingDaysText(t, days, language),
            window: workingWindowText(t, start, end),
            zone: String(fields.timeZone.value ?? calendar.timeZone),
          })}
        </p>
      ) : null}

      <FormErrors id={form.errorId} errors={form.errors} messages={messages} />
      <button type="submit" className={`${buttonClass} w-full sm:w-auto`} disabled={submitting}>
        {submitting ? t("admin.common.saving") : t("admin.calendar.save")}
      </button>
    </Form>
  );
}

function HolidayList({
  calendarId,
  holidays,
  label,
}: {
  calendarId: string;
  holidays: LoaderData["calendar"]["holidays"];
  label: string;
}) {
  const navigation = useNavigation();
  const { t, language } = useI18n();
  const removing =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "remove-holiday"
      ? navigation.formData.get("holidayId")
      : null;
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
      {holidays.map((h) => (
        <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
          <span>
            <span className="font-medium">{holidayDate(h.date, language)}</span>
            <span className="ml-2 text-slate-700">{h.name}</span>
          </span>
          <Form method="post" action={`/admin/calendars/${calendarId}`}>
            <input type="hidden" name="intent" value="remove-holiday" />
            <input type="hidden" name="holidayId" value={h.id} />
            <button
              type="submit"
              className={`${secondaryButtonClass} px-3 py-1 text-sm`}
              disabled={removing === h.id}
            >
              {t("admin.calendar.remove")}
              <span className="sr-only">
                {" "}
                {h.name}, {holidayDate(h.date, language)}
              </span>
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

function HolidayForm({
  calendarId,
  lastResult,
}: {
  calendarId: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useI18n();
  const messages = useAdminMessages();
  const [form, fields] = useForm<z.input<typeof holidayFormSchema>>({
    id: `holiday-${calendarId}`,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: holidayFormSchema }),
  });
  const submitting = useSubmitting("add-holiday");
  return (
    <Form
      method="post"
      action={`/admin/calendars/${calendarId}`}
      className="space-y-3 rounded-lg border border-slate-300 p-4"
      {...getFormProps(form)}
    >
      <input type="hidden" name="intent" value="add-holiday" />
      <h3 className="font-semibold">{t("admin.calendar.addHoliday")}</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          field={fields.date}
          type="date"
          label={t("admin.calendar.date")}
          required
          messages={messages}
        />
        <InputField
          field={fields.name}
          label={t("admin.calendar.name")}
          required
          messages={messages}
          placeholder={t("admin.calendar.holidayPlaceholder")}
        />
      </div>
      <FormErrors id={form.errorId} errors={form.errors} messages={messages} />
      <button type="submit" className={secondaryButtonClass} disabled={submitting}>
        {submitting ? t("admin.calendar.adding") : t("admin.calendar.addHolidayButton")}
      </button>
    </Form>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
