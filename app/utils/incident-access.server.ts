import { incidentAccess, type IncidentAccess } from "~/domain/permissions";
import { REFERENCE_PATTERN } from "~/domain/reference";
import { getIncidentFacts } from "~/models/incident.server";
import { notFound, type SessionUser } from "./auth.server";
import type { Db } from "./db.server";

/**
 * Loads the incident a URL names and the viewer's access to it, or throws 404 — the same
 * answer for "does not exist" and "not yours", so nobody can probe for reports.
 */
export async function requireIncidentAccess(
  db: Db,
  user: SessionUser,
  reference: string | undefined,
  allowed: Exclude<IncidentAccess, null>[],
): Promise<{ id: string; access: Exclude<IncidentAccess, null> }> {
  if (!reference || !REFERENCE_PATTERN.test(reference)) throw notFound();
  const facts = await getIncidentFacts(db, reference);
  const access = facts ? incidentAccess(user, facts) : null;
  if (!facts || !access || !allowed.includes(access)) throw notFound();
  return { id: facts.id, access };
}
