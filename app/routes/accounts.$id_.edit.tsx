import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { InputField, SelectField } from "~/components/ui/conform-fields";
import { choicesOf } from "~/components/ui/field";
import { accountEditSchema, minorToInput, PAYMENT_STATUSES } from "~/domain/account-import";
import { CONDUCT_STATUSES, SEGMENTS } from "~/domain/vocabulary";
import { accountLabel } from "~/i18n/account-labels";
import { useAccountMessages } from "~/i18n/account-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { getAccountForEdit, listOwnerChoices, updateAccount } from "~/models/account-admin.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.edit.title");
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "accounts:manage");
  const db = await getDb();
  const a = await getAccountForEdit(db, params.id ?? "");
  if (!a) throw notFound();
  return {
    account: {
      id: a.id,
      crmId: a.crmId,
      name: a.name,
      segment: a.segment,
      ownerId: a.ownerId ?? "",
      arr: minorToInput(a.arrMinor),
      contractValue: minorToInput(a.contractValueMinor),
      currency: a.currency,
      contractStart: day(a.contractStart),
      contractEnd: day(a.contractEnd),
      renewalDate: day(a.renewalDate),
      noticeDate: day(a.noticeDate),
      paymentStatus: a.paymentStatus,
      daysOverdue: String(a.daysOverdue),
      conductStatus: a.conductStatus,
      confirmed: !a.needsConfirmation,
    },
    owners: await listOwnerChoices(db),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "accounts:manage");
  const db = await getDb();
  const existing = await getAccountForEdit(db, params.id ?? "");
  if (!existing) throw notFound();
  const submission = parseWithZod(await readForm(request), { schema: accountEditSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (v.ownerId) {
    const owners = await listOwnerChoices(db);
    if (!owners.some((o) => o.id === v.ownerId)) {
      return data(
        submission.reply({ fieldErrors: { ownerId: ["Choose an owner from the list"] } }),
        {
          status: 400,
        },
      );
    }
  }
  await updateAccount(
    db,
    existing.id,
    {
      name: v.name,
      segment: v.segment,
      ownerId: v.ownerId,
      arrMinor: v.arr,
      contractValueMinor: v.contractValue,
      currency: v.currency,
      contractStart: v.contractStart ?? null,
      contractEnd: v.contractEnd ?? null,
      renewalDate: v.renewalDate ?? null,
      noticeDate: v.noticeDate ?? null,
      paymentStatus: v.paymentStatus,
      daysOverdue: v.daysOverdue,
      conductStatus: v.conductStatus,
      needsConfirmation: !v.confirmed,
    },
    user.id,
  );
  return redirectWithToast(`/accounts/${existing.id}`, { key: "toast.accountsSaved" });
}

export default function EditAccount() {
  const { account, owners } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useI18n();
  const messages = useAccountMessages();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    defaultValue: { ...account, confirmed: account.confirmed ? "on" : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountEditSchema }),
  });
  // This page's controls keep their own look (not the shared `inputClass`).
  const look = { className: "mt-1 w-full rounded border-slate-300", messages };
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link to={`/accounts/${account.id}`} className="text-brand-700 underline">
          {t("accounts.edit.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {t("accounts.edit.heading", { name: account.name })}
      </h1>
      <p className="text-sm text-slate-700">{t("accounts.edit.crmId", { crmId: account.crmId })}</p>
      {Object.keys(form.allErrors).length > 0 ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {t("accounts.edit.fix")}
        </div>
      ) : null}
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <InputField field={fields.name} label={t("accounts.edit.name")} required {...look} />
        <SelectField
          field={fields.segment}
          label={t("accounts.edit.segment")}
          required
          choices={choicesOf(SEGMENTS, (s) => accountLabel(t, "segment", s))}
          {...look}
        />
        <SelectField
          field={fields.ownerId}
          label={t("accounts.edit.owner")}
          choices={owners.map((o) => ({ value: o.id, label: o.name }))}
          {...look}
        >
          <option value="">{t("accounts.edit.noOwner")}</option>
        </SelectField>
        <div className="grid gap-4 sm:grid-cols-3">
          <InputField
            field={fields.arr}
            label={t("accounts.edit.arr")}
            hint={t("accounts.edit.arrHint")}
            required
            {...look}
          />
          <InputField
            field={fields.contractValue}
            label={t("accounts.edit.contractValue")}
            hint={t("accounts.edit.majorUnits")}
            {...look}
          />
          <InputField
            field={fields.currency}
            label={t("accounts.edit.currency")}
            hint={t("accounts.edit.currencyHint")}
            {...look}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {(
            [
              [fields.contractStart, t("accounts.edit.contractStart")],
              [fields.contractEnd, t("accounts.edit.contractEnd")],
              [fields.renewalDate, t("accounts.edit.renewalDate")],
              [fields.noticeDate, t("accounts.edit.noticeDate")],
            ] as const
          ).map(([field, label]) => (
            <InputField key={field.name} field={field} type="date" label={label} {...look} />
          ))}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            field={fields.paymentStatus}
            label={t("accounts.edit.paymentStatus")}
            choices={choicesOf(PAYMENT_STATUSES, (s) => accountLabel(t, "payment", s))}
            {...look}
          />
          <InputField
            field={fields.daysOverdue}
            type="number"
            label={t("accounts.edit.daysOverdue")}
            {...look}
          />
        </div>
        <SelectField
          field={fields.conductStatus}
          label={t("accounts.edit.conductStatus")}
          choices={choicesOf(CONDUCT_STATUSES, (s) => accountLabel(t, "conduct", s))}
          {...look}
        />
        <label className="flex items-center gap-2">
          <input {...getInputProps(fields.confirmed, { type: "checkbox" })} />
          {t("accounts.edit.confirmed")}
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white"
        >
          {busy ? t("accounts.edit.saving") : t("accounts.edit.save")}
        </button>
      </Form>
    </div>
  );
}
