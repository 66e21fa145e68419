import { data } from "@remix-run/node";

// The CSV imports (accounts, people) take a file in two steps: "preview" uploads it and shows
// what would change; "confirm" sends the checked text back from a hidden field and imports it.
// This reads either step's text, refusing a big upload before reading it.

export type ImportRefusal = { step: "error"; message: string };

type Limits = {
  maxBytes: number;
  /** Said when no file was chosen (names where the file comes from). */
  noFileMessage: string;
  /** Said when the file is over maxBytes. */
  tooBigMessage: string;
};

const refuse = (message: string, status: 400 | 413) =>
  data<ImportRefusal>({ step: "error", message }, { status });

export async function readCsvUpload(request: Request, limits: Limits) {
  const tooBig = () => ({ refused: refuse(limits.tooBigMessage, 413) });
  // The form's overhead is small next to the cap.
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > limits.maxBytes * 2 + 64 * 1024) return tooBig();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return {
      refused: refuse("The upload could not be read. Please choose the file again.", 400),
    };
  }
  if (form.get("intent") === "confirm") {
    const csv = form.get("csv");
    if (typeof csv !== "string" || csv.length === 0) {
      return { refused: refuse("Nothing to import. Please upload the file again.", 400) };
    }
    if (csv.length > limits.maxBytes) return tooBig();
    return { confirm: true, text: csv };
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return { refused: refuse(limits.noFileMessage, 400) };
  }
  if (file.size > limits.maxBytes) return tooBig();
  return { confirm: false, text: await file.text() };
}
