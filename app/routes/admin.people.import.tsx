import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
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

export const meta: MetaFunction = () => [{ title: "Import people · Incident portal" }];

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

const FIELD_WORDS: Record<string, string> = {
  employeeId: "employee id",
  email: "email",
  name: "name",
  role: "role",
  team: "team",
  managerId: "manager",
  timeZone: "time zone",
  active: "reactivated",
};

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
      fields: Object.keys(x.changes).map((k) => FIELD_WORDS[k] ?? k),
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

export default function ImportPeople() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const canImport =
    result?.step === "preview" && result.fileErrors.length === 0 && result.badCount === 0;
  const nothingToDo =
    result?.step === "preview" && result.creates + result.updates + result.deactivateCount === 0;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/people" className="text-brand-700 underline">
          People
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Import people from the HR system</h1>
      <div className="max-w-2xl space-y-2 text-slate-700">
        <p>
          Upload the HR system&apos;s export as a CSV file with the columns{" "}
          {PEOPLE_COLUMNS.map((c, i) => (
            <span key={c}>
              {i > 0 ? ", " : ""}
              <code>{c}</code>
            </span>
          ))}{" "}
          ({REQUIRED_PEOPLE_COLUMNS.join(", ")} are required). <code>manager</code> is the
          manager&apos;s employee id or work email; <code>role</code> is EMPLOYEE, MANAGER, HR,
          LEADERSHIP or ADMIN.
        </p>
        <p>
          People are matched by employee id. New people are added and invited by mail; changed ones
          updated; active people with an employee id who are not in the file are deactivated. Teams
          named in the file are created if needed. You see everything first, and nothing is written
          unless every row is correct.
        </p>
      </div>

      {result?.step === "error" ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {result.message}
        </div>
      ) : null}

      {result?.step === "done" ? (
        <div role="status" className="rounded border border-emerald-300 bg-emerald-50 p-4">
          <p>
            Import finished: {result.created} added (invitations are on their way), {result.updated}{" "}
            changed, {result.deactivated} deactivated
            {result.moved ? `, ${result.moved} open cases handed on` : ""}.
          </p>
          <p className="mt-2">
            <Link to="/admin/people" className="text-brand-700 underline">
              See the people
            </Link>
          </p>
        </div>
      ) : null}

      {result?.step === "preview" ? (
        <section aria-labelledby="preview" className="space-y-4">
          <h2 id="preview" className="text-lg font-semibold">
            Check before importing
          </h2>
          {result.fileErrors.length ? (
            <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
              <ul>
                {result.fileErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p role="status">
                {result.total} rows: {result.creates} new, {result.updates} changed,{" "}
                {result.unchanged} unchanged; {result.deactivateCount} to deactivate
                {result.newTeams.length ? `; new teams: ${result.newTeams.join(", ")}` : ""}.
              </p>
              {result.badCount ? (
                <div role="alert" className="space-y-2">
                  <p className="font-medium text-red-800">
                    {result.badCount} {result.badCount === 1 ? "row has" : "rows have"} problems.
                    Correct them in the file and upload it again; nothing has been imported.
                  </p>
                  <table className="min-w-full text-sm" aria-label="Rows with problems">
                    <thead className="border-b border-slate-300 text-left">
                      <tr>
                        <th scope="col" className="py-2 pr-4">
                          Line
                        </th>
                        <th scope="col" className="py-2 pr-4">
                          Problems
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
                                <li key={e}>{e}</li>
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
                  <summary>New people ({result.creates})</summary>
                  <ul className="mt-2 text-sm">
                    {result.newPeople.map((r) => (
                      <li key={r.line}>
                        Line {r.line}: {r.name} ({r.email})
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {result.changed.length ? (
                <details>
                  <summary>Changed people ({result.updates})</summary>
                  <ul className="mt-2 text-sm">
                    {result.changed.map((r) => (
                      <li key={r.line}>
                        Line {r.line}: {r.name} — {r.fields.join(", ")}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {result.deactivate.length ? (
                <details open>
                  <summary>To deactivate: not in the file ({result.deactivateCount})</summary>
                  <ul className="mt-2 text-sm">
                    {result.deactivate.map((r) => (
                      <li key={r.email}>
                        {r.name} ({r.email})
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {nothingToDo && canImport ? (
                <p>Everything in the file is already in the portal: there is nothing to import.</p>
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
                    {busy ? "Importing…" : "Import these changes"}
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
          <span className="block font-medium">CSV file</span>
          <span className="block text-sm text-slate-600">
            Up to 20 MB (about 100,000 people); UTF-8; the first line names the columns.
          </span>
          <input type="file" name="file" accept=".csv,text/csv" required className="mt-1" />
        </label>
        <button type="submit" disabled={busy} className={buttonClass}>
          {busy ? "Checking…" : "Check the file"}
        </button>
      </Form>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
