import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { accountListQuery } from "~/domain/api";
import { listAccountsPage } from "~/models/api-sync.server";
import { json, methodNotAllowed, parseOrThrow, requireApiToken } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

// GET /api/v1/accounts?cursor=&limit= — accounts a page at a time (scope accounts:read).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiToken(request, "accounts:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseOrThrow(accountListQuery, params);
  return json(await listAccountsPage(await getDb(), query.cursor, query.limit));
}

export function action(_: ActionFunctionArgs) {
  return methodNotAllowed("GET");
}
