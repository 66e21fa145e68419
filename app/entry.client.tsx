import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { pageI18n } from "./i18n/config";

// The server rendered the page in <html lang>; the browser starts in the same language (every
// language file is in the bundle, so nothing is fetched).
const i18n = pageI18n(document.documentElement.lang);

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
