import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/react";

/**
 * "Showing 1–100 of 288 cases" and Newer/Older links for a list newest first. `hrefFor` builds
 * a page's link so each list keeps its own filters in it. The nouns come in the page's words.
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
  const { t, number } = useI18n();
  return (
    <p role="status">
      {total === 0
        ? empty
        : t("pager.showing", {
            first: number(first),
            last: number(first + shown - 1),
            total: number(total),
            noun: total === 1 ? noun[0] : noun[1],
          })}
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
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pager.label")} className="flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="text-brand-700 underline">
          {t("pager.newer", { noun })}
        </Link>
      ) : null}
      <span>{t("pager.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="text-brand-700 underline">
          {t("pager.older", { noun })}
        </Link>
      ) : null}
    </nav>
  );
}
