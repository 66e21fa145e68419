import {
  getCollectionProps,
  getFormProps,
  getSelectProps,
  getTextareaProps,
  getInputProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import { buttonClass, Field, FieldError, inputClass } from "~/components/ui/field";
import { localParts } from "~/domain/business-calendar";
import { DEFAULT_TIME_ZONE, occurredAtInstant, reportFormSchema } from "~/domain/report-form";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  SEVERITIES,
  SEVERITY_DESCRIPTIONS,
  SEVERITY_LABELS,
} from "~/domain/vocabulary";
import { accountExists, listAccountChoices } from "~/models/account.server";
import { createIncident } from "~/models/incident.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Report an incident · Incident portal" }];

const DEFAULT_TZ = DEFAULT_TIME_ZONE;
/** Text-only form: anything much larger than the longest allowed report is not a report. */
const MAX_BODY_BYTES = 512 * 1024;

function toLocalInput(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * The form's rules plus the checks only the server can make. Each is a field-level
 * refinement, so every field gets its message even when others are wrong too.
 */
function serverReportSchema(accountExists: (id: string) => Promise<unknown>) {
  const { shape } = reportFormSchema;
  return reportFormSchema.extend({
    accountId: shape.accountId.refine(
      async (id) => !id || !!(await accountExists(id)),
      "Please choose an account from the list.",
    ),
    occurredAt: shape.occurredAt.superRefine((value, ctx) => {
      if (!LOCAL_DATE_TIME.test(value)) return; // the format message is already there
      const at = occurredAtInstant(value, undefined);
      if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 2000) {
        ctx.addIssue({ code: "custom", message: "Please give a real date and time." });
      }
    }),
  });
}

const FUTURE_MESSAGE = "That time is in the future.";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const accounts = await listAccountChoices(await getDb());
  return { accounts, now: toLocalInput(new Date(), DEFAULT_TZ) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    throw new Response("This report is too large to send. Please shorten it.", { status: 413 });
  }
  const db = await getDb();
  const formData = await request.formData();
  const submission = await parseWithZod(formData, {
    async: true,
    schema: serverReportSchema((id) => accountExists(db, id)),
  });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const v = submission.value;
  const occurredAt = occurredAtInstant(v.occurredAt, v.timeZone);
  if (occurredAt.getTime() > Date.now() + 5 * 60_000) {
    return data(submission.reply({ fieldErrors: { occurredAt: [FUTURE_MESSAGE] } }), {
      status: 400,
    });
  }
  const created = await createIncident(db, {
    reporterId: user.id,
    accountId: v.accountId,
    occurredAt,
    channel: v.channel,
    severity: v.severity,
    categories: v.categories,
    narrative: v.narrative,
    impact: v.impact,
    submissionKey: v.submissionKey,
  });
  return redirect(`/reports/${created.reference}?filed=1`);
}

