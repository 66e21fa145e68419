import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { applyUserPatch, personFromScim, scimPatchSchema, scimUserSchema } from "~/domain/scim";
import {
  getScimUser,
  scimInputOf,
  scimUserJson,
  updateScimUser,
  type ScimWrite,
} from "~/models/scim.server";
import { endSessionsOf } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readScimBody, requireScimToken, scimBase, scimError, scimJson } from "~/utils/scim.server";

// GET, PUT, PATCH and DELETE /scim/v2/Users/{id}. DELETE deactivates: people are never
// removed, their cases' history names them. A deactivation ends the person's sessions, as on
// the admin page (savePerson has already handed their open cases on).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireScimToken(request);
  const user = await getScimUser(await getDb(), params.id ?? "");
  if (!user) return scimError(404, "No such user");
  return scimJson(scimUserJson(user, scimBase()));
}

async function answer(result: ScimWrite, status = 200): Promise<Response> {
  if (!result.ok) return scimError(result.status, result.detail, result.scimType);
  if (result.deactivated) await endSessionsOf(result.id);
  if (status === 204) return new Response(null, { status: 204 });
  const user = await getScimUser(await getDb(), result.id);
  return scimJson(scimUserJson(user!, scimBase()), status);
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireScimToken(request);
  const db = await getDb();
  const user = await getScimUser(db, params.id ?? "");
  if (!user) return scimError(404, "No such user");
  switch (request.method) {
    case "PUT": {
      const input = await readScimBody(request, scimUserSchema);
      return answer(await updateScimUser(db, user.id, personFromScim(input, user.name)));
    }
    case "PATCH": {
      const patch = await readScimBody(request, scimPatchSchema);
      const next = applyUserPatch(scimInputOf(user), patch);
      if (!next.ok) return scimError(400, next.detail, "invalidPath");
      return answer(await updateScimUser(db, user.id, personFromScim(next.value, user.name)));
    }
    case "DELETE":
      return answer(
        await updateScimUser(db, user.id, { ...personFromScim(scimInputOf(user)), active: false }),
        204,
      );
    default:
      return scimError(405, "Use GET, PUT, PATCH or DELETE");
  }
}
