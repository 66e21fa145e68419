import type { ReactNode } from "react";

/**
 * A section named by its heading (`id` is the heading's): a white card unless `className`
 * says otherwise.
 */
export function TitledSection({
  id,
  title,
  className = "space-y-3 rounded-lg bg-white p-4 shadow-sm",
  children,
}: {
  id: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
