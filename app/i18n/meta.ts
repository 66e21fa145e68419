import { fixedT } from "./config";

// Page titles are made by meta functions, outside React: they read the page's language from
// the root loader's data.
type Match = { id: string; data?: unknown };

export function rootLocale(matches: readonly Match[]): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return root?.locale ?? "en";
}

/** "<page> · Incident portal" in the page's language; `page` is a key or a plain value. */
export function pageTitle(matches: readonly Match[], pageKey: string | null, plain?: string) {
  const t = fixedT(rootLocale(matches));
  return [{ title: t("common.title", { page: pageKey ? t(pageKey) : (plain ?? "") }) }];
}
