import { inflateSync } from "node:zlib";

// Just enough PDF reading to check what our own case files say: pdf-lib writes each line with
// one `<hex> Tj` operator in a Flate-compressed content stream, in a WinAnsi standard font.
// Not a general PDF parser; tests use it to read back what the exporter wrote.

export function extractPdfText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes);
  const latin = buf.toString("latin1");
  const lines: string[] = [];
  const streamRe = /<<([^]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(latin))) {
    const dict = m[1];
    const start = m.index + m[0].length;
    const end = latin.indexOf("endstream", start);
    if (end < 0) break;
    let raw = buf.subarray(start, end);
    if (/\/FlateDecode/.test(dict)) {
      try {
        raw = inflateSync(raw);
      } catch {
        continue;
      }
    }
    const content = raw.toString("latin1");
    const tj = /<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;
    let t: RegExpExecArray | null;
    while ((t = tj.exec(content))) {
      if (t[1] !== undefined) {
        lines.push(Buffer.from(t[1].replace(/\s+/g, ""), "hex").toString("latin1"));
      } else {
        lines.push(t[2].replace(/\\(.)/g, "$1"));
      }
    }
    streamRe.lastIndex = end;
  }
  return lines.join("\n");
}

/**
 * Greedy line wrapping in one pass over the text: each character's width is looked up once
 * (the caller caches per character), words join a line while they fit, and a word wider than
 * the line is cut where the next character would overflow. Linear in the text's length, so a
 * 20,000-character "word" costs the same as 20,000 characters of prose. `charWidth` must be the
 * drawn width: pdf-lib draws standard fonts without kerning, so per-character sums are exact.
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
