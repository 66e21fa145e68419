import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { PageCount, Pager } from "~/components/pager";
import { inputClass, secondaryButtonClass } from "~/components/ui/field";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  INCIDENT_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from "~/domain/vocabulary";
import {
  countCases,
  CSV_MAX_ROWS,
  filterChoices,
  filtersFromUrl,
  searchCases,
  toListItems,
} from "~/models/case-history.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

const PAGE_SIZE = 100;

export const meta: MetaFunction = () => [{ title: "Case histories · Incident portal" }];

// HR: every case (except those naming the viewer), with filters; links to the histories per
// employee and per account, and the list as CSV.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  const url = new URL(request.url);
  const filters = filtersFromUrl(url);
  const total = await countCases(db, user, filters);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(
    pages,
    Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "", 10) || 1),
  );
  const [rows, [teams, accounts]] = await Promise.all([
    searchCases(db, user, filters, { take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE }),
    filterChoices(db),
  ]);
  const csv = new URLSearchParams(url.searchParams);
  csv.delete("page");
  return {
    query: Object.fromEntries(url.searchParams),
    csvHref: `/hr/cases/csv${csv.size ? `?${csv}` : ""}`,
    teams,
    accounts,
    total,
    csvMax: CSV_MAX_ROWS,
    page,
    pages,
    first: total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
    rows: toListItems(rows),
  };
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="block">
      <span className="block text-sm font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function HrCases() {
  const { rows, query, teams, accounts, csvHref, total, csvMax, page, pages, first } =
    useLoaderData<typeof loader>();
  const pageHref = (n: number) => {
    const params = new URLSearchParams(query);
    params.set("page", String(n));
    return `?${params}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Case histories</h1>
      <Form method="get" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4">
        <label className="block sm:col-span-4">
          <span className="block text-sm font-medium">Search</span>
          <span id="q-hint" className="block text-sm text-slate-600">
            A reference, an account, an employee&apos;s name or words from the report.
          </span>
          <input
            type="search"
            name="q"
            defaultValue={query.q}
            aria-describedby="q-hint"
            maxLength={200}
            className={inputClass}
          />
        </label>
        <label className="block">
          <span className="block text-sm font-medium">From</span>
          <input type="date" name="from" defaultValue={query.from} className={inputClass} />
        </label>
        <label className="block">
          <span className="block text-sm font-medium">To</span>
          <input type="date" name="to" defaultValue={query.to} className={inputClass} />
        </label>
        <Select
          name="severity"
          label="Severity"
          value={query.severity}
          options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
        />
        <Select
          name="category"
          label="Category"
          value={query.category}
          options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
        />
        <Select
          name="status"
          label="Status"
          value={query.status}
          options={INCIDENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <Select
          name="team"
          label="Team"
          value={query.team}
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Select
          name="account"
          label="Account"
          value={query.account}
          options={accounts.map((a) => ({ value: a.id, label: a.name }))}
        />
        <div className="flex items-end">
          <button type="submit" className={secondaryButtonClass}>
            Filter
          </button>
        </div>
      </Form>
      <PageCount
        first={first}
        shown={rows.length}
        total={total}
        noun={["case", "cases"]}
        empty="No cases match."
      />
      <p>
        {total > 0 ? (
          <>
            {/* A POST: the download records an export on each case's timeline. */}
            <Form method="post" action={csvHref} reloadDocument className="inline">
              <button type="submit" className="text-brand-700 underline">
                {total > csvMax
                  ? `Download the newest ${csvMax.toLocaleString("en-GB")} as CSV (narrow the search for the rest)`
                  : `Download all ${total} as CSV`}
              </button>
            </Form>{" "}
            ·{" "}
          </>
        ) : null}
        <Link to="/hr/verify" className="text-brand-700 underline">
          Verify timelines
        </Link>{" "}
        ·{" "}
        <Link to="/admin/audit" className="text-brand-700 underline">
          Settings history
        </Link>
      </p>
      <CaseList items={rows} caption="Cases" empty="No cases match." />
      <Pager page={page} pages={pages} hrefFor={pageHref} noun="cases" />
    </div>
  );
}
