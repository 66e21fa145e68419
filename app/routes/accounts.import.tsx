import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import {
  ConfirmImportForm,
  ImportAlert,
  ImportDone,
  ImportList,
  ImportPreview,
  MessageList,
  ProblemTable,
  UploadCsvForm,
} from "~/components/import-ui";
import { IMPORT_COLUMNS } from "~/domain/account-import";
import { accountMessage } from "~/i18n/account-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { MAX_IMPORT_BYTES, previewImport, runImport } from "~/models/account-import.server";
import { requirePermission } from "~/utils/auth.server";
import { readCsvUpload } from "~/utils/csv-upload.server";
import { getDb } from "~/utils/db.server";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.import.title");
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

const PREVIEW_ROWS = 50;
const BUTTON = "rounded bg-brand-700 px-4 py-2 font-medium text-white";

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "accounts:manage");
  const upload = await readCsvUpload(request, {
    maxBytes: MAX_IMPORT_BYTES,
    noFileMessage: "Choose a CSV file exported from the CRM.",
    tooBigMessage: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import them one after another.`,
  });
  if ("refused" in upload) return upload.refused;
  const text = upload.text;

  const db = await getDb();
  if (upload.confirm) {
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
      <BackLink to="/accounts">{t("accounts.import.back")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("accounts.import.heading")}</h1>
      <p className="max-w-2xl text-slate-700">
        {t("accounts.import.introBefore")}{" "}
        <a href="/accounts/import-template.csv" className="text-brand-700 underline" download>
          {t("accounts.import.template")}
        </a>
        {t("accounts.import.introAfter")}
      </p>

      {result?.step === "error" ? <ImportAlert>{message(result.message)}</ImportAlert> : null}

      {result?.step === "done" ? (
        <ImportDone to="/accounts" linkText={t("accounts.import.seeAccounts")}>
          {result.fileErrors.length ? (
            <MessageList messages={result.fileErrors} say={message} />
          ) : (
            <p>
              {t("accounts.import.finished", {
                created: number(result.created),
                updated: number(result.updated),
                rejected: number(result.rejected),
              })}
            </p>
          )}
        </ImportDone>
      ) : null}

      {result?.step === "preview" ? (
        <ImportPreview
          heading={t("accounts.import.checkTitle")}
          fileErrors={result.fileErrors}
          say={message}
        >
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
            <ProblemTable
              label={t("accounts.import.badRows")}
              lineHeader={t("accounts.import.col.line")}
              headers={[t("accounts.import.col.crmId"), t("accounts.import.col.name")]}
              problemsHeader={t("accounts.import.col.problems")}
              rows={result.badRows.map((r) => ({ ...r, cells: [r.crmId, r.name] }))}
              say={message}
            />
          ) : null}
          {result.sample.length ? (
            <ImportList
              summary={t("accounts.import.sample", {
                shown: number(result.sample.length),
                valid: number(result.valid),
              })}
              items={result.sample.map((r) => ({
                key: r.line,
                text: t("accounts.import.sampleRow", {
                  line: r.line,
                  name: r.name,
                  crmId: r.crmId,
                  change: r.exists ? t("accounts.import.update") : t("accounts.import.new"),
                }),
              }))}
            />
          ) : null}
          {result.valid > 0 ? (
            <ConfirmImportForm csv={result.csv} buttonClassName={BUTTON}>
              {busy
                ? t("accounts.import.importing")
                : t("accounts.import.confirm", {
                    count: result.valid,
                    total: number(result.valid),
                  })}
            </ConfirmImportForm>
          ) : null}
        </ImportPreview>
      ) : null}

      <UploadCsvForm
        label={t("accounts.import.file")}
        hint={t("accounts.import.fileHint")}
        buttonClassName={BUTTON}
      >
        {busy ? t("accounts.import.checking") : t("accounts.import.check")}
      </UploadCsvForm>
    </div>
  );
}
