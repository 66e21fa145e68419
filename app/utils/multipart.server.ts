// A streaming multipart/form-data reader. Remix's own parser splits Content-Disposition on
// every ";" and "=", so a file named `a;b.jpg` or `x=1.png` (or one sent with a raw line break
// in its name) failed the whole form. Here the header is read as RFC 7578 and the HTML
// standard write it: quoted strings with escapes, `filename*` (RFC 5987), %22/%0D/%0A as
// browsers encode them, and a line without a colon taken as the continuation of the last.

export type MultipartPart = {
  name: string;
  filename?: string;
  contentType: string;
  data: AsyncIterable<Uint8Array>;
};

export class MultipartError extends Error {}

/** Header blocks longer than this are not from a browser. */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data Content-Type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const [type, ...params] = splitParams(contentType);
  if (type?.trim().toLowerCase() !== "multipart/form-data") return null;
  const boundary = params.find((p) => p.key === "boundary")?.value;
  return boundary && boundary.length <= 200 ? boundary : null;
}

type Param = { key: string; value: string };

/**
 * `form-data; name="x"; filename="a;b=c.jpg"` → ["form-data", {name}, {filename}]. A quoted
 * value ends at a quote followed by `;` or the end, so a stray quote inside a name (sent by a
 * client that did not escape it) stays part of the name.
 */
function splitParams(header: string): [string | undefined, ...Param[]] {
  const semi = header.indexOf(";");
  const first = semi === -1 ? header : header.slice(0, semi);
  const params: Param[] = [];
  let i = semi === -1 ? header.length : semi + 1;
  while (i < header.length) {
    while (i < header.length && /[\s;]/.test(header[i])) i++;
    const eq = header.indexOf("=", i);
    const nextSemi = header.indexOf(";", i);
    if (eq === -1 || (nextSemi !== -1 && nextSemi < eq)) {
      // A bare word with no value: skip it.
      i = nextSemi === -1 ? header.length : nextSemi + 1;
      continue;
    }
    const key = header.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < header.length && header[i] === " ") i++;
    let value = "";
    if (header[i] === '"') {
      i++;
      for (;;) {
        if (i >= header.length) break;
        const c = header[i];
        if (c === "\\" && i + 1 < header.length) {
          value += header[i + 1];
          i += 2;
          continue;
        }
        if (c === '"' && /^\s*(;|$)/.test(header.slice(i + 1))) {
          i++;
          break;
        }
        value += c;
        i++;
      }
    } else {
      const end = header.indexOf(";", i);
      value = header.slice(i, end === -1 ? header.length : end).trim();
      i = end === -1 ? header.length : end;
    }
    params.push({ key, value });
  }
  return [first, ...params];
}

function decodeExtValue(value: string): string | null {
  // RFC 5987: charset'language'percent-encoded
  const m = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(value);
  if (!m) return null;
  try {
    return decodeURIComponent(m[2]);
  } catch {
    return null;
  }
}

/** Name, file name and type of one part from its header lines. */
export function parsePartHeaders(block: string): Omit<MultipartPart, "data"> {
  const headers = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : "";
    if (colon > 0 && /^[!-9;-~]+$/.test(name)) {
      headers.set(name, line.slice(colon + 1).trim());
      last = name;
    } else if (last) {
      // A raw line break inside a header value (a file name with CR/LF): keep it as a space.
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
    }
  }
  const disposition = headers.get("content-disposition");
  if (!disposition) throw new MultipartError("A part has no Content-Disposition.");
  const [kind, ...params] = splitParams(disposition);
  if (kind?.trim().toLowerCase() !== "form-data") throw new MultipartError("Not form-data.");
  const get = (key: string) => params.find((p) => p.key === key)?.value;
  const name = get("name");
  if (name === undefined) throw new MultipartError("A part has no name.");
  const extended = get("filename*");
  const plain = get("filename");
  let filename = extended !== undefined ? (decodeExtValue(extended) ?? plain) : plain;
  if (filename !== undefined) {
    // What browsers write for a quote and line breaks in a file name.
    filename = filename.replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
    filename = filename.split(/[/\\]/).pop() ?? ""; // the base name only (RFC 7578 §4.2)
  }
  return {
    name,
    filename,
    contentType: headers.get("content-type") ?? "text/plain",
  };
}

