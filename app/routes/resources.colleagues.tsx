import type { LoaderFunctionArgs } from "@remix-run/node";
import { getColleaguesByIds, listColleagueChoices } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { notAfterKeptReport } from "~/domain/offline";

// The report form's pickers load this; they are not asked again after a report was kept on the
// phone for lack of a signal (decision 080).
export const shouldRevalidate = notAfterKeptReport;

// The people picker's type-ahead, as JSON: active colleagues (not the person asking) whose name
// or team contains ?q=, or, with ?ids=, the names of colleagues already chosen.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const db = await getDb();
  const ids = params
    .getAll("ids")
    .map((id) => id.slice(0, 64))
    .filter(Boolean);
  if (ids.length) return Response.json({ colleagues: await getColleaguesByIds(db, user.id, ids) });
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  return Response.json({ colleagues: q ? await listColleagueChoices(db, user.id, q) : [] });
}
