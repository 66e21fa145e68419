import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  useForm,
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
import {
  buttonClass,
  Field,
  FieldError,
  inputClass,
  secondaryButtonClass,
} from "~/components/ui/field";
import { isoDate, localParts } from "~/domain/business-calendar";
import {
  calendarFormSchema,
  COMMON_TIME_ZONES,
  describeWorkingDays,
  describeWorkingWindow,
  holidayFormSchema,
  normaliseTime,
  WEEKDAYS,
} from "~/domain/calendar-form";
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.calendar.name ?? "Calendar"} · Admin · Incident portal` },
];

/** Ids are cuids; anything long or odd is not one of ours. */
function calendarIdFrom(params: { id?: string }): string {
  const id = params.id ?? "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw notFound();
  return id;
}

const holidayDateFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-12-25" → "Fri 25 Dec 2026" (the same on the server and in the browser). */
function formatHolidayDate(date: string): string {
  return holidayDateFormat.format(new Date(`${date}T00:00:00Z`));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const id = calendarIdFrom(params);
  const calendar = await getCalendarEditor(await getDb(), id);
  if (!calendar) throw notFound();
  const now = localParts(new Date(), calendar.timeZone);
  const url = new URL(request.url);
  return {
    calendar,
    today: isoDate(now.year, now.month, now.day),
    saved: url.searchParams.get("saved") === "1",
    created: url.searchParams.get("created") === "1",
  };
}

type ActionData =
  | { form: "details" | "holiday"; result: SubmissionResult<string[]>; message?: string }
  | { form: "remove"; message: string }
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
      return redirect(`/admin/calendars/${id}?saved=1`);
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
        message: `Added ${name} on ${formatHolidayDate(date)}.`,
      });
    }
    case "remove-holiday": {
      const holidayId = formData.get("holidayId");
      if (typeof holidayId !== "string" || holidayId.length === 0 || holidayId.length > 64) {
        return data<ActionData>(
          { form: "remove", message: "Please choose a holiday to remove." },
          { status: 400 },
        );
      }
      const removed = await removeHoliday(db, id, holidayId, user.id);
      return data<ActionData>({
        form: "remove",
        message: removed
          ? `Removed ${removed.name} on ${formatHolidayDate(removed.date)}.`
          : "That holiday had already been removed.",
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
      return redirect("/admin/deadlines?deleted=1");
    }
    default:
      throw new Response("This form is out of date. Please reload the page.", { status: 400 });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AdminCalendar() {
  const { calendar, today, saved, created } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { holidays, ...details } = calendar;
  const upcoming = holidays.filter((h) => h.date >= today);
  const past = holidays.filter((h) => h.date < today).reverse();
  const message = actionData && "message" in actionData ? actionData.message : undefined;

  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            Admin
          </Link>{" "}
          /{" "}
          <Link to="/admin/deadlines" className="text-brand-700 underline">
            Deadlines
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{calendar.name}</h1>
        <p className="mt-2 text-slate-700">
          {calendar.usedBy.length
            ? `Used by the ${calendar.usedBy.join(", ")} deadline policy.`
            : "Not used by a deadline policy yet. Choose it on the Deadlines page to use it."}{" "}
          Changes apply to clocks that start after you save.
        </p>
      </div>
      {created ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-900">
          Calendar added. Check its time zone, working days and hours below.
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-900">
          Saved. Clocks that start from now on use this calendar.
        </p>
      ) : null}

      <DetailsForm
        key={JSON.stringify(details)}
        calendar={details}
        lastResult={actionData?.form === "details" ? actionData.result : undefined}
      />

      <section aria-labelledby="holidays-heading" className="space-y-4">
        <h2 id="holidays-heading" className="text-lg font-semibold">
          Holidays
        </h2>
        <p className="text-sm text-slate-700">
          On a holiday no working time counts. Calendar-day clocks are not affected.
        </p>
        {message ? (
          <p role="status" className="text-emerald-800">
            {message}
          </p>
        ) : null}
        {upcoming.length === 0 ? (
          <p className="text-slate-700">No upcoming holidays.</p>
        ) : (
          <HolidayList calendarId={calendar.id} holidays={upcoming} label="Upcoming holidays" />
        )}
        {past.length ? (
          <details className="rounded-lg bg-white p-4 shadow-sm">
            <summary className="cursor-pointer font-medium">Past holidays ({past.length})</summary>
            <div className="mt-3">
              <HolidayList calendarId={calendar.id} holidays={past} label="Past holidays" />
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
            Delete this calendar
          </h2>
          <p className="mt-1 text-slate-700">
            No deadline policy uses it. Deleting it removes its holidays too; the settings history
            keeps a note of it.
          </p>
          {actionData?.form === "delete" ? (
            <p role="alert" className="mt-2 font-medium text-red-700">
              {actionData.message}
            </p>
          ) : null}
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className={`${secondaryButtonClass} text-red-800`}>
              Delete {calendar.name}
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
  const navigation = useNavigation();
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
  const submitting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
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
      <Field id={fields.name.id} label="Name" required errors={fields.name.errors}>
        {(ids) => (
          <input
            {...getInputProps(fields.name, { type: "text" })}
            {...ids}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id={fields.timeZone.id}
        label="Time zone"
        required
        hint="Pick one from the list or type any zone, such as America/Phoenix."
        errors={fields.timeZone.errors}
      >
        {(ids) => (
          <>
            <input
              {...getInputProps(fields.timeZone, { type: "text" })}
              {...ids}
              list="time-zones"
              autoComplete="off"
              spellCheck={false}
              className={inputClass}
            />
            <datalist id="time-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>

      <fieldset
        className="space-y-2"
        aria-describedby={fields.workingDays.errors ? `${fields.workingDays.id}-error` : undefined}
      >
        <legend className="font-medium">
          Working days <span className="text-sm font-normal text-slate-600">(required)</span>
        </legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {dayOptions.map((props) => (
            <label key={props.key} className="flex items-center gap-2">
              <input {...props} className="h-5 w-5" />
              {WEEKDAYS.find((d) => d.value === props.value)?.label}
            </label>
          ))}
        </div>
        <FieldError id={`${fields.workingDays.id}-error`} errors={fields.workingDays.errors} />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id={fields.dayStart.id}
          label="Working day starts"
          required
          errors={fields.dayStart.errors}
        >
          {(ids) => (
            <input
              {...getInputProps(fields.dayStart, { type: "time" })}
              {...ids}
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id={fields.dayEnd.id}
          label="Working day ends"
          required
          hint="Earlier than the start means the day runs past midnight."
          errors={fields.dayEnd.errors}
        >
          {(ids) => (
            <input
              {...getInputProps(fields.dayEnd, { type: "time" })}
              {...ids}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      {start && end && days.length ? (
        <p className="text-sm text-slate-700">
          Working time: {describeWorkingDays(days)}, {describeWorkingWindow(start, end)}, in{" "}
          {String(fields.timeZone.value ?? calendar.timeZone)} time.
        </p>
      ) : null}

      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="font-medium text-red-700">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <button type="submit" className={`${buttonClass} w-full sm:w-auto`} disabled={submitting}>
        {submitting ? "Saving…" : "Save calendar"}
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
  const removing =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "remove-holiday"
      ? navigation.formData.get("holidayId")
      : null;
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
      {holidays.map((h) => (
        <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
          <span>
            <span className="font-medium">{formatHolidayDate(h.date)}</span>
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
              Remove
              <span className="sr-only">
                {" "}
                {h.name}, {formatHolidayDate(h.date)}
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
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof holidayFormSchema>>({
    id: `holiday-${calendarId}`,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: holidayFormSchema }),
  });
  const submitting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "add-holiday";
  return (
    <Form
      method="post"
      action={`/admin/calendars/${calendarId}`}
      className="space-y-3 rounded-lg border border-slate-300 p-4"
      {...getFormProps(form)}
    >
      <input type="hidden" name="intent" value="add-holiday" />
      <h3 className="font-semibold">Add a holiday</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={fields.date.id} label="Date" required errors={fields.date.errors}>
          {(ids) => (
            <input
              {...getInputProps(fields.date, { type: "date" })}
              {...ids}
              className={inputClass}
            />
          )}
        </Field>
        <Field id={fields.name.id} label="Name" required errors={fields.name.errors}>
          {(ids) => (
            <input
              {...getInputProps(fields.name, { type: "text" })}
              {...ids}
              placeholder="For example, Christmas Day"
              className={inputClass}
            />
          )}
        </Field>
      </div>
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="font-medium text-red-700">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <button type="submit" className={secondaryButtonClass} disabled={submitting}>
        {submitting ? "Adding…" : "Add holiday"}
      </button>
    </Form>
  );
}
