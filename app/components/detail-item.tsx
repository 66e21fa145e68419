import type { FactProps } from "~/components/record-list";

/** One fact of a report or case in a definition list: its label above its value. */
export function DetailItem({ label, className, children }: FactProps) {
  return (
    <div className={className}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
