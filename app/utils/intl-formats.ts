// Intl formatters, made once per locale and options and then reused. Making one costs about
// 0.1–0.2 ms (ICU loads the locale's patterns), using one a few microseconds; a queue or a
// timeline formats hundreds of dates per render, on the server and again in the browser.

const MAX_KEPT = 500; // locales × options × time zones in use; cleared if it ever grows past this
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function kept<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let format = cache.get(key);
  if (!format) {
    format = make(); // throws (e.g. an unknown time zone or currency) before anything is kept
    if (cache.size >= MAX_KEPT) cache.clear();
    cache.set(key, format);
  }
  return format;
}

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return kept(dateFormats, locale + JSON.stringify(options), () => {
    return new Intl.DateTimeFormat(locale, options);
  });
}

export function numberFormat(
  locale: string,
  options?: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  return kept(numberFormats, locale + JSON.stringify(options ?? {}), () => {
    return new Intl.NumberFormat(locale, options);
  });
}
