import { describe, expect, it } from "vitest";
import {
  fts5Query,
  likeContains,
  parseSearch,
  SEARCH_MAX_CHARS,
  SEARCH_MAX_TERMS,
} from "~/domain/search-query";

describe("parseSearch", () => {
  it("splits words, keeps quoted phrases whole and drops repeats", () => {
    expect(parseSearch('  shouted  "call centre"  shouted ')).toEqual({
      ok: true,
      terms: ["shouted", "call centre"],
    });
    expect(parseSearch('threat "left open')).toEqual({ ok: true, terms: ["threat", "left open"] });
    expect(parseSearch("")).toEqual({ ok: true, terms: [] });
    expect(parseSearch(null)).toEqual({ ok: true, terms: [] });
    expect(parseSearch('""')).toEqual({ ok: true, terms: [] });
  });

  it("drops control characters and keeps search operators as plain text", () => {
    expect(parseSearch("a\u0000bc\tNEAR( -x *")).toEqual({
      ok: true,
      terms: ["a", "bc", "NEAR(", "-x", "*"],
    });
  });

  it("refuses what the index cannot take, with a message", () => {
    const long = parseSearch("x".repeat(SEARCH_MAX_CHARS + 1));
    expect(long.ok).toBe(false);
    expect(parseSearch("x".repeat(SEARCH_MAX_CHARS)).ok).toBe(true);
    const many = parseSearch(
      Array.from({ length: SEARCH_MAX_TERMS + 1 }, (_, i) => `w${i}x`).join(" "),
    );
    expect(many).toEqual({ ok: false, message: expect.stringMatching(/at most 8/) });
    expect(parseSearch("ab cd")).toEqual({
      ok: false,
      message: expect.stringMatching(/3 or more characters/),
    });
    // Characters, not UTF-16 units: three emoji are a term of three.
    expect(parseSearch("🙂🙂🙂")).toEqual({ ok: true, terms: ["🙂🙂🙂"] });
  });
});

describe("query text", () => {
  it("quotes every term for FTS5, doubling quotes inside", () => {
    expect(fts5Query(["NEAR(", 'say "hi"'])).toBe('"NEAR(" AND "say ""hi"""');
  });

  it("escapes LIKE wildcards", () => {
    expect(likeContains("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});
