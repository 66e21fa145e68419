import type { ActionFunctionArgs } from "@remix-run/node";
import { parseSearch } from "~/domain/search-query";
import { pageLanguage } from "~/i18n/i18n.server";
import { serverT } from "~/i18n/resources.server";
import { filtersFromUrl } from "~/models/case-history.server";
import { caseListCsvStream } from "~/models/incident-search.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { exportByPostOnly } from "~/utils/exports.server";

// The filtered case list as CSV (csv-stringify, formula injection neutralised), streamed. Each
// case in it gets an EXPORTED event, so the export is on every timeline it took data from.
// Writing those events is a side effect, so the download is a POST from the case list's
// button (the Origin check applies); a GET (a link from anywhere) changes nothing.

export const loader = exportByPostOnly;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  // The filters travel in the form's action URL, as on the list page.
  const url = new URL(request.url);
  const search = parseSearch(url.searchParams.get("q"));
  if (!search.ok) return new Response(search.message, { status: 400 });
  // Headings and labels in the downloader's language; the code columns stay as they are.
  const t = serverT(await pageLanguage(request, user.language));
  const stream = caseListCsvStream(
    db,
    user,
    { terms: search.terms, filters: filtersFromUrl(url) },
    t,
  );
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cases.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
