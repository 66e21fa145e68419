import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { useActionData, useNavigation } from "@remix-run/react";
import {
  ConfirmImportForm,
  ImportAlert,
  ImportDone,
  ImportList,
  ImportPreview,
  ProblemTable,
  UploadCsvForm,
} from "~/components/import-ui";
import { buttonClass } from "~/components/ui/field";
import { PEOPLE_COLUMNS, REQUIRED_PEOPLE_COLUMNS } from "~/domain/people-import";
import {
  MAX_PEOPLE_IMPORT_BYTES,
  previewPeopleImport,
  runPeopleImport,
  type PeoplePreview,
} from "~/models/people-import.server";
import { requirePermission } from "~/utils/auth.server";
import { readCsvUpload } from "~/utils/csv-upload.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { peopleImportMessage } from "~/i18n/admin-messages";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.peopleImport.title");

const SHOWN = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "people:manage");
  return null;
}

type Preview = {
  step: "preview";
  csv: string;
  fileErrors: string[];
  total: number;
  creates: number;
  updates: number;
  unchanged: number;
  newTeams: string[];
  badRows: { line: number; errors: string[] }[];
  badCount: number;
  newPeople: { line: number; name: string; email: string }[];
  changed: { line: number; name: string; fields: string[] }[];
  deactivate: { name: string; email: string }[];
  deactivateCount: number;
};
type ActionResult =
  | { step: "error"; message: string }
  | Preview
  | { step: "done"; created: number; updated: number; deactivated: number; moved: number };

