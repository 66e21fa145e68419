import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LANGUAGE, i18nOptions, isSupportedLanguage, SUPPORTED_LANGUAGES } from "./config";
import type { SupportedLanguage } from "./config";

// The browser's Accept-Language header, matched against our languages by remix-i18next.
const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    order: ["header"],
  },
  i18next: { ...i18nOptions, supportedLngs: [...SUPPORTED_LANGUAGES] },
});

/**
 * The language of a page: the person's own setting when it is one we have, else the browser's
 * preference, else English.
 */
export async function pageLanguage(
  request: Request,
  personLanguage?: string | null,
): Promise<SupportedLanguage> {
  if (isSupportedLanguage(personLanguage)) return personLanguage;
  const detected = await detector.getLocale(request);
  return isSupportedLanguage(detected) ? detected : DEFAULT_LANGUAGE;
}
