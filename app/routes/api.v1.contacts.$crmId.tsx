import type { ActionFunctionArgs } from "@remix-run/node";
import { contactSchema } from "~/domain/api";
import { upsertContacts } from "~/models/api-sync.server";
import {
  invalid,
  json,
  methodNotAllowed,
  parseOrThrow,
  readJson,
  requireApiToken,
} from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

// PUT /api/v1/contacts/{crmId} (scope contacts:write).
export function loader() {
  return methodNotAllowed("PUT");
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed("PUT");
  const caller = await requireApiToken(request, "contacts:write");
  const crmId = params.crmId ?? "";
  const body = await readJson(request);
  const withId =
    body && typeof body === "object" && !Array.isArray(body) && !("crm_id" in body)
      ? { ...body, crm_id: crmId }
      : body;
  const row = parseOrThrow(contactSchema, withId);
  if (row.crm_id !== crmId) {
    return invalid([{ pointer: "/crm_id", detail: "Differs from the CRM id in the address" }]);
  }
  const result = await upsertContacts(await getDb(), caller, [row], true);
  if (!result.ok) return invalid(result.errors);
  return json({ created: result.created, updated: result.updated });
}
