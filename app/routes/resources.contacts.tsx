import type { LoaderFunctionArgs } from "@remix-run/node";
import { listContactChoices } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { notAfterKeptReport } from "~/domain/offline";

// The report form's pickers load this; they are not asked again after a report was kept on the
// phone for lack of a signal (decision 080).
export const shouldRevalidate = notAfterKeptReport;

// The contacts of one customer account, as JSON for the report form's contact choice.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const accountId = url.searchParams.get("accountId") ?? "";
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  if (!accountId || accountId.length > 64) return Response.json({ contacts: [] });
  return Response.json({ contacts: await listContactChoices(await getDb(), accountId, q) });
}
