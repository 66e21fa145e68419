/** Human reference for a report: INC-2026-0042. The number restarts each year. */
export function formatReference(year: number, sequence: number): string {
  return `INC-${year}-${String(sequence).padStart(4, "0")}`;
}

export const REFERENCE_PATTERN = /^INC-\d{4}-\d{4,}$/;
