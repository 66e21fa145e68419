import type { LoaderFunctionArgs } from "@remix-run/node";
import { listColleagueChoices } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

// Active colleagues whose name contains ?q= (not the person asking), as JSON.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  return Response.json({ colleagues: await listColleagueChoices(await getDb(), user.id, q) });
}
