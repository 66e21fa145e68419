import { stringify } from "csv-stringify/sync";

// Spreadsheet-formula injection: a cell starting with = + - @ TAB or CR is run as a formula by
// Excel, LibreOffice and Sheets. A leading single quote makes it plain text.

const DANGEROUS_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

// Quoted as well: the separator, and ";" which spreadsheets in many locales split cells on.
const OPTIONS = { quoted_match: /[",;\n\r]/, record_delimiter: "\r\n" } as const;

/** A CSV document (header row first), every cell neutralised, quoted where needed. */
export function toSafeCsv(header: string[], rows: unknown[][]): string {
  return toSafeCsvRows([header, ...rows]);
}

/** CSV rows without a header, for writing a document in parts (streamed exports). */
export function toSafeCsvRows(rows: unknown[][]): string {
  return stringify(
    rows.map((r) => r.map(neutraliseCell)),
    OPTIONS,
  );
}
