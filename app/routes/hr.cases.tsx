import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { FieldError, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { parseSearch, SEARCH_MAX_CHARS } from "~/domain/search-query";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  INCIDENT_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from "~/domain/vocabulary";
import {
  CSV_MAX_ROWS,
  teamChoices,
  filtersFromUrl,
  toListItems,
} from "~/models/case-history.server";
import { cursorFromParam, cursorToParam, searchCases } from "~/models/incident-search.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Case histories · Incident portal" }];

// HR: every case (except those naming the viewer or filed by them), searched and filtered in
// SQL, newest first, a page at a time with a link to the next (keyed, so page 1,000 costs what
// page 1 does); links to the histories per employee and per account, and the list as CSV.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  const url = new URL(request.url);
  const filters = filtersFromUrl(url);
  const search = parseSearch(url.searchParams.get("q"));
  const after = cursorFromParam(url.searchParams.get("after"));
  const [result, teams, account] = await Promise.all([
    search.ok
      ? searchCases(db, user, { terms: search.terms, filters, after })
      : { rows: [], next: null },
    teamChoices(db),
    filters.accountId
      ? db.customerAccount.findUnique({
          where: { id: filters.accountId },
          select: { id: true, name: true },
        })
      : null,
  ]);
  const anyAccount = new URLSearchParams(url.searchParams);
  anyAccount.delete("account");
  anyAccount.delete("after");
  const query = Object.fromEntries(url.searchParams);
  // The CSV and "back to the newest" take the search without the page's cursor.
  const top = new URLSearchParams(url.searchParams);
  top.delete("after");
  const more = new URLSearchParams(url.searchParams);
  if (result.next) more.set("after", cursorToParam(result.next));
  return data(
    {
      query,
      searchError: search.ok ? null : search.message,
      csvHref: `/hr/cases/csv${top.size ? `?${top}` : ""}`,
      teams,
      account,
      anyAccountHref: `?${anyAccount}`,
      csvMax: CSV_MAX_ROWS,
      continued: after !== null,
      firstHref: `?${top}`,
      moreHref: result.next ? `?${more}` : null,
      rows: toListItems(result.rows),
    },
    // A search the index cannot take is the user's to fix: 400, the form keeps what they typed.
    { status: search.ok ? 200 : 400 },
  );
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
  const {
    rows,
    query,
    searchError,
    teams,
    account,
    anyAccountHref,
    csvHref,
    csvMax,
    continued,
    firstHref,
    moreHref,
  } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Case histories</h1>
      <Form method="get" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4">
        <div className="sm:col-span-4">
          <label htmlFor="q" className="block text-sm font-medium">
            Search
          </label>
          <span id="q-hint" className="block text-sm text-slate-600">
            A reference, an account, a name, or words from the report or its messages. Every word
            must appear; put &quot;a phrase&quot; in quotes.
          </span>
          <input
            id="q"
            type="search"
            name="q"
            defaultValue={query.q}
            aria-describedby={searchError ? "q-hint q-error" : "q-hint"}
            aria-invalid={searchError ? true : undefined}
            maxLength={SEARCH_MAX_CHARS}
            className={inputClass}
          />
          <FieldError id="q-error" errors={searchError ? [searchError] : undefined} />
        </div>
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
        {account ? (
          // Accounts are too many to list (tens of thousands): the account pages link here with
          // one chosen, and the search box finds cases by account name.
          <p className="self-end text-sm">
            <input type="hidden" name="account" value={account.id} />
            Account: <strong>{account.name}</strong>{" "}
            <Link to={anyAccountHref} className="text-brand-700 underline">
              Any account
            </Link>
          </p>
        ) : null}
        <div className="flex items-end">
          <button type="submit" className={secondaryButtonClass}>
            Filter
          </button>
        </div>
      </Form>
      <p role="status">
        {searchError
          ? "Change the search to see cases."
          : rows.length === 0
            ? "No cases match."
            : `Showing ${rows.length} ${rows.length === 1 ? "case" : "cases"}${continued ? " (continued)" : ""}, newest first.`}
      </p>
      <p>
        {rows.length > 0 ? (
          <>
            {/* A POST: the download records an export on each case's timeline. */}
            <Form method="post" action={csvHref} reloadDocument className="inline">
              <button type="submit" className="text-brand-700 underline">
                {moreHref || continued
                  ? `Download the newest matching (up to ${csvMax.toLocaleString("en-GB")}) as CSV`
                  : `Download these ${rows.length} as CSV`}
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
      {moreHref || continued ? (
        <nav aria-label="More cases" className="flex flex-wrap gap-4">
          {continued ? (
            <Link to={firstHref} className="text-brand-700 underline">
              Back to the newest
            </Link>
          ) : null}
          {moreHref ? (
            <Link to={moreHref} className="text-brand-700 underline">
              Older cases
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
