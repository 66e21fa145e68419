import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseUserFilter, scimUserSchema } from "~/domain/scim";
import { createScimUser, getScimUser, listScimUsers, scimUserJson } from "~/models/scim.server";
import { getDb } from "~/utils/db.server";
import {
  readScimBody,
  requireScimToken,
  scimBase,
  scimError,
  scimJson,
  scimList,
  scimPaging,
} from "~/utils/scim.server";

// GET /scim/v2/Users?filter=userName eq "…" and POST /scim/v2/Users (token scope scim).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireScimToken(request);
  const url = new URL(request.url);
  const filter = parseUserFilter(url.searchParams.get("filter"));
  if (!filter.ok)
    return scimError(400, 'Only the filter userName eq "…" is supported', "invalidFilter");
  const paging = scimPaging(url);
  const { total, rows } = await listScimUsers(await getDb(), {
    userName: filter.userName,
    ...paging,
  });
  const base = scimBase();
  return scimList(
    total,
    paging,
    rows.length,
    rows.map((u) => scimUserJson(u, base)),
  );
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return scimError(405, "Use GET or POST");
  await requireScimToken(request);
  const input = await readScimBody(request, scimUserSchema);
  const db = await getDb();
  const result = await createScimUser(db, input);
  if (!result.ok) return scimError(result.status, result.detail, result.scimType);
  const user = await getScimUser(db, result.id);
  const json = scimUserJson(user!, scimBase());
  return scimJson(json, 201, { Location: json.meta.location });
}
