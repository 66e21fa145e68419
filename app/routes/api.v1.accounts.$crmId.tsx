import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { accountSchema } from "~/domain/api";
import { getAccountJson, upsertAccounts } from "~/models/api-sync.server";
import {
  invalid,
  json,
  methodNotAllowed,
  parseOrThrow,
  problem,
  readJson,
  requireApiToken,
} from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

// GET (accounts:read) and PUT (accounts:write) /api/v1/accounts/{crmId}.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiToken(request, "accounts:read");
  const account = await getAccountJson(await getDb(), params.crmId ?? "");
  if (!account) return problem({ status: 404, title: "No account has this CRM id" });
  return json(account);
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await requireApiToken(request, "accounts:write");
  const crmId = params.crmId ?? "";
  const body = await readJson(request);
  // The CRM id may be left out of the body; one that differs from the path is refused.
  const withId =
    body && typeof body === "object" && !Array.isArray(body) && !("crm_id" in body)
      ? { ...body, crm_id: crmId }
      : body;
  const row = parseOrThrow(accountSchema, withId);
  if (row.crm_id !== crmId) {
    return invalid([{ pointer: "/crm_id", detail: "Differs from the CRM id in the address" }]);
  }
  const result = await upsertAccounts(await getDb(), caller, [row], true);
  if (!result.ok) return invalid(result.errors);
  return json({ created: result.created, updated: result.updated });
}
