import type { ReactNode } from "react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { TableHead } from "~/components/table-head";

// The CSV import pages' shared parts (accounts, people): the upload form, the check's section
// with the file's problems, the table of rejected lines and the form that confirms the import.
// Words come in translated; `say` translates a message the server sent.

type Say = (message: string) => string;

export function ImportAlert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
      {children}
    </div>
  );
}

export function MessageList({ messages, say }: { messages: string[]; say: Say }) {
  return (
    <ul>
      {messages.map((e) => (
        <li key={e}>{say(e)}</li>
      ))}
    </ul>
  );
}

/** The check's result: the file's own problems if any, else what the page shows of its rows. */
export function ImportPreview({
  heading,
  fileErrors,
  say,
  children,
}: {
  heading: string;
  fileErrors: string[];
  say: Say;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="preview" className="space-y-4">
      <h2 id="preview" className="text-lg font-semibold">
        {heading}
      </h2>
      {fileErrors.length ? (
        <ImportAlert>
          <MessageList messages={fileErrors} say={say} />
        </ImportAlert>
      ) : (
        children
      )}
    </section>
  );
}

/** Rejected lines: the line number, the columns named in `headers`, then the problems. */
export function ProblemTable({
  label,
  lineHeader,
  headers,
  problemsHeader,
  rows,
  say,
}: {
  label: string;
  lineHeader: string;
  headers: string[];
  problemsHeader: string;
  rows: { line: number; cells: string[]; errors: string[] }[];
  say: Say;
}) {
  return (
    <table className="min-w-full text-sm" aria-label={label}>
      <TableHead columns={[lineHeader, ...headers, problemsHeader]} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.line} className="border-b border-slate-100 align-top" data-line={r.line}>
            <th scope="row" className="py-2 pr-4 text-left font-normal">
              {r.line}
            </th>
            {r.cells.map((cell, i) => (
              <td key={i} className="py-2 pr-4">
                {cell || "–"}
              </td>
            ))}
            <td className="py-2 pr-4 text-red-800">
              <MessageList messages={r.errors} say={say} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Sends the checked text back to be imported. */
export function ConfirmImportForm({
  csv,
  buttonClassName,
  children,
}: {
  csv: string;
  buttonClassName: string;
  children: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" encType="multipart/form-data">
      <input type="hidden" name="intent" value="confirm" />
      <textarea name="csv" defaultValue={csv} hidden readOnly aria-hidden="true" />
      <button type="submit" disabled={busy} className={buttonClassName}>
        {children}
      </button>
    </Form>
  );
}

/** Uploads a file to be checked. */
export function UploadCsvForm({
  label,
  hint,
  buttonClassName,
  children,
}: {
  label: string;
  hint: string;
  buttonClassName: string;
  children: ReactNode;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="space-y-4 rounded border border-slate-200 p-4"
    >
      <input type="hidden" name="intent" value="preview" />
      <label className="block">
        <span className="block font-medium">{label}</span>
        <span className="block text-sm text-slate-600">{hint}</span>
        <input type="file" name="file" accept=".csv,text/csv" required className="mt-1" />
      </label>
      <button type="submit" disabled={busy} className={buttonClassName}>
        {children}
      </button>
    </Form>
  );
}

/** The import's outcome, with a link to the list it changed. */
export function ImportDone({
  to,
  linkText,
  children,
}: {
  to: string;
  linkText: string;
  children: ReactNode;
}) {
  return (
    <div role="status" className="rounded border border-emerald-300 bg-emerald-50 p-4">
      {children}
      <p className="mt-2">
        <Link to={to} className="text-brand-700 underline">
          {linkText}
        </Link>
      </p>
    </div>
  );
}

/** A folded list of lines the import would change. */
export function ImportList({
  summary,
  open,
  items,
}: {
  summary: string;
  open?: boolean;
  items: { key: string | number; text: string }[];
}) {
  return (
    <details open={open}>
      <summary>{summary}</summary>
      <ul className="mt-2 text-sm">
        {items.map((item) => (
          <li key={item.key}>{item.text}</li>
        ))}
      </ul>
    </details>
  );
}
