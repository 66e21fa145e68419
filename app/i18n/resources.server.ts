import i18next, { type i18n as I18n, type TFunction } from "i18next";
import en from "~/locales/en.json";
import es from "~/locales/es.json";
import ja from "~/locales/ja.json";
import { asLanguage, i18nOptions } from "./config";

export const resources = {
  en: { translation: en },
  ja: { translation: ja },
  es: { translation: es },
};

let ready = false;

/** The server's i18next instance, with every language loaded (once, synchronously). */
export function serverI18n(): I18n {
  if (!ready) {
    void i18next.init({ ...i18nOptions, lng: "en", resources });
    ready = true;
  }
  return i18next;
}

/** A translate function for one language (mails). */
export function serverT(language: string | null | undefined): TFunction {
  return serverI18n().getFixedT(asLanguage(language));
}

/** One page's instance: shares the loaded words, has its own language. */
export function pageI18n(language: string): I18n {
  return serverI18n().cloneInstance({ lng: asLanguage(language) });
}
