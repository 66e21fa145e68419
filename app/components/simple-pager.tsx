import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/react";

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
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pager.label")} className="flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="text-brand-700 underline">
          {t("pager.previous")}
        </Link>
      ) : null}
      <span>{t("pager.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="text-brand-700 underline">
          {t("pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}