function toPreview(csv: string, p: PeoplePreview): Preview {
  const plan = p.plan;
  const people = plan?.people ?? [];
  const changed = people.filter((x) => x.existing && Object.keys(x.changes).length);
  return {
    step: "preview",
    csv,
    fileErrors: p.fileErrors,
    total: p.total,
    creates: plan?.creates ?? 0,
    updates: plan?.updates ?? 0,
    unchanged: plan?.unchanged ?? 0,
    newTeams: (plan?.newTeams ?? []).slice(0, SHOWN),
    badRows: (plan?.errors ?? []).slice(0, 500),
    badCount: plan?.errors.length ?? 0,
    newPeople: people
      .filter((x) => !x.existing)
      .slice(0, SHOWN)
      .map((x) => ({ line: x.line, name: x.row.name, email: x.row.email })),
    changed: changed.slice(0, SHOWN).map((x) => ({
      line: x.line,
      name: x.row.name,
      fields: Object.keys(x.changes),
    })),
    deactivate: (plan?.deactivate ?? [])
      .slice(0, SHOWN)
      .map((x) => ({ name: x.name, email: x.email })),
    deactivateCount: plan?.deactivate.length ?? 0,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:manage");
  const upload = await readCsvUpload(request, {
    maxBytes: MAX_PEOPLE_IMPORT_BYTES,
    noFileMessage: "Choose the CSV file exported from your HR system.",
    tooBigMessage: `The file is larger than ${MAX_PEOPLE_IMPORT_BYTES / 1024 / 1024} MB. Please split it by department.`,
  });
  if ("refused" in upload) return upload.refused;
  const text = upload.text;
  const db = await getDb();
  if (upload.confirm) {
    const result = await runPeopleImport(db, text, user.id);
    if (!result.ok) return data<ActionResult>(toPreview(text, result.preview), { status: 400 });
    return data<ActionResult>({ step: "done", ...result });
  }
  const preview = await previewPeopleImport(db, text, user.id);
  const bad = preview.fileErrors.length > 0 || (preview.plan?.errors.length ?? 0) > 0;
  return data<ActionResult>(toPreview(text, preview), { status: bad ? 400 : 200 });
}

/** A changed field's name, as the preview lists it. */
function fieldWord(t: TFunction, field: string): string {
  switch (field) {
    case "employeeId":
      return t("admin.peopleImport.fields.employeeId");
    case "email":
      return t("admin.peopleImport.fields.email");
    case "name":
      return t("admin.peopleImport.fields.name");
    case "role":
      return t("admin.peopleImport.fields.role");
    case "team":
      return t("admin.peopleImport.fields.team");
    case "managerId":
      return t("admin.peopleImport.fields.managerId");
    case "timeZone":
      return t("admin.peopleImport.fields.timeZone");
    case "active":
      return t("admin.peopleImport.fields.active");
    default:
      return field;
  }
}

export default function ImportPeople() {
  const result = useActionData<typeof action>();
  const { t, language, number } = useI18n();
  const say = (text: string) => peopleImportMessage(t, text, language);
  const list = (items: string[]) => items.join(t("common.listSeparator"));
  const busy = useNavigation().state === "submitting";
  const canImport =
    result?.step === "preview" && result.fileErrors.length === 0 && result.badCount === 0;
  const planCounts =
    result?.step === "preview"
      ? {
          total: number(result.total),
          creates: number(result.creates),
          updates: number(result.updates),
          unchanged: number(result.unchanged),
          deactivate: number(result.deactivateCount),
        }
      : null;
  const doneCounts = (r: { created: number; updated: number; deactivated: number }) => ({
    created: number(r.created),
    updated: number(r.updated),
    deactivated: number(r.deactivated),
  });
  const nothingToDo =
    result?.step === "preview" && result.creates + result.updates + result.deactivateCount === 0;
  return (
    <div className="space-y-6">
      <BackLink to="/admin/people">{t("admin.peopleImport.back")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("admin.peopleImport.heading")}</h1>
      <div className="max-w-2xl space-y-2 text-slate-700">
        <p>
          {t("admin.peopleImport.columnsIntro")}{" "}
          {PEOPLE_COLUMNS.map((c, i) => (
            <span key={c}>
              {i > 0 ? ", " : ""}
              <code>{c}</code>
            </span>
          ))}{" "}
          {t("admin.peopleImport.columnsRequired", {
            columns: REQUIRED_PEOPLE_COLUMNS.join(", "),
          })}{" "}
          <code>{PEOPLE_COLUMNS[4]}</code> {t("admin.peopleImport.managerColumn")}{" "}
          <code>{PEOPLE_COLUMNS[5]}</code> {t("admin.peopleImport.roleColumn")}
        </p>
        <p>{t("admin.peopleImport.howItWorks")}</p>
      </div>

      {result?.step === "error" ? <ImportAlert>{say(result.message)}</ImportAlert> : null}

      {result?.step === "done" ? (
        <ImportDone to="/admin/people" linkText={t("admin.peopleImport.seePeople")}>
          <p>
            {result.moved
              ? t("admin.peopleImport.doneMoved", {
                  ...doneCounts(result),
                  moved: number(result.moved),
                })
              : t("admin.peopleImport.done", doneCounts(result))}
          </p>
        </ImportDone>
      ) : null}

      {result?.step === "preview" && planCounts ? (
        <ImportPreview
          heading={t("admin.peopleImport.checkHeading")}
          fileErrors={result.fileErrors}
          say={say}
        >
          <p role="status">
            {result.newTeams.length
              ? t("admin.peopleImport.summaryTeams", {
                  ...planCounts,
                  teams: list(result.newTeams),
                })
              : t("admin.peopleImport.summary", planCounts)}
          </p>
          {result.badCount ? (
            <div role="alert" className="space-y-2">
              <p className="font-medium text-red-800">
                {t("admin.peopleImport.badRows", { count: result.badCount })}
              </p>
              <ProblemTable
                label={t("admin.peopleImport.badTable")}
                lineHeader={t("admin.peopleImport.line")}
                headers={[]}
                problemsHeader={t("admin.peopleImport.problems")}
                rows={result.badRows.map((r) => ({ ...r, cells: [] }))}
                say={say}
              />
            </div>
          ) : null}
          {result.newPeople.length ? (
            <ImportList
              summary={t("admin.peopleImport.newPeople", { total: number(result.creates) })}
              items={result.newPeople.map((r) => ({
                key: r.line,
                text: t("admin.peopleImport.newPerson", {
                  line: r.line,
                  name: r.name,
                  email: r.email,
                }),
              }))}
            />
          ) : null}
          {result.changed.length ? (
            <ImportList
              summary={t("admin.peopleImport.changedPeople", { total: number(result.updates) })}
              items={result.changed.map((r) => ({
                key: r.line,
                text: t("admin.peopleImport.changedPerson", {
                  line: r.line,
                  name: r.name,
                  fields: list(r.fields.map((f) => fieldWord(t, f))),
                }),
              }))}
            />
          ) : null}
          {result.deactivate.length ? (
            <ImportList
              open
              summary={t("admin.peopleImport.toDeactivate", {
                total: number(result.deactivateCount),
              })}
              items={result.deactivate.map((r) => ({
                key: r.email,
                text: t("admin.peopleImport.person", { name: r.name, email: r.email }),
              }))}
            />
          ) : null}
          {nothingToDo && canImport ? (
            <p>{t("admin.peopleImport.nothingToDo")}</p>
          ) : canImport ? (
            <ConfirmImportForm csv={result.csv} buttonClassName={buttonClass}>
              {busy ? t("admin.peopleImport.importing") : t("admin.peopleImport.import")}
            </ConfirmImportForm>
          ) : null}
        </ImportPreview>
      ) : null}

      <UploadCsvForm
        label={t("admin.peopleImport.file")}
        hint={t("admin.peopleImport.fileHint")}
        buttonClassName={buttonClass}
      >
        {busy ? t("admin.peopleImport.checking") : t("admin.peopleImport.check")}
      </UploadCsvForm>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
