import type { ActionFunctionArgs } from "@remix-run/node";
import { accountBatchSchema } from "~/domain/api";
import { upsertAccounts } from "~/models/api-sync.server";
import { methodNotAllowed, readJsonBody, requireApiToken, writeAnswer } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

// POST /api/v1/accounts/batch — up to 1,000 accounts, all or nothing (scope accounts:write).
export function loader() {
  return methodNotAllowed("POST");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await requireApiToken(request, "accounts:write");
  const body = await readJsonBody(request, accountBatchSchema);
  return writeAnswer(await upsertAccounts(await getDb(), caller, body.accounts));
}
