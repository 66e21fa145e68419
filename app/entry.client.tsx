import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { asLanguage, i18nOptions, PAYLOAD_ELEMENT_ID } from "./i18n/config";

// The server rendered the page in <html lang> and put that language's words in the page
// (root.tsx); the browser's i18next starts from them, so nothing is fetched.
const language = asLanguage(document.documentElement.lang);
const words = JSON.parse(document.getElementById(PAYLOAD_ELEMENT_ID)?.textContent || "{}");
void i18next.init({
  ...i18nOptions,
  lng: language,
  resources: { [language]: { translation: words } },
});

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18next}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
