import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The link to the page above this one, shown over its heading. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link to={to} className="text-brand-700 underline">
        {children}
      </Link>
    </p>
  );
}
