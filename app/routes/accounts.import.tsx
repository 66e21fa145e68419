import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { IMPORT_COLUMNS } from "~/domain/account-import";
import { accountMessage } from "~/i18n/account-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { MAX_IMPORT_BYTES, previewImport, runImport } from "~/models/account-import.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.import.title");
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

const PREVIEW_ROWS = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "accounts:manage");
  return { columns: [...IMPORT_COLUMNS], maxMb: MAX_IMPORT_BYTES / 1024 / 1024 };
}

type PreviewRow = { line: number; crmId: string; name: string; errors: string[]; exists: boolean };
type ActionResult =
  | { step: "error"; message: string }
  | {
      step: "preview";
      csv: string;
      fileErrors: string[];
      total: number;
      valid: number;
      creates: number;
      updates: number;
      badRows: PreviewRow[];
      sample: PreviewRow[];
    }
  | { step: "done"; created: number; updated: number; rejected: number; fileErrors: string[] };

const tooBig = () =>
  data<ActionResult>(
    {
      step: "error",
      message: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import them one after another.`,
    },
    { status: 413 },
  );

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "accounts:manage");
  // Refuse big uploads before reading them. The form's overhead is small next to the cap.
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_IMPORT_BYTES * 2 + 64 * 1024) return tooBig();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return data<ActionResult>(
      { step: "error", message: "The upload could not be read. Please choose the file again." },
      { status: 400 },
    );
  }
  const intent = form.get("intent");
  let text: string;
  if (intent === "confirm") {
    const csv = form.get("csv");
    if (typeof csv !== "string" || csv.length === 0) {
      return data<ActionResult>(
        { step: "error", message: "Nothing to import. Please upload the file again." },
        { status: 400 },
      );
    }
    if (csv.length > MAX_IMPORT_BYTES) return tooBig();
    text = csv;
  } else {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      return data<ActionResult>(
        { step: "error", message: "Choose a CSV file exported from the CRM." },
        { status: 400 },
      );
    }
    if (file.size > MAX_IMPORT_BYTES) return tooBig();
    text = await file.text();
  }

  const db = await getDb();
  if (intent === "confirm") {
    const summary = await runImport(db, text, user.id);
    return data<ActionResult>(
      { step: "done", ...summary },
      { status: summary.fileErrors.length ? 400 : 200 },
    );
  }
  const preview = await previewImport(db, text);
  const toRow = (r: (typeof preview.rows)[number]): PreviewRow => ({
    line: r.line,
    crmId: r.raw.crm_id ?? "",
    name: r.raw.name ?? "",
    errors: r.ok ? [] : r.errors,
    exists: r.ok ? preview.existing.has(r.row.crm_id) : false,
  });
  const valid = preview.rows.filter((r) => r.ok);
  const updates = valid.filter((r) => r.ok && preview.existing.has(r.row.crm_id)).length;
  return data<ActionResult>({
    step: "preview",
    csv: text,
    fileErrors: preview.fileErrors,
    total: preview.rows.length,
    valid: valid.length,
    creates: valid.length - updates,
    updates,
    badRows: preview.rows.filter((r) => !r.ok).map(toRow),
    sample: valid.slice(0, PREVIEW_ROWS).map(toRow),
  });
}

export default function ImportAccounts() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, language, number } = useI18n();
  const message = (text: string) => accountMessage(t, text, language);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/accounts" className="text-brand-700 underline">
          {t("accounts.import.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("accounts.import.heading")}</h1>
      <p className="max-w-2xl text-slate-700">
        {t("accounts.import.introBefore")}{" "}
        <a href="/accounts/import-template.csv" className="text-brand-700 underline" download>
          {t("accounts.import.template")}
        </a>
        {t("accounts.import.introAfter")}
      </p>

      {result?.step === "error" ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {message(result.message)}
        </div>
      ) : null}

      {result?.step === "done" ? (
        <div role="status" className="rounded border border-emerald-300 bg-emerald-50 p-4">
          {result.fileErrors.length ? (
            <ul>
              {result.fileErrors.map((e) => (
                <li key={e}>{message(e)}</li>
              ))}
            </ul>
          ) : (
            <p>
              {t("accounts.import.finished", {
                created: number(result.created),
                updated: number(result.updated),
                rejected: number(result.rejected),
              })}
            </p>
          )}
          <p className="mt-2">
            <Link to="/accounts" className="text-brand-700 underline">
              {t("accounts.import.seeAccounts")}
            </Link>
          </p>
        </div>
      ) : null}

      {result?.step === "preview" ? (
        <section aria-labelledby="preview" className="space-y-4">
          <h2 id="preview" className="text-lg font-semibold">
            {t("accounts.import.checkTitle")}
          </h2>
          {result.fileErrors.length ? (
            <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
              <ul>
                {result.fileErrors.map((e) => (
                  <li key={e}>{message(e)}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p role="status">
                {t("accounts.import.summary", {
                  count: result.total,
                  total: number(result.total),
                  creates: number(result.creates),
                  updates: number(result.updates),
                  problems: number(result.badRows.length),
                })}
              </p>
              {result.badRows.length ? (
                <table className="min-w-full text-sm" aria-label={t("accounts.import.badRows")}>
                  <thead className="border-b border-slate-300 text-left">
                    <tr>
                      <th scope="col" className="py-2 pr-4">
                        {t("accounts.import.col.line")}
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        {t("accounts.import.col.crmId")}
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        {t("accounts.import.col.name")}
                      </th>
                      <th scope="col" className="py-2 pr-4">
                        {t("accounts.import.col.problems")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.badRows.map((r) => (
                      <tr
                        key={r.line}
                        className="border-b border-slate-100 align-top"
                        data-line={r.line}
                      >
                        <th scope="row" className="py-2 pr-4 text-left font-normal">
                          {r.line}
                        </th>
                        <td className="py-2 pr-4">{r.crmId || "–"}</td>
                        <td className="py-2 pr-4">{r.name || "–"}</td>
                        <td className="py-2 pr-4 text-red-800">
                          <ul>
                            {r.errors.map((e) => (
                              <li key={e}>{message(e)}</li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {result.sample.length ? (
                <details>
                  <summary>
                    {t("accounts.import.sample", {
                      shown: number(result.sample.length),
                      valid: number(result.valid),
                    })}
                  </summary>
                  <ul className="mt-2 text-sm">
                    {result.sample.map((r) => (
                      <li key={r.line}>
                        {t("accounts.import.sampleRow", {
                          line: r.line,
                          name: r.name,
                          crmId: r.crmId,
                          change: r.exists ? t("accounts.import.update") : t("accounts.import.new"),
                        })}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {result.valid > 0 ? (
                <Form method="post" encType="multipart/form-data">
                  <input type="hidden" name="intent" value="confirm" />
                  <textarea
                    name="csv"
                    defaultValue={result.csv}
                    hidden
                    readOnly
                    aria-hidden="true"
                  />
                  <button
                    type="submit"
                    disabled={busy}
                    className="rounded bg-brand-700 px-4 py-2 font-medium text-white"
                  >
                    {busy
                      ? t("accounts.import.importing")
                      : t("accounts.import.confirm", {
                          count: result.valid,
                          total: number(result.valid),
                        })}
                  </button>
                </Form>
              ) : null}
            </>
          )}
        </section>
      ) : null}

      <Form
        method="post"
        encType="multipart/form-data"
        className="space-y-4 rounded border border-slate-200 p-4"
      >
        <input type="hidden" name="intent" value="preview" />
        <label className="block">
          <span className="block font-medium">{t("accounts.import.file")}</span>
          <span className="block text-sm text-slate-600">{t("accounts.import.fileHint")}</span>
          <input type="file" name="file" accept=".csv,text/csv" required className="mt-1" />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white"
        >
          {busy ? t("accounts.import.checking") : t("accounts.import.check")}
        </button>
      </Form>
    </div>
  );
}
