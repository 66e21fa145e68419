import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvidenceForDownload } from "~/models/evidence.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { openEvidence } from "~/utils/evidence-storage.server";
import { requireIncidentAccess } from "~/utils/incident-access.server";

// An evidence file, as a download, for the reporter and those handling the case; 404 for
// everyone else (the same answer as for a file that does not exist).

function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const evidence = params.id ? await getEvidenceForDownload(db, params.id) : null;
  if (!evidence) throw notFound();
  await requireIncidentAccess(db, user, evidence.incident.reference, ["reporter", "handler"]);
  const body = await openEvidence(evidence.storedName);
  if (!body) throw notFound();
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": evidence.mimeType,
      "Content-Length": String(evidence.sizeBytes),
      "Content-Disposition": contentDisposition(evidence.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