export default function NewReport() {
  const { accounts, now } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const submissionKey = useRef<string>("");
  const [form, fields] = useForm<z.input<typeof reportFormSchema>>({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { occurredAt: now, timeZone: DEFAULT_TZ },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportFormSchema }),
  });

  // One key per filled-in form: a double submit or a retry after a lost answer files once.
  useEffect(() => {
    submissionKey.current ||= crypto.randomUUID();
    const key = document.getElementById("submissionKey") as HTMLInputElement | null;
    if (key && !key.value) key.value = submissionKey.current;
    const tz = document.getElementById(fields.timeZone.id) as HTMLInputElement | null;
    if (tz) tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TZ;
  }, [fields.timeZone.id]);

  const severityOptions = getCollectionProps(fields.severity, {
    type: "radio",
    options: [...SEVERITIES],
  });
  const categoryOptions = getCollectionProps(fields.categories, {
    type: "checkbox",
    options: [...CATEGORIES],
  });

  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold">Report an incident</h1>
      <p className="mt-2 text-slate-700">
        Only the fields marked required are needed. Your report goes to your manager, who must
        respond by a deadline.
      </p>
      <Form method="post" className="mt-6 space-y-6" {...getFormProps(form)}>
        <input type="hidden" id="submissionKey" name="submissionKey" defaultValue="" />
        <input {...getInputProps(fields.timeZone, { type: "hidden" })} />

        <Field
          id={fields.accountId.id}
          label="Customer account"
          required
          errors={fields.accountId.errors}
        >
          {(ids) => (
            <select {...getSelectProps(fields.accountId)} {...ids} className={inputClass}>
              <option value="">Choose an account…</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>

        <Field
          id={fields.occurredAt.id}
          label="When did it happen?"
          required
          errors={fields.occurredAt.errors}
        >
          {(ids) => (
            <input
              {...getInputProps(fields.occurredAt, { type: "datetime-local" })}
              {...ids}
              className={inputClass}
            />
          )}
        </Field>

        <Field
          id={fields.channel.id}
          label="How did it happen?"
          required
          errors={fields.channel.errors}
        >
          {(ids) => (
            <select {...getSelectProps(fields.channel)} {...ids} className={inputClass}>
              <option value="">Choose…</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>

        <fieldset
          className="space-y-2"
          aria-describedby={fields.severity.errors ? `${fields.severity.id}-error` : undefined}
        >
          <legend className="font-medium">
            How serious was it?{" "}
            <span className="text-sm font-normal text-slate-600">(required)</span>
          </legend>
          {severityOptions.map((props) => {
            const s = props.value as (typeof SEVERITIES)[number];
            // The whole box is the click target; the name stays the short level name and the
            // description is read as its description.
            return (
              <label
                key={props.key}
                className="flex items-start gap-3 rounded-md border border-slate-300 bg-white p-3"
              >
                <input
                  {...props}
                  className="mt-1 h-5 w-5"
                  aria-labelledby={`${props.id}-name`}
                  aria-describedby={`${props.id}-desc`}
                />
                <span>
                  <span id={`${props.id}-name`} className="font-medium">
                    {SEVERITY_LABELS[s]}
                  </span>
                  <span id={`${props.id}-desc`} className="block text-sm text-slate-600">
                    {SEVERITY_DESCRIPTIONS[s]}
                  </span>
                </span>
              </label>
            );
          })}
          <FieldError id={`${fields.severity.id}-error`} errors={fields.severity.errors} />
        </fieldset>

        <Field
          id={fields.narrative.id}
          label="What happened?"
          required
          hint="In your own words. Include what was said if you can remember it."
          errors={fields.narrative.errors}
        >
          {(ids) => (
            <textarea
              {...getTextareaProps(fields.narrative)}
              {...ids}
              rows={6}
              className={inputClass}
            />
          )}
        </Field>

        <fieldset className="space-y-2">
          <legend className="font-medium">
            What kind of behaviour was it?{" "}
            <span className="text-sm font-normal text-slate-600">(optional)</span>
          </legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {categoryOptions.map((props) => (
              <label key={props.key} className="flex items-center gap-2">
                <input {...props} className="h-5 w-5" />
                {CATEGORY_LABELS[props.value as (typeof CATEGORIES)[number]]}
              </label>
            ))}
          </div>
          <FieldError id={`${fields.categories.id}-error`} errors={fields.categories.errors} />
        </fieldset>

        <Field
          id={fields.impact.id}
          label="How did it affect you?"
          hint="Optional. This helps whoever handles it understand what support you need."
          errors={fields.impact.errors}
        >
          {(ids) => (
            <textarea
              {...getTextareaProps(fields.impact)}
              {...ids}
              rows={3}
              className={inputClass}
            />
          )}
        </Field>

        {form.errors?.length ? (
          <p role="alert" className="font-medium text-red-700">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <button
          type="submit"
          className={`${buttonClass} w-full sm:w-auto`}
          disabled={navigation.state === "submitting"}
        >
          {navigation.state === "submitting" ? "Sending your report…" : "Send report"}
        </button>
      </Form>
    </div>
  );
}
