import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { groupPatchChanges, scimGroupSchema, scimPatchSchema } from "~/domain/scim";
import { deleteScimGroup, getScimGroup, updateScimGroup } from "~/models/scim.server";
import { getDb } from "~/utils/db.server";
import { readScimBody, requireScimToken, scimBase, scimError, scimJson } from "~/utils/scim.server";

// GET, PUT, PATCH and DELETE /scim/v2/Groups/{id}. DELETE empties the team and keeps it
// (cases and the settings history refer to it).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireScimToken(request);
  const group = await getScimGroup(await getDb(), params.id ?? "", scimBase());
  if (!group) return scimError(404, "No such group");
  return scimJson(group);
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireScimToken(request);
  const db = await getDb();
  const id = params.id ?? "";
  if (request.method === "DELETE") {
    return (await deleteScimGroup(db, id))
      ? new Response(null, { status: 204 })
      : scimError(404, "No such group");
  }
  let change;
  if (request.method === "PUT") {
    const input = await readScimBody(request, scimGroupSchema);
    change = {
      name: input.displayName,
      add: [],
      remove: [],
      replaceAll: (input.members ?? []).map((m) => m.value),
    };
  } else if (request.method === "PATCH") {
    const parsed = groupPatchChanges(await readScimBody(request, scimPatchSchema));
    if (!parsed.ok) return scimError(400, parsed.detail, "invalidPath");
    change = parsed;
  } else {
    return scimError(405, "Use GET, PUT, PATCH or DELETE");
  }
  const result = await updateScimGroup(db, id, change);
  if (!result.ok) return scimError(result.status, result.detail, result.scimType);
  if (request.method === "PATCH" && request.headers.get("Prefer") !== "return=representation") {
    return new Response(null, { status: 204 });
  }
  return scimJson(await getScimGroup(db, id, scimBase()));
}
