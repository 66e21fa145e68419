import i18next, { type TFunction } from "i18next";

// The portal's languages. Each has one plain JSON file in app/locales that a translator can
// edit. The server holds all of them (app/i18n/resources.server.ts); a page carries its own
// language's words in the HTML (see root.tsx), so the browser fetches nothing more and its
// JavaScript does not grow with each language.

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

/** Sections of the language files only the server uses (mails): not sent to the browser. */
export const SERVER_ONLY_SECTIONS = ["mail"] as const;

/** The id of the HTML element that carries the page's words to the browser. */
export const PAYLOAD_ELEMENT_ID = "i18n-resources";

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
  // React escapes what it renders; mails are rendered by React too.
  interpolation: { escapeValue: false },
  // Synchronous: the resources are already here.
  initImmediate: false,
  returnNull: false,
} as const;

/**
 * A translate function for one language from the process's i18next instance (page titles,
 * which are made outside React). The server's instance has every language; the browser's has
 * the page's.
 */
export function fixedT(language: string): TFunction {
  return i18next.getFixedT(asLanguage(language));
}

/** The words the browser needs, as a JSON text safe inside a <script> element. */
export function browserPayload(bundle: Record<string, unknown> | undefined): string {
  const words = { ...(bundle ?? {}) };
  for (const section of SERVER_ONLY_SECTIONS) delete words[section];
  return JSON.stringify(words).replace(/</g, "\\u003c");
}
