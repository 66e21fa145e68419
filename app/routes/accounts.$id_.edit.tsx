import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { accountEditSchema, minorToInput, PAYMENT_STATUSES } from "~/domain/account-import";
import { SEGMENT_LABELS } from "~/domain/account-scoring";
import { CONDUCT_STATUSES, SEGMENTS } from "~/domain/vocabulary";
import { getAccountForEdit, listOwnerChoices, updateAccount } from "~/models/account-admin.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Edit account · Incident portal" }];

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
  const form = await readForm(request);
  const values = Object.fromEntries(
    [...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]),
  );
  const parsed = accountEditSchema.safeParse(values);
  const errors: Record<string, string[]> = parsed.success
    ? {}
    : (parsed.error.flatten().fieldErrors as Record<string, string[]>);
  if (parsed.success && parsed.data.ownerId) {
    const owners = await listOwnerChoices(db);
    if (!owners.some((o) => o.id === parsed.data.ownerId))
      errors.ownerId = ["Choose an owner from the list"];
  }
  if (!parsed.success || Object.keys(errors).length) {
    return data({ errors, values }, { status: 400 });
  }
  const v = parsed.data;
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
  return redirect(`/accounts/${existing.id}`);
}

export default function EditAccount() {
  const { account, owners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const value = (k: keyof typeof account) =>
    (result?.values as Record<string, string> | undefined)?.[k] ?? String(account[k]);
  const input = "mt-1 w-full rounded border-slate-300";
  const text = (
    name: keyof typeof account,
    label: string,
    opts: { type?: string; hint?: string; required?: boolean } = {},
  ) => (
    <Field id={name} label={label} hint={opts.hint} errors={errors[name]} required={opts.required}>
      {(ids) => (
        <input
          {...ids}
          name={name}
          type={opts.type ?? "text"}
          defaultValue={value(name)}
          className={input}
        />
      )}
    </Field>
  );
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link to={`/accounts/${account.id}`} className="text-brand-700 underline">
          Back to the account
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Edit {account.name}</h1>
      <p className="text-sm text-slate-700">CRM id {account.crmId} (set by the CRM import).</p>
      {Object.keys(errors).length ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          Please fix the fields marked below.
        </div>
      ) : null}
      <Form method="post" className="space-y-4" noValidate>
        {text("name", "Name", { required: true })}
        <Field id="segment" label="Segment" errors={errors.segment} required>
          {(ids) => (
            <select {...ids} name="segment" defaultValue={value("segment")} className={input}>
              {SEGMENTS.map((s) => (
                <option key={s} value={s}>
                  {SEGMENT_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ownerId" label="Owner (account executive)" errors={errors.ownerId}>
          {(ids) => (
            <select {...ids} name="ownerId" defaultValue={value("ownerId")} className={input}>
              <option value="">No owner</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("arr", "ARR", { hint: "In major units, like 125000.00", required: true })}
          {text("contractValue", "Total contract value", { hint: "In major units" })}
          {text("currency", "Currency", { hint: "Three letters, like GBP" })}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("contractStart", "Contract start", { type: "date" })}
          {text("contractEnd", "Contract end", { type: "date" })}
          {text("renewalDate", "Renewal date", { type: "date" })}
          {text("noticeDate", "Notice date", { type: "date" })}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="paymentStatus" label="Payment status" errors={errors.paymentStatus}>
            {(ids) => (
              <select
                {...ids}
                name="paymentStatus"
                defaultValue={value("paymentStatus")}
                className={input}
              >
                {PAYMENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s.replace("_", " ").toLowerCase()}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("daysOverdue", "Days overdue", { type: "number" })}
        </div>
        <Field id="conductStatus" label="Conduct status" errors={errors.conductStatus}>
          {(ids) => (
            <select
              {...ids}
              name="conductStatus"
              defaultValue={value("conductStatus")}
              className={input}
            >
              {CONDUCT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="confirmed"
            defaultChecked={result ? value("confirmed") === "on" : account.confirmed}
          />
          Confirmed (not a placeholder created from a report)
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white"
        >
          {busy ? "Saving…" : "Save account"}
        </button>
      </Form>
    </div>
  );
}
