import type { ActionFunctionArgs } from "@remix-run/node";
import { contactSchema } from "~/domain/api";
import { upsertContacts } from "~/models/api-sync.server";
import { methodNotAllowed, readRowFor, requireApiToken, writeAnswer } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

// PUT /api/v1/contacts/{crmId} (scope contacts:write).
export function loader() {
  return methodNotAllowed("PUT");
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed("PUT");
  const caller = await requireApiToken(request, "contacts:write");
  const row = await readRowFor(request, contactSchema, params.crmId ?? "");
  if (row instanceof Response) return row;
  return writeAnswer(await upsertContacts(await getDb(), caller, [row], true));
}
