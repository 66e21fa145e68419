// The HR case search box, parsed into terms for the full-text index (docs/decisions/086). Pure:
// every term is later bound as a parameter and quoted, so nothing typed here is ever search
// syntax; this only decides what is a term and what is too much.

export const SEARCH_MAX_CHARS = 200;
export const SEARCH_MAX_TERMS = 8;
/** The index stores trigrams: a shorter term only narrows what longer ones found. */
export const SEARCH_MIN_INDEXED = 3;

export type ParsedSearch = { ok: true; terms: string[] } | { ok: false; message: string };

const length = (s: string) => [...s].length;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Words separated by spaces, or "a phrase in quotes" kept whole; every term must appear (in
 * any order). Letter case and accents are ignored by the index. Control characters are
 * dropped. An empty search is no text filter at all.
 */
export function parseSearch(input: string | null | undefined): ParsedSearch {
  const text = (input ?? "").normalize("NFC").replace(CONTROL, " ").trim();
  if (length(text) > SEARCH_MAX_CHARS)
    return {
      ok: false,
      message: `A search can be at most ${SEARCH_MAX_CHARS} characters; shorten it.`,
    };
  const terms: string[] = [];
  // A quote left open runs to the end of the search.
  for (const m of text.matchAll(/"([^"]*)"?|([^\s"]+)/g)) {
    const term = (m[1] ?? m[2] ?? "").replace(/\s+/g, " ").trim();
    if (term && !terms.includes(term)) terms.push(term);
  }
  if (terms.length > SEARCH_MAX_TERMS)
    return {
      ok: false,
      message: `Use at most ${SEARCH_MAX_TERMS} words or phrases in one search.`,
    };
  if (terms.length > 0 && terms.every((t) => length(t) < SEARCH_MIN_INDEXED))
    return {
      ok: false,
      message: `Include at least one word of ${SEARCH_MIN_INDEXED} or more characters.`,
    };
  return { ok: true, terms };
}

/** A term for SQL LIKE with `\` as the escape character: % and _ match only themselves. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Terms as an FTS5 query: each a quoted string (a " inside doubled), all required. */
export function fts5Query(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(" AND ");
}
