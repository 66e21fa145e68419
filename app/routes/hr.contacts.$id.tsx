import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { listCases, toListItems } from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.contact.name ?? "Contact"} · History · Incident portal` },
];

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
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">History of {contact.name}</h1>
      <p>
        {contact.jobTitle ? `${contact.jobTitle} at ` : "At "}
        <Link to={`/hr/accounts/${contact.account.id}`} className="underline">
          {contact.account.name}
        </Link>
      </p>
      <CaseList items={cases} caption={`Cases involving ${contact.name}`} />
    </div>
  );
}
