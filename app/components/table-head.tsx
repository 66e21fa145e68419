// The header row of the plain data tables (accounts, contacts, incidents, import problems):
// one column title each, figures' columns right-aligned like their figures. A column left out
// on this page (false, null) is skipped.

export type Column = string | { label: string; numeric: true } | false | null | undefined;

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="border-b border-slate-300 text-left">
      <tr>
        {columns.map((c) => {
          if (!c) return null;
          const label = typeof c === "string" ? c : c.label;
          return (
            <th
              key={label}
              scope="col"
              className={typeof c === "string" ? "py-2 pr-4" : "py-2 pr-4 text-right"}
            >
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
