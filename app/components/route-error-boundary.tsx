import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/i18n/messages";

/**
 * What a page shows when its loader or action fails: the header and menu stay, so the person
 * can go on elsewhere. A 404 says the page may not exist or not be theirs (the same answer
 * either way, by design); a 4xx shows the server's short reason; anything else says that
 * nothing was lost. The reason is shown in the reader's language when it has words there, else
 * the general text is. Every route exports it as its ErrorBoundary (tests/unit/route-conventions).
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const given =
    isRouteErrorResponse(error) && status !== 404 && status < 500 && typeof error.data === "string"
      ? error.data
      : null;
  const translated = given ? translateMessage(t, given, i18n.language) : null;
  const reason = translated && (i18n.language === "en" || translated !== given) ? translated : null;
  return (
    <section className="mx-auto max-w-xl py-10" aria-labelledby="error-title">
      <h1 id="error-title" className="text-2xl font-semibold">
        {status === 404 ? t("errorPage.notFoundTitle") : t("errorPage.title")}
      </h1>
      <p className="mt-4 text-slate-700">
        {status === 404 ? t("errorPage.notFoundText") : (reason ?? t("errorPage.text"))}
      </p>
      <p className="mt-6">
        <Link to="/" className="text-brand-700 underline">
          {t("errorPage.back")}
        </Link>
      </p>
    </section>
  );
}
