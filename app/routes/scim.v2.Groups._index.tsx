import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseGroupFilter, scimGroupSchema } from "~/domain/scim";
import { createScimGroup, getScimGroup, listScimGroups } from "~/models/scim.server";
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

// GET and POST /scim/v2/Groups: a Group is a team, its members the people in it.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireScimToken(request);
  const url = new URL(request.url);
  const filter = parseGroupFilter(url.searchParams.get("filter"));
  if (!filter.ok) {
    return scimError(400, 'Only the filter displayName eq "…" is supported', "invalidFilter");
  }
  const paging = scimPaging(url);
  const db = await getDb();
  const { total, ids } = await listScimGroups(db, { displayName: filter.displayName, ...paging });
  const base = scimBase();
  const groups = await Promise.all(ids.map((id) => getScimGroup(db, id, base)));
  return scimList(total, paging, groups.length, groups.filter(Boolean));
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return scimError(405, "Use GET or POST");
  await requireScimToken(request);
  const input = await readScimBody(request, scimGroupSchema);
  const db = await getDb();
  const result = await createScimGroup(
    db,
    input.displayName,
    (input.members ?? []).map((m) => m.value),
  );
  if (!result.ok) return scimError(result.status, result.detail, result.scimType);
  const group = await getScimGroup(db, result.id, scimBase());
  return scimJson(group, 201, { Location: group!.meta.location });
}
