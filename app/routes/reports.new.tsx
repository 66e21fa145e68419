import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { PeoplePicker } from "~/components/report-form/people-picker";
import { saveDraft, useReportDraft } from "~/components/report-form/use-report-draft";
import { isRealDate } from "~/domain/input-rules";
import { InputField, SelectField, TextAreaField } from "~/components/ui/conform-fields";
import {
  buttonClass,
  choicesOf,
  Field,
  FilesField,
  FormErrors,
  RequiredFieldset,
  secondaryButtonClass,
} from "~/components/ui/field";
import { CheckboxGroup } from "~/components/ui/checkbox-group";
import { localParts } from "~/domain/business-calendar";
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_FIELD,
  EVIDENCE_MAX_FILE_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_MAX_TOTAL_BYTES,
  tooLargeMessage,
  tooManyFilesMessage,
  TOTAL_TOO_LARGE_MESSAGE,
} from "~/domain/evidence";
import {
  DEFAULT_TIME_ZONE,
  NEW_CHOICE,
  occurredAtInstant,
  reportFormFields,
  withReportRules,
} from "~/domain/report-form";
import { CATEGORIES, CHANNELS, SEVERITIES, SUPPORT_KINDS } from "~/domain/vocabulary";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { accountByName, accountExists, contactBelongsTo } from "~/models/account.server";
import { AccountCombobox } from "~/components/report-form/account-combobox";
import { createIncident, SubmissionKeyReused, SubmissionKeyTaken } from "~/models/incident.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import {
  discardEvidence,
  placeEvidence,
  readFormWithEvidence,
} from "~/utils/evidence-storage.server";
import { KeptOnDeviceNotice, offlineClientAction } from "~/components/offline-report";
import {
  accountWasTyped,
  isKeptOnDevice,
  notAfterKeptReport,
  TYPED_ACCOUNT,
} from "~/domain/offline";

// Without a signal the report is kept on the phone and sent later (decision 080).
export const clientAction = offlineClientAction;
export const shouldRevalidate = notAfterKeptReport;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.reportIncident");

const DEFAULT_TZ = DEFAULT_TIME_ZONE;
/** A form without files: anything much larger than the longest allowed report is not a report. */
const MAX_BODY_BYTES = 512 * 1024;

type FileLike = { name: string; size: number };
function isFileLike(v: unknown): v is FileLike {
  return typeof v === "object" && v !== null && "name" in v && "size" in v;
}

/** The browser's instant check of chosen files (the server checks again, from the bytes). */
const evidenceClientCheck = z.preprocess(
  (v) => [v].flat().filter((f) => isFileLike(f) && f.name !== ""),
  z.array(z.custom<FileLike>(isFileLike)).superRefine((files, ctx) => {
    let total = 0;
    for (const f of files) {
      total += f.size;
      if (f.size === 0) ctx.addIssue({ code: "custom", message: `"${f.name}" is empty.` });
      else if (f.size > EVIDENCE_MAX_FILE_BYTES) {
        ctx.addIssue({ code: "custom", message: tooLargeMessage(f.name) });
      }
    }
    if (total > EVIDENCE_MAX_TOTAL_BYTES) {
      ctx.addIssue({ code: "custom", message: TOTAL_TOO_LARGE_MESSAGE });
    }
    if (files.length > EVIDENCE_MAX_FILES) {
      ctx.addIssue({ code: "custom", message: tooManyFilesMessage(0) });
    }
  }),
);
const clientSchema = withReportRules(reportFormFields.extend({ evidence: evidenceClientCheck }));

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
  const { shape } = reportFormFields;
  return withReportRules(
    reportFormFields.extend({
      accountId: shape.accountId.refine(
        async (id) => !id || id === NEW_CHOICE || !!(await accountExists(id)),
        "Please choose an account from the list.",
      ),
      occurredAt: shape.occurredAt.superRefine((value, ctx) => {
        if (!LOCAL_DATE_TIME.test(value)) return; // the format message is already there
        const at = occurredAtInstant(value, undefined);
        if (
          !isRealDate(value.slice(0, 10), { min: 2000, max: 2200 }) ||
          Number.isNaN(at.getTime())
        ) {
          ctx.addIssue({ code: "custom", message: "Please give a real date and time." });
        }
      }),
    }),
  );
}

