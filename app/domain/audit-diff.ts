// What an update changed, as the audit log stores it: {field: {from, to}} for the fields that
// differ, with values made JSON-safe (Date → ISO string, BigInt → string, undefined → null)
// so money keeps every minor unit and the row reads the same on SQLite and PostgreSQL.

export type AuditValue =
  string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export type FieldChange = { from: AuditValue; to: AuditValue };
export type AuditChanges = Record<string, FieldChange>;

/** A value as JSON can hold it; nested arrays and plain objects are normalised too. */
export function auditValue(value: unknown): AuditValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(auditValue);
  if (typeof value === "object") {
    // Sorted keys, so two equal objects compare equal whatever order they were built in.
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, auditValue(v)]));
  }
  return String(value);
}

function same(a: AuditValue, b: AuditValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The listed fields whose normalised values differ between before and after. */
export function auditDiff<F extends string>(
  before: Partial<Record<F, unknown>> | null | undefined,
  after: Partial<Record<F, unknown>>,
  fields: readonly F[],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const from = auditValue(before?.[field]);
    const to = auditValue(after[field]);
    if (!same(from, to)) changes[field] = { from, to };
  }
  return changes;
}

export function hasChanges(changes: AuditChanges): boolean {
  return Object.keys(changes).length > 0;
}
