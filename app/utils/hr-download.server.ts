import type { SubmissionResult } from "@conform-to/react";
import { redirect } from "@remix-run/node";
import { pageLanguage } from "~/i18n/i18n.server";
import { serverT } from "~/i18n/resources.server";
import { requirePermission } from "~/utils/auth.server";

// The HR downloads (investigator bundle, personal data) are resource routes: a page route's
// action cannot answer a browser's form post with a file (Remix reads it as the page's data).
// The rules stay in the page's action. A refusal goes back to the page in the address, with
// what was typed; the page shows it next to the field, in the reader's language, when it is
// one of the page's own messages (a crafted link cannot put its own words on the page).

/** A file to save, never kept by a cache. */
export function attachment(body: BodyInit, contentType: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** The answer to someone who opened a download's address directly: 405, in their language. */
export async function downloadByPostOnly(
  request: Request,
  key: "hr.downloads.bundles" | "hr.downloads.dataRights",
): Promise<Response> {
  const user = await requirePermission(request, "cases:review");
  const t = serverT(await pageLanguage(request, user.language));
  return new Response(t(key), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Back to the page with the refusal's message and the field's typed value in the address. */
export function refusedDownload(
  page: string,
  field: string,
  maxLength: number,
  result: SubmissionResult<string[]> | undefined,
  fallback = "",
): Response {
  const typed = result?.initialValue?.[field];
  const value = typeof typed === "string" ? typed : "";
  const problem = result?.error?.[field]?.[0] ?? fallback;
  const back = new URLSearchParams({ problem, [field]: value.slice(0, maxLength) });
  return redirect(`${page}?${back}`, 303);
}

/** The refusal a download sent back, as a form result for the page: null unless it is known. */
export function refusalInAddress(
  request: Request,
  field: string,
  maxLength: number,
  known: ReadonlySet<string>,
): SubmissionResult<string[]> | null {
  const params = new URL(request.url).searchParams;
  const problem = params.get("problem");
  if (!problem || !known.has(problem)) return null;
  const value = (params.get(field) ?? "").slice(0, maxLength);
  return { status: "error", initialValue: { [field]: value }, error: { [field]: [problem] } };
}
