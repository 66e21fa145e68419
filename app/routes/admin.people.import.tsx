import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { buttonClass } from "~/components/ui/field";
import { PEOPLE_COLUMNS, REQUIRED_PEOPLE_COLUMNS } from "~/domain/people-import";
import {
  MAX_PEOPLE_IMPORT_BYTES,
  previewPeopleImport,
  runPeopleImport,
  type PeoplePreview,
} from "~/models/people-import.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { peopleImportMessage } from "~/i18n/admin-messages";

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

const tooBig = () =>
  data<ActionResult>(
    {
      step: "error",
      message: `The file is larger than ${MAX_PEOPLE_IMPORT_BYTES / 1024 / 1024} MB. Please split it by department.`,
    },
    { status: 413 },
  );

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:manage");
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_PEOPLE_IMPORT_BYTES * 2 + 64 * 1024) return tooBig();
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
    text = csv;
  } else {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      return data<ActionResult>(
        { step: "error", message: "Choose the CSV file exported from your HR system." },
        { status: 400 },
      );
    }
    if (file.size > MAX_PEOPLE_IMPORT_BYTES) return tooBig();
    text = await file.text();
  }
  if (text.length > MAX_PEOPLE_IMPORT_BYTES) return tooBig();
  const db = await getDb();
  if (intent === "confirm") {
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
  const nothingToDo =
    result?.step === "preview" && result.creates + result.updates + result.deactivateCount === 0;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/people" className="text-brand-700 underline">
          {t("admin.peopleImport.back")}
        </Link>
      </p>
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

      {result?.step === "error" ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {say(result.message)}
        </div>
      ) : null}

      {result?.step === "done" ? (
        <div role="status" className="rounded border border-emerald-300 bg-emerald-50 p-4">
          <p>
            {result.moved
              ? t("admin.peopleImport.doneMoved", {
                  created: number(result.created),
                  updated: number(result.updated),
                  deactivated: number(result.deactivated),
                  moved: number(result.moved),
                })
              : t("admin.peopleImport.done", {
                  created: number(result.created),
                  updated: number(result.updated),
                  deactivated: number(result.deactivated),
                })}
          </p>
          <p className="mt-2">
            <Link to="/admin/people" className="text-brand-700 underline">
              {t("admin.peopleImport.seePeople")}
            </Link>
          </p>
        </div>
      ) : null}

      {result?.step === "preview" ? (
        <section aria-labelledby="preview" className="space-y-4">
          <h2 id="preview" className="text-lg font-semibold">
            {t("admin.peopleImport.checkHeading")}
          </h2>
          {result.fileErrors.length ? (
            <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
              <ul>
                {result.fileErrors.map((e) => (
                  <li key={e}>{say(e)}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p role="status">
                {result.newTeams.length
                  ? t("admin.peopleImport.summaryTeams", {
                      total: number(result.total),
                      creates: number(result.creates),
                      updates: number(result.updates),
                      unchanged: number(result.unchanged),
                      deactivate: number(result.deactivateCount),
                      teams: list(result.newTeams),
                    })
                  : t("admin.peopleImport.summary", {
                      total: number(result.total),
                      creates: number(result.creates),
                      updates: number(result.updates),
                      unchanged: number(result.unchanged),
                      deactivate: number(result.deactivateCount),
                    })}
              </p>
              {result.badCount ? (
                <div role="alert" className="space-y-2">
                  <p className="font-medium text-red-800">
                    {t("admin.peopleImport.badRows", { count: result.badCount })}
                  </p>
                  <table
                    className="min-w-full text-sm"
                    aria-label={t("admin.peopleImport.badTable")}
                  >
                    <thead className="border-b border-slate-300 text-left">
                      <tr>
                        <th scope="col" className="py-2 pr-4">
                          {t("admin.peopleImport.line")}
                        </th>
                        <th scope="col" className="py-2 pr-4">
                          {t("admin.peopleImport.problems")}
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
                          <td className="py-2 pr-4 text-red-800">
                            <ul>
                              {r.errors.map((e) => (
                                <li key={e}>{say(e)}</li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {result.newPeople.length ? (
                <details>
                  <summary>
                    {t("admin.peopleImport.newPeople", { total: number(result.creates) })}
                  </summary>
                  <ul className="mt-2 text-sm">
                    {result.newPeople.map((r) => (
                      <li key={r.line}>
                        {t("admin.peopleImport.newPerson", {
                          line: r.line,
                          name: r.name,
                          email: r.email,
                        })}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {result.changed.length ? (
                <details>
                  <summary>
                    {t("admin.peopleImport.changedPeople", { total: number(result.updates) })}
                  </summary>
                  <ul className="mt-2 text-sm">
                    {result.changed.map((r) => (
                      <li key={r.line}>
                        {t("admin.peopleImport.changedPerson", {
                          line: r.line,
                          name: r.name,
                          fields: list(r.fields.map((f) => fieldWord(t, f))),
                        })}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {result.deactivate.length ? (
                <details open>
                  <summary>
                    {t("admin.peopleImport.toDeactivate", {
                      total: number(result.deactivateCount),
                    })}
                  </summary>
                  <ul className="mt-2 text-sm">
                    {result.deactivate.map((r) => (
                      <li key={r.email}>
                        {t("admin.peopleImport.person", { name: r.name, email: r.email })}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {nothingToDo && canImport ? (
                <p>{t("admin.peopleImport.nothingToDo")}</p>
              ) : canImport ? (
                <Form method="post" encType="multipart/form-data">
                  <input type="hidden" name="intent" value="confirm" />
                  <textarea
                    name="csv"
                    defaultValue={result.csv}
                    hidden
                    readOnly
                    aria-hidden="true"
                  />
                  <button type="submit" disabled={busy} className={buttonClass}>
                    {busy ? t("admin.peopleImport.importing") : t("admin.peopleImport.import")}
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
          <span className="block font-medium">{t("admin.peopleImport.file")}</span>
          <span className="block text-sm text-slate-600">{t("admin.peopleImport.fileHint")}</span>
          <input type="file" name="file" accept=".csv,text/csv" required className="mt-1" />
        </label>
        <button type="submit" disabled={busy} className={buttonClass}>
          {busy ? t("admin.peopleImport.checking") : t("admin.peopleImport.check")}
        </button>
      </Form>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
