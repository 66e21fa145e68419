import type { LoaderFunctionArgs } from "@remix-run/node";
import { isCasePick, PICK_QUERY_MAX } from "~/domain/case-rules";
import { searchCasePeople } from "~/models/case-picker.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIncidentAccess } from "~/utils/incident-access.server";

// A picker's matches do not change because a form on the case page was sent.
export const shouldRevalidate = () => false;

/**
 * The case page's people pickers, as JSON (decision 125): at most 20 people whose name contains
 * ?q=, who may be chosen ?for= handler, owner or approver on case ?reference=. Only someone who
 * may handle that case asks (404 otherwise, as for the case page itself).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.get("reference") ?? undefined, [
    "handler",
  ]);
  const pick = params.get("for");
  const q = params.get("q") ?? "";
  if (!isCasePick(pick) || q.length > PICK_QUERY_MAX) {
    return Response.json({ people: [], error: "Please search by a name." }, { status: 400 });
  }
  return Response.json({ people: await searchCasePeople(db, id, { pick, q, viewerId: user.id }) });
}