const FUTURE_MESSAGE = "That time is in the future.";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Neither colleagues nor accounts are embedded: the pickers ask /resources/colleagues and
  // /resources/accounts as people type, so the page stays small at any number of either.
  return {
    userId: user.id,
    now: toLocalInput(new Date(), DEFAULT_TZ),
    // This form's submission key, in the HTML itself (see the action).
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const read = await readFormWithEvidence(request, {
    fileField: EVIDENCE_FIELD,
    maxPlainBodyBytes: MAX_BODY_BYTES,
  });
  if ("tooLarge" in read) {
    throw new Response(
      "This report is too large to send. Files can be at most 25 MB each and 100 MB together.",
      { status: 413 },
    );
  }
  if ("malformed" in read) {
    throw new Response("We could not read this form. Please try again.", { status: 400 });
  }
  const { formData, uploads } = read;
  const db = await getDb();
  // Without JavaScript the account box is plain text: a name that is one account's chooses it.
  // So is a name typed without a signal (decision 080), where the list could not be asked.
  const typedName = formData.get("accountName");
  if (accountWasTyped(formData.get("accountId")) && typeof typedName === "string") {
    const match = await accountByName(db, typedName);
    if (match) formData.set("accountId", match.id);
  }
  const submission = await parseWithZod(formData, {
    async: true,
    schema: serverReportSchema((id) => accountExists(db, id)),
  });
  const evidence = uploads ? await uploads.finish() : { files: [], errors: [] };
  const fieldErrors: Record<string, string[]> = {};
  if (evidence.errors.length > 0) fieldErrors.evidence = evidence.errors;
  if (uploads?.textTooLarge()) fieldErrors.narrative = ["This is too long to send."];
  if (submission.status === "success") {
    const v = submission.value;
    const occurredAt = occurredAtInstant(v.occurredAt, v.timeZone);
    if (occurredAt.getTime() > Date.now() + 5 * 60_000) fieldErrors.occurredAt = [FUTURE_MESSAGE];
    if (
      v.contactId &&
      v.contactId !== NEW_CHOICE &&
      (v.accountId === NEW_CHOICE || !(await contactBelongsTo(db, v.contactId, v.accountId)))
    ) {
      fieldErrors.contactId = ["Please choose a contact from the list."];
    }
  }
  // The loader renders a key into the form, so even a post sent before the page's script ran
  // carries one; without it a double post would file twice.
  const formErrors =
    submission.status === "success" && !submission.value.submissionKey
      ? ["This form is out of date. Please reload the page and send it again."]
      : undefined;
  if (submission.status !== "success" || Object.keys(fieldErrors).length > 0 || formErrors) {
    await discardEvidence(evidence.files);
    if (evidence.files.length > 0 && !fieldErrors.evidence) {
      fieldErrors.evidence = [
        "Files cannot be kept after a failed send: please choose them again.",
      ];
    }
    return data(submission.reply({ fieldErrors, formErrors }), { status: 400 });
  }
  const v = submission.value;
  let created;
  try {
    created = await createIncident(db, {
      reporterId: user.id,
      accountId: v.accountId,
      newAccountName: v.accountId === NEW_CHOICE ? v.newAccountName : undefined,
      contactIds: v.contactId && v.contactId !== NEW_CHOICE ? [v.contactId] : [],
      newContactName: v.contactId === NEW_CHOICE ? v.newContactName : undefined,
      occurredAt: occurredAtInstant(v.occurredAt, v.timeZone),
      channel: v.channel,
      severity: v.severity,
      categories: v.categories,
      narrative: v.narrative,
      impact: v.impact,
      witnessIds: v.witnessIds,
      namedUserIds: v.namedUserIds,
      supportKinds: v.support,
      evidence: evidence.files,
      submissionKey: v.submissionKey,
    });
  } catch (error) {
    await discardEvidence(evidence.files);
    if (error instanceof SubmissionKeyTaken || error instanceof SubmissionKeyReused) {
      // Not filed. A fresh key goes back to the page (and its saved draft), so sending again
      // files this version as a report of its own instead of meeting the same refusal.
      const message =
        error instanceof SubmissionKeyReused
          ? `This form already filed report ${error.reference}, and what you send now differs from it, so it was not filed. To add to ${error.reference}, open it from "My reports" and send a message; to file this as a separate report, send it again.`
          : "This form could not be filed as it was. Please send it again.";
      return data(
        { ...submission.reply({ formErrors: [message] }), freshSubmissionKey: crypto.randomUUID() },
        { status: 409 },
      );
    }
    throw error;
  }
  // The same report sent twice: the first one stands, with its own files. Otherwise the rows
  // have committed and the files go into place.
  if (created.duplicate) await discardEvidence(evidence.files);
  else await placeEvidence(evidence.files);
  return redirect(`/reports/${created.reference}?filed=1`);
}

