import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchAccountChoices } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

// Customer accounts whose name contains ?q=, as JSON (type-ahead on the report form).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  return Response.json({ accounts: await searchAccountChoices(await getDb(), q) });
}
