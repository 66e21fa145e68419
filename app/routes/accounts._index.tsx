import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatMoney, SEGMENT_LABELS } from "~/domain/account-scoring";
import { SEGMENTS, type Segment } from "~/domain/vocabulary";
import { listAccounts } from "~/models/account-admin.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Accounts · Incident portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "accounts:manage");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const seg = url.searchParams.get("segment") ?? "";
  const segment = (SEGMENTS as readonly string[]).includes(seg) ? seg : null;
  const review = url.searchParams.get("review") === "1";
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const list = await listAccounts(await getDb(), { q, segment, review, page });
  return { ...list, q, segment, review, canImport: can(user.role, "accounts:manage") };
}

export default function Accounts() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageHref = (page: number) => {
    const p = new URLSearchParams(params);
    p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Customer accounts</h1>
        {data.canImport ? (
          <Link to="/accounts/import" className="text-brand-700 underline">
            Import from the CRM
          </Link>
        ) : null}
      </div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-sm">
          Search by name, CRM id or contact
          <input
            type="search"
            name="q"
            defaultValue={data.q}
            className="mt-1 w-72 rounded border-slate-300"
          />
        </label>
        <label className="flex flex-col text-sm">
          Segment
          <select
            name="segment"
            defaultValue={data.segment ?? ""}
            className="mt-1 rounded border-slate-300"
          >
            <option value="">All segments</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {SEGMENT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="review" value="1" defaultChecked={data.review} />
          Flagged for review only
        </label>
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white"
        >
          Search
        </button>
      </Form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {data.total} account{data.total === 1 ? "" : "s"}
        {data.pages > 1 ? `, page ${data.page} of ${data.pages}` : ""}
      </p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="border-b border-slate-300 text-left">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Account
              </th>
              <th scope="col" className="py-2 pr-4">
                Segment
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                ARR
              </th>
              <th scope="col" className="py-2 pr-4">
                Renewal
              </th>
              <th scope="col" className="py-2 pr-4">
                Payment
              </th>
              <th scope="col" className="py-2 pr-4">
                Conduct
              </th>
              <th scope="col" className="py-2 pr-4">
                Owner
              </th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((a) => (
              <tr key={a.id} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  <Link to={`/accounts/${a.id}`} className="font-medium text-brand-700 underline">
                    {a.name}
                  </Link>
                  <div className="text-xs text-slate-600">
                    {a.crmId} · {a.contacts} contact{a.contacts === 1 ? "" : "s"}
                    {a.needsReview ? (
                      <span className="ml-1 font-semibold text-red-800">Review</span>
                    ) : null}
                    {a.needsConfirmation ? (
                      <span className="ml-1 font-semibold text-amber-800">To confirm</span>
                    ) : null}
                  </div>
                </th>
                <td className="py-2 pr-4">{SEGMENT_LABELS[a.segment as Segment] ?? a.segment}</td>
                <td className="py-2 pr-4 text-right">{formatMoney(a.arrMinor, a.currency)}</td>
                <td className="py-2 pr-4">{a.renewalDate ? formatDate(a.renewalDate) : "–"}</td>
                <td className="py-2 pr-4">
                  {a.paymentStatus.replace("_", " ").toLowerCase()}
                  {a.daysOverdue > 0 ? ` (${a.daysOverdue} days)` : ""}
                </td>
                <td className="py-2 pr-4">{a.conductStatus.toLowerCase()}</td>
                <td className="py-2 pr-4">{a.ownerName ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-4">
          {data.page > 1 ? <Link to={pageHref(data.page - 1)}>Previous page</Link> : null}
          {data.page < data.pages ? <Link to={pageHref(data.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
