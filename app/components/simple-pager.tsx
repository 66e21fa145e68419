import { Link } from "@remix-run/react";

/** Previous/next links for an alphabetical list; `hrefFor` keeps the list's filters. */
export function SimplePager({
  page,
  pages,
  hrefFor,
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="text-brand-700 underline">
          Previous page
        </Link>
      ) : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="text-brand-700 underline">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
