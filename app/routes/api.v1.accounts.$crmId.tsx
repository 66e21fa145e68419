import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { accountSchema } from "~/domain/api";
import { getAccountJson, upsertAccounts } from "~/models/api-sync.server";
import {
  json,
  methodNotAllowed,
  problem,
  readRowFor,
  requireApiToken,
  writeAnswer,
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
  const row = await readRowFor(request, accountSchema, params.crmId ?? "");
  if (row instanceof Response) return row;
  return writeAnswer(await upsertAccounts(await getDb(), caller, [row], true));
}
