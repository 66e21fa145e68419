import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchAccountChoices } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { notAfterKeptReport } from "~/domain/offline";

// The report form's pickers load this; they are not asked again after a report was kept on the
// phone for lack of a signal (decision 080).
export const shouldRevalidate = notAfterKeptReport;

// Customer accounts whose name contains ?q=, as JSON (type-ahead on the report form).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  return Response.json({ accounts: await searchAccountChoices(await getDb(), q) });
}
