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
