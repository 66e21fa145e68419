import { Link } from "@remix-run/react";

/**
 * "Showing 1–100 of 288 cases" and Newer/Older links for a list newest first. `hrefFor` builds
 * a page's link so each list keeps its own filters in it.
 */
export function PageCount({
  first,
  shown,
  total,
  noun,
  empty,
}: {
  first: number;
  shown: number;
  total: number;
  noun: [one: string, many: string];
  empty: string;
}) {
  return (
    <p role="status">
      {total === 0
        ? empty
        : `Showing ${first}–${first + shown - 1} of ${total} ${total === 1 ? noun[0] : noun[1]}, newest first.`}
    </p>
  );
}

export function Pager({
  page,
  pages,
  hrefFor,
  noun,
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  /** What the list holds, plural: "cases" gives "Newer cases" and "Older cases". */
  noun: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="text-brand-700 underline">
          Newer {noun}
        </Link>
      ) : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="text-brand-700 underline">
          Older {noun}
        </Link>
      ) : null}
    </nav>
  );
}
