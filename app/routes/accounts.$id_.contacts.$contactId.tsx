import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { InputField } from "~/components/ui/conform-fields";
import { buttonClass } from "~/components/ui/field";
import { contactFormSchema } from "~/domain/contact-form";
import { useAccountMessages } from "~/i18n/account-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { getAccountForEdit, getContactForEdit, saveContact } from "~/models/account-admin.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { getDb } from "~/utils/db.server";
import { redirectWithToast } from "~/utils/toast.server";

// Add (contactId "new") or edit a customer contact; saving confirms one added by a reporter.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.contact.title");
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requirePermission(request, "accounts:manage");
  const db = await getDb();
  const account = params.id ? await getAccountForEdit(db, params.id) : null;
  if (!account) throw notFound();
  const isNew = params.contactId === "new";
  const contact = isNew ? null : await getContactForEdit(db, account.id, params.contactId ?? "");
  if (!isNew && !contact) throw notFound();
  return { user, db, account, contact };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { account, contact } = await load(request, params);
  return { account: { id: account.id, name: account.name }, contact };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, account, contact } = await load(request, params);
  const submission = parseWithZod(await readForm(request), { schema: contactFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await saveContact(db, account.id, contact?.id ?? null, submission.value, user.id);
  if (!saved) throw notFound();
  return redirectWithToast(`/accounts/${account.id}`, {
    key: contact ? "toast.accountsContactSaved" : "toast.accountsContactAdded",
    values: { name: submission.value.name },
  });
}

export default function ContactEdit() {
  const { account, contact } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  const messages = useAccountMessages();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    defaultValue: {
      name: contact?.name ?? "",
      jobTitle: contact?.jobTitle ?? "",
      email: contact?.email ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contactFormSchema }),
  });
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p>
        <Link to={`/accounts/${account.id}`} className="text-brand-700 underline">
          {t("accounts.contact.back", { name: account.name })}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {contact ? t("accounts.contact.editHeading") : t("accounts.contact.addHeading")}
      </h1>
      {contact?.needsConfirmation ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3">
          {t("accounts.contact.toConfirm")}
        </p>
      ) : null}
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <InputField
          field={fields.name}
          label={t("accounts.contact.name")}
          required
          messages={messages}
        />
        <InputField
          field={fields.jobTitle}
          label={t("accounts.contact.jobTitle")}
          messages={messages}
        />
        <InputField
          field={fields.email}
          type="email"
          label={t("accounts.contact.email")}
          messages={messages}
        />
        <button type="submit" className={buttonClass}>
          {contact ? t("accounts.contact.save") : t("accounts.contact.add")}
        </button>
      </Form>
    </div>
  );
}
