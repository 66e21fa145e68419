import type { ActionFunctionArgs } from "@remix-run/node";
import { contactBatchSchema } from "~/domain/api";
import { upsertContacts } from "~/models/api-sync.server";
import { methodNotAllowed, readJsonBody, requireApiToken, writeAnswer } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

// POST /api/v1/contacts/batch — up to 1,000 contacts, all or nothing (scope contacts:write).
export function loader() {
  return methodNotAllowed("POST");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await requireApiToken(request, "contacts:write");
  const body = await readJsonBody(request, contactBatchSchema);
  return writeAnswer(await upsertContacts(await getDb(), caller, body.contacts));
}
