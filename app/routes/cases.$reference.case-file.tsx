import { can } from "~/domain/permissions";
import type { ActionFunctionArgs } from "@remix-run/node";
import { pageLanguage } from "~/i18n/i18n.server";
import { getCaseFile, recordExport } from "~/models/case-file.server";
import { renderCaseFilePdf } from "~/models/case-file-pdf.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { exportByPostOnly } from "~/utils/exports.server";
import { requireIncidentAccess } from "~/utils/incident-access.server";

// The case file as PDF, for HR (who answer to counsel and regulators). Managers handling a
// case see everything on the case page but do not take files out: exports are HR's. The
// download is an EXPORTED event on the case's timeline, so it is a POST from the case page's
// button; a GET changes nothing.

export const loader = exportByPostOnly;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const { id } = await requireIncidentAccess(db, user, params.reference, ["handler"]);
  if (!can(user.role, "cases:review")) throw notFound();
  const file = await getCaseFile(db, id);
  const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
  // Headings in the downloader's language (English for Japanese: the font, decision 104).
  const language = await pageLanguage(request, user.language);
  const bytes = await renderCaseFilePdf(file, me.name, new Date(), language);
  await recordExport(db, { incidentId: id, actorId: user.id, format: "PDF", what: "case file" });
  return new Response(Buffer.from(bytes) as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.incident.reference}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