/** Reads a byte stream with a look-ahead buffer. */
class Reader {
  private buf = Buffer.alloc(0);
  private done = false;
  private source: AsyncIterator<Uint8Array>;
  constructor(source: AsyncIterator<Uint8Array>) {
    this.source = source;
  }

  /** Reads more; false at the end of the stream. */
  async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.source.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : Buffer.from(r.value);
    return true;
  }
  get buffer() {
    return this.buf;
  }
  consume(n: number): Buffer {
    const head = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return head;
  }
}

/**
 * The parts of a multipart body, in order. Each part's data must be read (or left: it is then
 * skipped) before the next part is asked for. Throws MultipartError on a malformed body.
 */
export async function* readMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
): AsyncGenerator<MultipartPart> {
  const reader = new Reader(body[Symbol.asyncIterator]());
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);

  // Preamble up to the first boundary.
  for (;;) {
    const at = reader.buffer.indexOf(dashBoundary);
    if (at !== -1) {
      reader.consume(at + dashBoundary.length);
      break;
    }
    if (reader.buffer.length > dashBoundary.length) {
      reader.consume(reader.buffer.length - dashBoundary.length);
    }
    if (!(await reader.fill())) throw new MultipartError("No boundary in the body.");
  }

  for (;;) {
    // After a boundary: "--" ends the body, otherwise optional spaces and a line break.
    while (reader.buffer.length < 2) {
      if (!(await reader.fill())) throw new MultipartError("The body ends after a boundary.");
    }
    if (reader.buffer[0] === 0x2d && reader.buffer[1] === 0x2d) return;
    for (;;) {
      const eol = reader.buffer.indexOf(CRLF);
      if (eol !== -1) {
        if (reader.buffer.subarray(0, eol).toString("latin1").trim() !== "") {
          throw new MultipartError("Text after a boundary.");
        }
        reader.consume(eol + 2);
        break;
      }
      if (reader.buffer.length > 256) throw new MultipartError("Text after a boundary.");
      if (!(await reader.fill())) throw new MultipartError("The body ends after a boundary.");
    }

    // The part's headers, up to a blank line (an empty header block is a blank line alone).
    let block: string;
    for (;;) {
      if (reader.buffer.subarray(0, 2).equals(CRLF)) {
        reader.consume(2);
        block = "";
        break;
      }
      const end = reader.buffer.indexOf(HEADER_END);
      if (end !== -1) {
        block = reader.consume(end).toString("utf8");
        reader.consume(4);
        break;
      }
      if (reader.buffer.length > MAX_HEADER_BYTES) throw new MultipartError("Headers too long.");
      if (!(await reader.fill())) throw new MultipartError("The body ends in a header.");
    }
    const headers = parsePartHeaders(block);

    // The part's data, up to the next delimiter.
    let finished = false;
    const nextChunk = async (): Promise<Buffer | null> => {
      while (!finished) {
        const at = reader.buffer.indexOf(delimiter);
        if (at !== -1) {
          const chunk = reader.consume(at);
          reader.consume(delimiter.length);
          finished = true;
          return chunk.length ? chunk : null;
        }
        // Keep enough for a delimiter cut across two reads.
        const safe = reader.buffer.length - (delimiter.length - 1);
        if (safe > 0) return reader.consume(safe);
        if (!(await reader.fill())) throw new MultipartError("The body ends inside a part.");
      }
      return null;
    };
    const data: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const chunk = await nextChunk();
          return chunk ? { done: false, value: chunk } : { done: true, value: undefined };
        },
      }),
    };
    yield { ...headers, data };
    // Whatever the consumer did not read is skipped.
    while ((await nextChunk()) !== null);
  }
}

/**
 * Like Remix's unstable_parseMultipartFormData, with this reader: each part goes to the
 * handler, and what it returns (when not undefined) is appended to the form.
 */
export async function parseMultipartForm(
  request: Request,
  handler: (part: MultipartPart) => Promise<string | undefined>,
): Promise<FormData> {
  const boundary = multipartBoundary(request.headers.get("Content-Type") ?? "");
  if (!boundary || !request.body) throw new MultipartError("Not a multipart form.");
  const form = new FormData();
  const body = request.body as unknown as AsyncIterable<Uint8Array>;
  for await (const part of readMultipart(body, boundary)) {
    const value = await handler(part);
    if (value !== undefined) form.append(part.name, value);
  }
  return form;
}
