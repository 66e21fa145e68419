import i18next, { type i18n as I18n, type TFunction } from "i18next";
import en from "~/locales/en.json";
import es from "~/locales/es.json";
import ja from "~/locales/ja.json";

// The portal's languages. Each has one plain JSON file in app/locales that a translator can
// edit; all of them are bundled (server and browser), so a page never waits for a request.

export const SUPPORTED_LANGUAGES = ["en", "ja", "es"] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: SupportedLanguage = "en";

/** Each language's own name, as shown in the language setting. */
export const LANGUAGE_NAMES: Record<SupportedLanguage, string> = {
  en: "English",
  ja: "日本語",
  es: "Español",
};

/** The Intl locale for dates, times, numbers and money (English stays British, as before). */
export const INTL_LOCALES: Record<SupportedLanguage, string> = {
  en: "en-GB",
  ja: "ja-JP",
  es: "es-ES",
};

export const resources = {
  en: { translation: en },
  ja: { translation: ja },
  es: { translation: es },
};

export function isSupportedLanguage(value: unknown): value is SupportedLanguage {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

export function asLanguage(value: unknown): SupportedLanguage {
  return isSupportedLanguage(value) ? value : DEFAULT_LANGUAGE;
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "translation",
  resources,
  // React escapes what it renders; mail text is plain text or rendered by React too.
  interpolation: { escapeValue: false },
  // Synchronous: every resource is already here.
  initImmediate: false,
  returnNull: false,
} as const;

let shared: I18n | null = null;

/** One instance with every language loaded; pages clone it, mails and meta use fixed T's. */
export function sharedI18n(): I18n {
  if (!shared) {
    shared = i18next.createInstance();
    void shared.init({ ...i18nOptions, lng: DEFAULT_LANGUAGE });
  }
  return shared;
}

/** A translate function for one language (mails, page titles, anything outside React). */
export function fixedT(language: string): TFunction {
  return sharedI18n().getFixedT(asLanguage(language));
}

/** A page's own instance (the server makes one per request, the browser one per load). */
export function pageI18n(language: string): I18n {
  const instance = i18next.createInstance();
  void instance.init({ ...i18nOptions, lng: asLanguage(language) });
  return instance;
}
