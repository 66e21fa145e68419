import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FilterCheckbox, FilterSelect, filterButtonClass } from "~/components/list-filters";
import { TableHead } from "~/components/table-head";
import { SEGMENTS } from "~/domain/vocabulary";
import { accountLabel } from "~/i18n/account-labels";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { listAccounts } from "~/models/account-admin.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.list.title");
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

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
  const { t, number, money, date } = useI18n();
  const [params] = useSearchParams();
  const pageHref = (page: number) => {
    const p = new URLSearchParams(params);
    p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("accounts.list.title")}</h1>
        {data.canImport ? (
          <Link to="/accounts/import" className="text-brand-700 underline">
            {t("accounts.list.import")}
          </Link>
        ) : null}
      </div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-sm">
          {t("accounts.list.search")}
          <input
            type="search"
            name="q"
            defaultValue={data.q}
            className="mt-1 w-72 rounded border-slate-300"
          />
        </label>
        <FilterSelect
          name="segment"
          label={t("accounts.list.segment")}
          value={data.segment ?? ""}
          anyLabel={t("accounts.list.allSegments")}
          options={SEGMENTS.map((s) => ({ value: s, label: accountLabel(t, "segment", s) }))}
        />
        <FilterCheckbox name="review" checked={data.review}>
          {t("accounts.list.flaggedOnly")}
        </FilterCheckbox>
        <button type="submit" className={filterButtonClass}>
          {t("accounts.list.submit")}
        </button>
      </Form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {data.pages > 1
          ? t("accounts.list.countPaged", {
              count: data.total,
              total: number(data.total),
              page: number(data.page),
              pages: number(data.pages),
            })
          : t("accounts.list.count", { count: data.total, total: number(data.total) })}
      </p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <TableHead
            columns={[
              t("accounts.list.col.account"),
              t("accounts.list.col.segment"),
              { label: t("accounts.list.col.arr"), numeric: true },
              t("accounts.list.col.renewal"),
              t("accounts.list.col.payment"),
              t("accounts.list.col.conduct"),
              t("accounts.list.col.owner"),
            ]}
          />
          <tbody>
            {data.rows.map((a) => (
              <tr key={a.id} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  <Link to={`/accounts/${a.id}`} className="font-medium text-brand-700 underline">
                    {a.name}
                  </Link>
                  <div className="text-xs text-slate-600">
                    {a.crmId} ·{" "}
                    {t("accounts.list.contacts", { count: a.contacts, total: number(a.contacts) })}
                    {a.needsReview ? (
                      <span className="ml-1 font-semibold text-red-800">
                        {t("accounts.list.review")}
                      </span>
                    ) : null}
                    {a.needsConfirmation ? (
                      <span className="ml-1 font-semibold text-amber-800">
                        {t("accounts.list.toConfirm")}
                      </span>
                    ) : null}
                  </div>
                </th>
                <td className="py-2 pr-4">{accountLabel(t, "segment", a.segment)}</td>
                <td className="py-2 pr-4 text-right">{money(a.arrMinor, a.currency)}</td>
                <td className="py-2 pr-4">{a.renewalDate ? date(a.renewalDate) : "–"}</td>
                <td className="py-2 pr-4">
                  {a.daysOverdue > 0
                    ? t("accounts.list.daysLate", {
                        status: accountLabel(t, "payment", a.paymentStatus),
                        count: a.daysOverdue,
                      })
                    : accountLabel(t, "payment", a.paymentStatus)}
                </td>
                <td className="py-2 pr-4">{accountLabel(t, "conduct", a.conductStatus)}</td>
                <td className="py-2 pr-4">{a.ownerName ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.pages > 1 ? (
        <nav aria-label={t("accounts.list.pages")} className="flex gap-4">
          {data.page > 1 ? (
            <Link to={pageHref(data.page - 1)}>{t("accounts.list.previous")}</Link>
          ) : null}
          {data.page < data.pages ? (
            <Link to={pageHref(data.page + 1)}>{t("accounts.list.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
