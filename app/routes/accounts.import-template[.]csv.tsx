import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { IMPORT_COLUMNS, TEMPLATE_EXAMPLE } from "~/domain/account-import";
import { requirePermission } from "~/utils/auth.server";

// The CRM import's template: the documented columns (docs/crm-import.md) and one example row.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "accounts:manage");
  const csv = stringify([[...IMPORT_COLUMNS], IMPORT_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c])]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="crm-accounts-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}
