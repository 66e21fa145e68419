// Text for the case-file PDF: what its embedded font can draw, and line wrapping. Pure; the
// font itself is loaded in app/models/case-file-pdf.server.ts.

// Letters the font lacks that have a faithful stand-in it has (Romanian comma-below letters
// were written with cedillas for decades; readers read them the same).
const STAND_INS: Record<string, string> = {
  "\u0218": "\u015E",
  "\u0219": "\u015F",
  "\u021A": "\u0162",
  "\u021B": "\u0163",
  "\u1E9E": "SS",
  "\u00A0": " ",
  "\u202F": " ",
};

/**
 * The text as the font can draw it, every character kept where the font has it: NFC first (so
 * "e" + combining accent is the one accented letter the font has), tabs as spaces, line breaks
 * kept for the wrapper. A character the font lacks becomes its stand-in, else its base letter
 * without accents (Vietnamese "ệ" as "e"), else "?" (emoji, scripts the font does not cover).
 */
export function fitToFont(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = "";
  for (const ch of text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, "    ")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\n") out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += "?";
    else if (hasGlyph(code)) out += ch;
    else if (STAND_INS[ch] !== undefined) out += STAND_INS[ch];
    else {
      const base = ch.normalize("NFD")[0];
      out += base !== ch && hasGlyph(base.codePointAt(0) ?? 0) ? base : "?";
    }
  }
  return out;
}

/**
 * Greedy line wrapping in one pass over the text: each character's width is looked up once
 * (the caller caches per character), words join a line while they fit, and a word wider than
 * the line is cut where the next character would overflow. Linear in the text's length, so a
 * 20,000-character "word" costs the same as 20,000 characters of prose. `charWidth` must be the
 * drawn width: the case file draws each character as one glyph at its advance, without kerning
 * or ligatures, so per-character sums are exact.
 */
export function wrapText(
  text: string,
  charWidth: (ch: string) => number,
  maxWidth: number,
): string[] {
  const out: string[] = [];
  const spaceWidth = charWidth(" ");
  const widthOf = (s: string) => {
    let w = 0;
    for (const ch of s) w += charWidth(ch);
    return w;
  };
  for (const para of text.split(/\r?\n/)) {
    let line = "";
    let lineWidth = 0;
    for (const word of para.split(/ +/)) {
      const wordWidth = widthOf(word);
      if (line && lineWidth + spaceWidth + wordWidth <= maxWidth) {
        line += ` ${word}`;
        lineWidth += spaceWidth + wordWidth;
        continue;
      }
      if (line) out.push(line);
      if (wordWidth <= maxWidth) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      // Too wide for any line: cut it character by character (at least one per line).
      line = "";
      lineWidth = 0;
      for (const ch of word) {
        const w = charWidth(ch);
        if (line && lineWidth + w > maxWidth) {
          out.push(line);
          line = "";
          lineWidth = 0;
        }
        line += ch;
        lineWidth += w;
      }
    }
    out.push(line);
  }
  return out;
}