function localInputFor(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "Just now", "earlier today" (two hours ago, not before midnight), "yesterday" (same time). */
function quickPick(kind: "now" | "today" | "yesterday"): string {
  const now = new Date();
  if (kind === "now") return localInputFor(now);
  if (kind === "yesterday") return localInputFor(new Date(now.getTime() - 24 * 3600_000));
  const earlier = new Date(now.getTime() - 2 * 3600_000);
  if (earlier.getDate() !== now.getDate()) earlier.setTime(new Date(now).setHours(0, 0, 0, 0));
  return localInputFor(earlier);
}

function setFieldValue(id: string, value: string) {
  const el = document.getElementById(id) as HTMLInputElement | null;
  if (!el) return;
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

type ContactChoice = { id: string; name: string; jobTitle: string | null };

const chipClass =
  "min-h-11 rounded-full border border-slate-400 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100";

export default function NewReport() {
  const { userId, now, submissionKey: pageKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const contacts = useFetcher<{ contacts: ContactChoice[] }>();
  const [form, fields] = useForm<z.input<typeof clientSchema>>({
    id: "report-form",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { occurredAt: now, timeZone: DEFAULT_TZ },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clientSchema }),
  });

  // One key per filled-in form, kept in the draft: a double submit or a retry after a lost
  // answer files once.
  // The page's key is rendered by the server; a restored draft's key wins (it may have filed).
  const [submissionKey, setSubmissionKey] = useState<string>(pageKey);
  const ensureKey = useCallback(
    (_form: HTMLFormElement, restoredKey?: string) => {
      setSubmissionKey((k) => restoredKey || k);
      const tz = document.getElementById(fields.timeZone.id) as HTMLInputElement | null;
      if (tz) tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TZ;
    },
    [fields.timeZone.id],
  );
  const draft = useReportDraft(form.id, userId, { restore: !lastResult, ensureKey });
  // Refused with 409: the old key is spent. Take the fresh one and keep it in the draft, so a
  // reload does not send the old key again.
  const freshKey =
    lastResult && "freshSubmissionKey" in lastResult
      ? String(lastResult.freshSubmissionKey)
      : undefined;
  useEffect(() => {
    if (freshKey) setSubmissionKey(freshKey);
  }, [freshKey]);
  useEffect(() => {
    const el = document.getElementById(form.id) as HTMLFormElement | null;
    if (freshKey && submissionKey === freshKey && el) saveDraft(el, userId);
  }, [freshKey, submissionKey, form.id, userId]);

  // The chosen account's contacts, fetched as JSON when the account changes.
  const accountId = typeof fields.accountId.value === "string" ? fields.accountId.value : "";
  const loadContacts = contacts.load;
  useEffect(() => {
    if (accountId && accountId !== NEW_CHOICE && accountId !== TYPED_ACCOUNT) {
      loadContacts(`/resources/contacts?accountId=${encodeURIComponent(accountId)}`);
    }
  }, [accountId, loadContacts]);
  const contactList = accountId && accountId !== NEW_CHOICE ? (contacts.data?.contacts ?? []) : [];
  const { applyPending } = draft;
  useEffect(() => {
    if (contacts.state === "idle" && contacts.data) applyPending(fields.contactId.name);
  }, [contacts.state, contacts.data, applyPending, fields.contactId.name]);

  const severityOptions = getCollectionProps(fields.severity, {
    type: "radio",
    options: [...SEVERITIES],
  });
  const categoryOptions = getCollectionProps(fields.categories, {
    type: "checkbox",
    options: [...CATEGORIES],
  });
  const supportOptions = getCollectionProps(fields.support, {
    type: "checkbox",
    options: [...SUPPORT_KINDS],
  });
  const initialIds = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
  const sending = navigation.state === "submitting";
  const { t } = useI18n();
  const labelsOf = (list: "category" | "support", values: readonly string[]) =>
    Object.fromEntries(values.map((v) => [v, vocabLabel(t, list, v)]));
  if (isKeptOnDevice(lastResult)) return <KeptOnDeviceNotice result={lastResult} />;

  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold">{t("nav.reportIncident")}</h1>
      <p className="mt-2 text-slate-700">{t("report.intro")}</p>
      {draft.restoredAt ? (
        <div role="status" className="mt-4 rounded-md border border-sky-300 bg-sky-50 p-3">
          <p>{t("report.draftRestored")}</p>
          <button type="button" onClick={draft.discard} className={`${secondaryButtonClass} mt-2`}>
            {t("report.draftDiscard")}
          </button>
        </div>
      ) : null}
      <Form
        method="post"
        encType="multipart/form-data"
        className="mt-6 space-y-6"
        {...getFormProps(form)}
      >
        <input type="hidden" id="submissionKey" name="submissionKey" value={submissionKey} />
        <input {...getInputProps(fields.timeZone, { type: "hidden" })} />

        <div className="space-y-2">
          <Field
            id={fields.accountId.id}
            label={t("report.account")}
            required
            hint={t("report.accountHint")}
            errors={fields.accountId.errors}
          >
            {(ids) => (
              <AccountCombobox
                key={fields.accountId.key}
                ids={ids}
                name={fields.accountId.name}
                defaultId={String(fields.accountId.initialValue ?? "")}
                defaultName={String(
                  (form.initialValue as Record<string, unknown> | undefined)?.accountName ?? "",
                )}
                newChoice={NEW_CHOICE}
                errors={fields.accountId.errors}
              />
            )}
          </Field>
          {accountId === NEW_CHOICE ? (
            <InputField
              field={fields.newAccountName}
              label={t("report.newAccountName")}
              hint={t("report.newAccountHint")}
              autoComplete="organization"
            />
          ) : null}
        </div>

        <div className="space-y-2">
          <SelectField
            field={fields.contactId}
            label={t("report.contact")}
            hint={t("report.contactHint")}
            choices={[
              ...contactList.map((c) => ({
                value: c.id,
                label: c.jobTitle ? `${c.name} (${c.jobTitle})` : c.name,
              })),
              { value: NEW_CHOICE, label: t("report.newContactChoice") },
            ]}
          >
            <option value="">{t("report.contactNone")}</option>
          </SelectField>
          {fields.contactId.value === NEW_CHOICE ? (
            <InputField
              field={fields.newContactName}
              label={t("report.newContactName")}
              hint={t("report.newContactHint")}
              autoComplete="off"
            />
          ) : null}
        </div>

        <div className="space-y-2">
          <InputField
            field={fields.occurredAt}
            type="datetime-local"
            label={t("report.when")}
            required
          />
          <div className="flex flex-wrap gap-2" role="group" aria-label={t("report.quickPicks")}>
            {(
              [
                ["now", t("report.justNow")],
                ["today", t("report.earlierToday")],
                ["yesterday", t("report.yesterday")],
              ] as const
            ).map(([pick, label]) => (
              <button
                key={pick}
                type="button"
                className={chipClass}
                onClick={() => setFieldValue(fields.occurredAt.id, quickPick(pick))}
              >
                {label}
              </button>
            ))}
          </div>
        </div>

        <SelectField
          field={fields.channel}
          label={t("report.channel")}
          required
          choices={choicesOf(CHANNELS, (c) => vocabLabel(t, "channel", c))}
        >
          <option value="">{t("form.choose")}</option>
        </SelectField>

        <RequiredFieldset
          errorId={`${fields.severity.id}-error`}
          legend={t("report.severity")}
          errors={fields.severity.errors}
        >
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
                    {vocabLabel(t, "severity", s)}
                  </span>
                  <span id={`${props.id}-desc`} className="block text-sm text-slate-600">
                    {vocabLabel(t, "severityHint", s)}
                  </span>
                </span>
              </label>
            );
          })}
        </RequiredFieldset>

        <TextAreaField
          field={fields.narrative}
          label={t("report.narrative")}
          required
          hint={t("report.narrativeHint")}
          rows={6}
        />

        <CheckboxGroup
          legend={t("report.categories")}
          options={categoryOptions}
          labels={labelsOf("category", CATEGORIES)}
          errorId={`${fields.categories.id}-error`}
          errors={fields.categories.errors}
          columns={2}
        />

        <TextAreaField
          field={fields.impact}
          label={t("report.impact")}
          hint={t("report.impactHint")}
          rows={3}
        />

        <CheckboxGroup
          legend={t("report.support")}
          options={supportOptions}
          labels={labelsOf("support", SUPPORT_KINDS)}
          errorId={`${fields.support.id}-error`}
          errors={fields.support.errors}
        />

        {(
          [
            [fields.witnessIds, t("report.witnesses"), t("report.witnessesHint")],
            [fields.namedUserIds, t("report.named"), t("report.namedHint")],
          ] as const
        ).map(([field, legend, hint]) => (
          <PeoplePicker
            key={field.name}
            name={field.name}
            legend={legend}
            hint={hint}
            knownIds={[...initialIds(field.initialValue), ...(draft.pending[field.name] ?? [])]}
            errors={field.errors}
          />
        ))}

        <FilesField
          id={EVIDENCE_FIELD}
          accept={EVIDENCE_ACCEPT}
          label={t("report.evidence")}
          hint={t("report.evidenceHint")}
          errors={fields.evidence.errors}
          onChange={() => form.validate({ name: fields.evidence.name })}
        />

        <FormErrors errors={form.errors} />
        <div className="sticky bottom-0 -mx-4 border-t border-slate-200 bg-slate-50/95 px-4 py-3 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
          <button
            type="submit"
            className={`${buttonClass} min-h-12 w-full sm:w-auto`}
            disabled={sending}
          >
            {sending ? t("report.sending") : t("report.send")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const answered = isRouteErrorResponse(error) && error.status < 500;
  const { t, message } = useI18n();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("report.notSentTitle")}</h1>
      <p role="alert">
        {answered ? `${message(String(error.data))} ` : `${t("report.unreachable")} `}
        {t("report.notSentText")}
      </p>
      <Link reloadDocument to="/reports/new" className={buttonClass}>
        {t("report.openAgain")}
      </Link>
    </div>
  );
}
