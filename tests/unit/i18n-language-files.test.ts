import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "~/i18n/config";
import { VOCABULARY_LISTS, VOCABULARY_VALUES } from "~/i18n/vocabulary";
import { WEBHOOK_EVENTS } from "~/domain/webhooks";

// The language files against the code: every key the pages and mails use is in every language
// file (with each plural form the language has), no language file holds a key nothing uses,
// and a translation names the same {{values}} as the English.

const ROOT = path.resolve(import.meta.dirname, "../..");
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const files = Object.fromEntries(
  SUPPORTED_LANGUAGES.map((lang) => [
    lang,
    flatten(JSON.parse(readFileSync(path.join(ROOT, `app/locales/${lang}.json`), "utf8"))),
  ]),
) as Record<(typeof SUPPORTED_LANGUAGES)[number], Map<string, string>>;

const SECTIONS = new Set(
  Object.keys(JSON.parse(readFileSync(path.join(ROOT, "app/locales/en.json"), "utf8"))),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Keys named in code: any quoted "section.path" literal whose section is a language-file one. */
export function keysIn(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/["'`]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)["'`]/g)) {
    // A file name ("timeline.json") is not a key.
    if (/\.(json|csv|pdf|js|ts|tsx|txt|eml|html)$/.test(m[1])) continue;
    // Nor is a webhook event's name ("account.flagged"), which other systems read as it is.
    if ((WEBHOOK_EVENTS as readonly string[]).includes(m[1])) continue;
    if (SECTIONS.has(m[1].split(".")[0])) found.push(m[1]);
  }
  return found;
}

function usedKeys(): Set<string> {
  const used = new Set<string>();
  for (const file of [
    ...sourceFiles(path.join(ROOT, "app")),
    ...sourceFiles(path.join(ROOT, "emails")),
  ]) {
    for (const key of keysIn(readFileSync(file, "utf8"))) used.add(key);
  }
  // The vocabularies' words are looked up as vocab.<list>.<VALUE> (app/i18n/vocabulary.ts).
  for (const list of VOCABULARY_LISTS) {
    for (const value of VOCABULARY_VALUES[list]) used.add(`vocab.${list}.${value}`);
  }
  return used;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function hasKey(file: Map<string, string>, lang: string, key: string): boolean {
  if (file.has(key)) return true;
  const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  return forms.every((form) => file.has(`${key}_${form}`));
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("language files", () => {
  const used = usedKeys();

  it("finds the keys the code uses", () => {
    expect(keysIn(`t("report.send"); t('nav.queue'); const x = "not.a.section";`)).toEqual([
      "report.send",
      "nav.queue",
    ]);
    expect(used.has("report.send")).toBe(true);
    expect(used.has("mail.newReport.subject")).toBe(true);
    expect(used.has("vocab.severity.CRITICAL")).toBe(true);
  });

  it.each(SUPPORTED_LANGUAGES)("%s has every key the pages and mails use", (lang) => {
    const missing = [...used].filter((key) => !hasKey(files[lang], lang, key));
    expect(missing).toEqual([]);
  });

  it.each(SUPPORTED_LANGUAGES)("%s has no key that no code uses", (lang) => {
    const unused = [...files[lang].keys()].filter(
      (key) => !used.has(key.replace(PLURAL_SUFFIX, "")),
    );
    expect(unused).toEqual([]);
  });

  it.each(SUPPORTED_LANGUAGES)("%s has every plural form its language needs", (lang) => {
    const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const bases = new Set(
      [...files[lang].keys()]
        .filter((k) => PLURAL_SUFFIX.test(k))
        .map((k) => k.replace(PLURAL_SUFFIX, "")),
    );
    const incomplete = [...bases].filter(
      (base) => !forms.every((f) => files[lang].has(`${base}_${f}`)),
    );
    expect(incomplete).toEqual([]);
  });

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== "en"))(
    "%s names the same {{values}} as English",
    (lang) => {
      const differing: string[] = [];
      for (const [key, text] of files[lang]) {
        const base = key.replace(PLURAL_SUFFIX, "");
        const english = files.en.get(key) ?? files.en.get(`${base}_other`) ?? files.en.get(base);
        if (english === undefined) continue; // reported by the tests above
        const mine = new Set(variables(text));
        // A singular form may leave out {{count}} ("a file"); every other value must be there.
        const theirs = variables(english).filter((v) => !(v === "count" && !mine.has("count")));
        if ([...mine].sort().join() !== [...new Set(theirs)].sort().join()) differing.push(key);
      }
      expect(differing).toEqual([]);
    },
  );

  it("the check fails for a missing or an unused key", () => {
    const file = new Map([
      ["report.send", "Send"],
      ["report.old", "Old"],
    ]);
    expect(hasKey(file, "en", "report.sending")).toBe(false);
    expect(
      hasKey(
        new Map([
          ["home.openCases_one", "a"],
          ["home.openCases_other", "b"],
        ]),
        "en",
        "home.openCases",
      ),
    ).toBe(true);
    expect(hasKey(new Map([["home.openCases_one", "a"]]), "es", "home.openCases")).toBe(false);
    expect([...file.keys()].filter((k) => !used.has(k))).toEqual(["report.old"]);
  });
});
