import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseListCsv } from "~/models/case-export.server";
import {
  CSV_MAX_ROWS,
  filtersFromUrl,
  recordListExport,
  searchCases,
} from "~/models/case-history.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

// The filtered case list as CSV (csv-stringify, formula injection neutralised). Each case in it
// gets an EXPORTED event: the export is on every timeline it took data from.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["HR"]);
  const db = await getDb();
  const rows = await searchCases(db, user, filtersFromUrl(new URL(request.url)), {
    take: CSV_MAX_ROWS,
    skip: 0,
  });
  await recordListExport(db, { incidentIds: rows.map((r) => r.id), actorId: user.id });
  const csv = caseListCsv(rows);
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cases.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
