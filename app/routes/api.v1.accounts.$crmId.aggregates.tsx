import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { accountAggregates } from "~/models/api-sync.server";
import { json, methodNotAllowed, problem, requireApiToken } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

// GET /api/v1/accounts/{crmId}/aggregates — incident counts only (scope aggregates:read).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiToken(request, "aggregates:read");
  const figures = await accountAggregates(await getDb(), params.crmId ?? "");
  if (!figures) return problem({ status: 404, title: "No account has this CRM id" });
  return json(figures);
}

export function action(_: ActionFunctionArgs) {
  return methodNotAllowed("GET");
}
