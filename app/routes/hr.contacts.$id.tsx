import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { historyTitle } from "~/i18n/hr-labels";
import { useI18n } from "~/i18n/react";
import { listCases, toListItems } from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  historyTitle(matches, data?.contact.name);

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR: every case naming one person at a customer.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  const contact = await db.customerContact.findUnique({
    where: { id: params.id ?? "" },
    select: { id: true, name: true, jobTitle: true, account: { select: { id: true, name: true } } },
  });
  if (!contact) throw notFound();
  const cases = await listCases(db, user, { contactId: contact.id });
  return { contact, cases: toListItems(cases) };
}

export default function ContactHistory() {
  const { contact, cases } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const accountLink = (
    <Link to={`/hr/accounts/${contact.account.id}`} className="underline">
      {contact.account.name}
    </Link>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("hr.history.title", { name: contact.name })}</h1>
      <p>
        {contact.jobTitle
          ? t("hr.contact.jobAt", { jobTitle: contact.jobTitle })
          : t("hr.contact.at")}{" "}
        {accountLink}
      </p>
      <CaseList items={cases} caption={t("hr.contact.caption", { name: contact.name })} />
    </div>
  );
}
