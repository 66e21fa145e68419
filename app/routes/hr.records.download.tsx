import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseDateRange, parseYear } from "~/domain/regulator-records";
import { pageLanguage } from "~/i18n/i18n.server";
import { buildEvidencePack } from "~/models/evidence-pack.server";
import { exportOsha, exportSb553Log, type OshaKind } from "~/models/regulator-records.server";
import { serverT } from "~/i18n/resources.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { typedValues } from "~/utils/form-values";

// The downloads of /hr/records, as a resource route: a page route's action cannot answer a
// browser's form post with a file. Only POST (recorded in the settings history); a GET is 405
// and records nothing. Refused input goes back to /hr/records with what was typed, where the
// page shows the message next to the field and answers 400 (404 for an unknown account).

export type Errors = Partial<Record<"from" | "to" | "account" | "year", string[]>>;
const INTENTS = ["sb553", "osha", "pack"] as const;
const KEPT = ["intent", "from", "to", "account"] as const;

function check(values: Record<string, string>) {
  const intent = INTENTS.find((i) => i === values.intent);
  if (!intent) return { errors: { from: ["Choose a record to download."] } as Errors };
  if (intent === "osha") return { intent, errors: null };
  const range = parseDateRange(values);
  const accountMissing = intent === "pack" && !(values.account ?? "").trim();
  if (range.ok && !accountMissing) return { intent, range: range.value, errors: null };
  return {
    intent,
    errors: {
      ...(range.ok ? {} : range.errors),
      ...(accountMissing ? { account: ["Enter the account's CRM id or name."] } : {}),
    } as Errors,
  };
}

/** What /hr/records shows after a refused download, from the query it was sent back with. */
export function refusedDownload(params: URLSearchParams) {
  const problem = params.get("problem");
  if (!problem) return null;
  const values: Record<string, string> = {};
  for (const k of KEPT) values[k] = (params.get(k) ?? "").slice(0, 200);
  const intent = INTENTS.find((i) => i === values.intent) ?? "sb553";
  if (problem === "account")
    return {
      intent,
      values,
      status: 404,
      errors: { account: ["There is no account with this CRM id or name."] } as Errors,
    };
  const checked = check(values);
  return { intent, values, status: 400, errors: checked.errors ?? {} };
}

function sendBack(values: Record<string, string>, problem: string) {
  const q = new URLSearchParams({ problem });
  for (const k of KEPT) if (values[k]) q.set(k, values[k].slice(0, 200));
  return redirect(`/hr/records?${q}`, 303);
}

function download(body: Uint8Array | string, fileName: string, contentType: string) {
  const bytes = typeof body === "string" ? body : (Buffer.from(body) as unknown as BodyInit);
  return new Response(bytes, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  // Someone who opened the address directly: said in their language.
  const t = serverT(await pageLanguage(request, user.language));
  return new Response(t("hr.downloads.records"), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const values = typedValues(await request.formData());
  const checked = check(values);
  if (checked.errors) return sendBack(values, "input");
  const db = await getDb();
  if (checked.intent === "osha") {
    const kind = (["300", "301", "PRIVACY"] as const).find((k) => k === values.kind) ?? "300";
    const year = parseYear(values.year, new Date());
    const out = await exportOsha(db, { viewer: user, year, kind: kind as OshaKind });
    return download(out.body, out.fileName, out.contentType);
  }
  if (checked.intent === "sb553") {
    const format = values.format === "PDF" ? "PDF" : "CSV";
    const out = await exportSb553Log(db, { viewer: user, range: checked.range!, format });
    return download(
      out.body,
      out.fileName,
      format === "PDF" ? "application/pdf" : "text/csv; charset=utf-8",
    );
  }
  const pack = await buildEvidencePack(db, {
    viewer: user,
    account: values.account ?? "",
    range: checked.range!,
    language: await pageLanguage(request, user.language),
  });
  if (!pack.ok) return sendBack(values, "account");
  return download(pack.pdf, pack.fileName, "application/pdf");
}
