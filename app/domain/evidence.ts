// Evidence files: what we accept, how we recognise it from its bytes (never from its name or
// the browser's word), and removing a photo's location. Pure functions, no I/O.

/** The form field the files are posted under, on the report form and on a report's page. */
export const EVIDENCE_FIELD = "evidence";
export const EVIDENCE_MAX_FILE_BYTES = 25 * 1024 * 1024;
export const EVIDENCE_MAX_TOTAL_BYTES = 100 * 1024 * 1024;
/** Files one report can hold, those sent with it and those added later together. */
export const EVIDENCE_MAX_FILES = 20;
/** How many leading bytes sniffEvidenceType needs. */
export const SNIFF_BYTES = 4096;

// No HEIC: we cannot remove a HEIC photo's location yet, and leaving it out of `accept` makes
// iPhones send the photo as a JPEG instead.
export const EVIDENCE_ACCEPT =
  "image/jpeg,image/png,image/gif,image/webp,application/pdf,audio/*,.m4a,text/plain,.txt,.eml,message/rfc822";

export type EvidenceMime =
  | "image/jpeg"
  | "image/png"
  | "image/gif"
  | "image/webp"
  | "image/heic"
  | "application/pdf"
  | "audio/mpeg"
  | "audio/mp4"
  | "audio/wav"
  | "audio/ogg"
  | "text/plain"
  | "message/rfc822";

const EXTENSIONS: Record<string, EvidenceMime[]> = {
  jpg: ["image/jpeg"],
  jpeg: ["image/jpeg"],
  png: ["image/png"],
  gif: ["image/gif"],
  webp: ["image/webp"],
  heic: ["image/heic"],
  heif: ["image/heic"],
  pdf: ["application/pdf"],
  mp3: ["audio/mpeg"],
  m4a: ["audio/mp4"],
  wav: ["audio/wav"],
  ogg: ["audio/ogg"],
  oga: ["audio/ogg"],
  opus: ["audio/ogg"],
  txt: ["text/plain", "message/rfc822"],
  text: ["text/plain", "message/rfc822"],
  eml: ["message/rfc822"],
};

const KIND_WORDS: Record<EvidenceMime, string> = {
  "image/jpeg": "a JPEG photo",
  "image/png": "a PNG image",
  "image/gif": "a GIF image",
  "image/webp": "a WebP image",
  "image/heic": "a HEIC photo",
  "application/pdf": "a PDF",
  "audio/mpeg": "an MP3 recording",
  "audio/mp4": "an M4A recording",
  "audio/wav": "a WAV recording",
  "audio/ogg": "an Ogg recording",
  "text/plain": "a text file",
  "message/rfc822": "a saved e-mail",
};

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = "";
  for (let i = start; i < Math.min(bytes.length, start + length); i++) {
    s += String.fromCharCode(bytes[i]);
  }
  return s;
}

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** Header lines of an RFC 822 message ("Name: value", folded lines allowed) before a blank line. */
const HEADER_LINE = /^[!-9;-~]+:[ \t]?.*$/;
const MAIL_HEADERS = /^(from|to|subject|date|received|message-id|mime-version|return-path):/i;

function looksLikeEmail(text: string): boolean {
  const lines = text.split(/\r?\n/);
  let headers = 0;
  let known = 0;
  for (const line of lines) {
    if (line === "") return headers >= 2 && known >= 2;
    if (/^[ \t]/.test(line) && headers > 0) continue; // folded header
    if (!HEADER_LINE.test(line)) return false;
    headers++;
    if (MAIL_HEADERS.test(line)) known++;
  }
  // The whole head was headers (a long header block cut off by the sniff window).
  return headers >= 2 && known >= 2;
}

const HTML_START = /^\s*(<!doctype\s+html|<html|<head|<body|<script|<svg|<\?xml|<iframe)/i;

function decodeUtf8Head(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  // A multi-byte character may be cut at the end of the window: drop up to 3 trailing bytes
  // of an incomplete sequence before decoding strictly.
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
  } catch {
    return null;
  }
  // Text has no NULs and almost no control characters.
  // eslint-disable-next-line no-control-regex
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (text.includes("\u0000") || controls > 0) return null;
  return text;
}

/** The file's type from its first bytes, or null when it is nothing we accept. */
export function sniffEvidenceType(head: Uint8Array): EvidenceMime | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  const first6 = ascii(head, 0, 6);
  if (first6 === "GIF87a" || first6 === "GIF89a") return "image/gif";
  if (ascii(head, 0, 4) === "RIFF") {
    const form = ascii(head, 8, 4);
    if (form === "WEBP") return "image/webp";
    if (form === "WAVE") return "audio/wav";
    return null;
  }
  if (ascii(head, 0, 5) === "%PDF-") return "application/pdf";
  if (ascii(head, 0, 4) === "OggS") return "audio/ogg";
  if (ascii(head, 0, 3) === "ID3") return "audio/mpeg";
  // An MPEG audio frame header: 11 sync bits, then a layer other than "reserved".
  if (head.length >= 4 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0)
    return "audio/mpeg";
  if (ascii(head, 4, 4) === "ftyp") {
    const brand = ascii(head, 8, 4);
    if (["M4A ", "M4B "].includes(brand)) return "audio/mp4";
    if (["heic", "heix", "heim", "heis", "mif1", "msf1", "hevc"].includes(brand))
      return "image/heic";
    return null;
  }
  const text = decodeUtf8Head(head[0] === 0xef && head[1] === 0xbb ? head.subarray(3) : head);
  if (text === null || text.trim() === "") return null;
  if (HTML_START.test(text)) return null; // a web page is not evidence, whatever its name
  return looksLikeEmail(text) ? "message/rfc822" : "text/plain";
}

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export type EvidenceVerdict = { ok: true; mimeType: EvidenceMime } | { ok: false; message: string };

/**
 * Whether a file is one we accept: its bytes must be a type we know, and when its name has an
 * extension we know, the bytes must be what the name says (an HTML page named photo.jpg is not).
 */
export function checkEvidenceType(fileName: string, head: Uint8Array): EvidenceVerdict {
  const name = displayName(fileName);
  if (head.length === 0) return { ok: false, message: `${name} is empty.` };
  const sniffed = sniffEvidenceType(head);
  const expected = EXTENSIONS[fileExtension(fileName)];
  if (expected && (!sniffed || !expected.includes(sniffed))) {
    return {
      ok: false,
      message: `${name} does not contain what its name says (it should be ${KIND_WORDS[expected[0]]}).`,
    };
  }
  if (!sniffed) {
    return {
      ok: false,
      message: `${name} is not a type we accept (photos, PDFs, audio recordings, text or saved e-mails).`,
    };
  }
  if (sniffed === "image/heic") {
    return {
      ok: false,
      message: `${name} is a HEIC photo, whose location we cannot remove yet. Please send it as a JPEG or a screenshot.`,
    };
  }
  // A .txt that happens to start with mail headers is still stored as the text it says it is.
  if (expected?.[0] === "text/plain") return { ok: true, mimeType: "text/plain" };
  return { ok: true, mimeType: sniffed };
}

/** A safe file name to store and to offer on download: no paths, controls or odd characters. */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .replace(/[\r\n\t]+/g, " ") // a line break in a name reads as a space
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069"<>:|?*]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 120);
  return cleaned || "evidence";
}

function displayName(name: string): string {
  return `"${sanitiseFileName(name)}"`;
}

export function tooLargeMessage(fileName: string): string {
  return `${displayName(fileName)} is larger than 25 MB. Please send a smaller file.`;
}

export function tooManyFilesMessage(alreadyStored: number): string {
  const left = Math.max(0, EVIDENCE_MAX_FILES - alreadyStored);
  return alreadyStored > 0
    ? `A report can hold ${EVIDENCE_MAX_FILES} files; this one has room for ${left} more. Please choose fewer files.`
    : `A report can hold ${EVIDENCE_MAX_FILES} files. Please choose fewer files, or put several photos into one PDF.`;
}

export const TOTAL_TOO_LARGE_MESSAGE =
  "Together these files are larger than 100 MB. Please send fewer or smaller files.";

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;

/** The EXIF orientation (2–8) in an APP1 segment's payload, or null (none, upright or bad). */
export function exifOrientation(payload: Uint8Array): number | null {
  if (!startsWith(payload, EXIF_HEADER)) return null;
  const t = payload.subarray(EXIF_HEADER.length);
  const little = t[0] === 0x49 && t[1] === 0x49; // "II"
  if (!little && !(t[0] === 0x4d && t[1] === 0x4d)) return null; // nor "MM"
  const u16 = (o: number) =>
    o + 2 > t.length ? -1 : little ? t[o] | (t[o + 1] << 8) : (t[o] << 8) | t[o + 1];
  const u32 = (o: number) =>
    o + 4 > t.length ? -1 : little ? u16(o) + u16(o + 2) * 0x10000 : u16(o) * 0x10000 + u16(o + 2);
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  const count = u16(ifd);
  if (ifd < 8 || count < 0) return null;
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > t.length) return null;
    if (u16(entry) === ORIENTATION_TAG && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 2 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 segment whose EXIF holds nothing but an orientation. */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation];
  const payload = [...EXIF_HEADER, ...tiff, 0, 0, 0, 0, 0, 0]; // value padding, no next IFD
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Why a photo was refused: we could not read it, so we could not be sure its location is gone.
 * Stripping fails closed (docs/decisions/016-evidence-stripping-fails-closed.md).
 */
export function unreadablePhotoMessage(fileName: string): string {
  return `${displayName(fileName)} could not be read as a photo, so we cannot remove its location. Please take a screenshot of it and send that instead.`;
}

/**
 * A JPEG without its APP1 segments (EXIF, which holds the GPS position, and XMP), APP13
 * (Photoshop/IPTC, which can hold a location), comments, and anything after its end marker.
 * Everything else is kept byte for byte, scans included (each scan's data is walked to the
 * next marker, so segments between the scans of a progressive JPEG are checked too), and an
 * orientation other than upright is written back in a minimal EXIF segment of its own.
 * Returns null when the file is not a well-formed JPEG: it is then refused, never stored as is.
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array | null {
  if (!startsWith(jpeg, [0xff, 0xd8])) return null;
  const out: Uint8Array[] = [jpeg.subarray(0, 2)];
  let keptOrientation = false;
  let scans = 0;
  let i = 2;
  for (;;) {
    if (i >= jpeg.length || jpeg[i] !== 0xff) return null; // a marker must be here
    let j = i;
    while (j < jpeg.length && jpeg[j] === 0xff) j++; // fill bytes
    const marker = jpeg[j];
    if (marker === undefined || marker === 0x00) return null;
    if (marker === 0xd9) {
      // End of image. Bytes after it (a hidden second image, appended data) are not kept.
      out.push(jpeg.subarray(i, j + 1));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(jpeg.subarray(i, j + 1));
      i = j + 1;
      continue;
    }
    if (j + 2 >= jpeg.length) return null;
    const length = (jpeg[j + 1] << 8) | jpeg[j + 2];
    const end = j + 1 + length;
    if (length < 2 || end > jpeg.length) return null;
    if (marker === 0xda) {
      // Start of scan: its header, then entropy-coded data up to the next real marker
      // (0xFF 0x00 is a data byte, 0xFF 0xD0–D7 a restart inside the scan).
      let k = end;
      while (k < jpeg.length) {
        if (jpeg[k] === 0xff) {
          const next = jpeg[k + 1];
          if (next === undefined) return null;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
          k += 2;
        } else k++;
      }
      if (k >= jpeg.length) return null; // cut off before its end marker
      out.push(jpeg.subarray(i, k));
      scans++;
      i = k;
      continue;
    }
    if (marker === 0xe1 && !keptOrientation) {
      // Without its orientation a portrait photo of a letter shows on its side.
      const orientation = exifOrientation(jpeg.subarray(j + 3, end));
      if (orientation) {
        out.push(orientationSegment(orientation));
        keptOrientation = true;
      }
    } else if (marker !== 0xe1 && marker !== 0xed && marker !== 0xfe) {
      out.push(jpeg.subarray(i, end));
    }
    i = end;
  }
  return scans > 0 ? concat(out) : null;
}

/** PNG chunks that carry text or EXIF: XMP ("XML:com.adobe.xmp"), "Raw profile type exif", GPS. */
const PNG_METADATA_CHUNKS = new Set(["tEXt", "zTXt", "iTXt", "eXIf"]);

/**
 * A PNG without its text chunks and eXIf (any of which can hold a GPS position: XMP in iTXt,
 * an EXIF profile in zTXt); other chunks are kept as they are (each carries its own checksum,
 * so dropping whole chunks keeps the file valid), and nothing after IEND. Returns null when
 * the file is not a well-formed PNG.
 */
export function stripPngMetadata(png: Uint8Array): Uint8Array | null {
  if (!startsWith(png, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return null;
  const keep: Uint8Array[] = [png.subarray(0, 8)];
  let i = 8;
  for (;;) {
    if (i + 12 > png.length) return null; // cut off before IEND
    const length = ((png[i] << 24) | (png[i + 1] << 16) | (png[i + 2] << 8) | png[i + 3]) >>> 0;
    const end = i + 12 + length;
    if (end > png.length) return null;
    const type = ascii(png, i + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return null;
    if (!PNG_METADATA_CHUNKS.has(type)) keep.push(png.subarray(i, end));
    i = end;
    if (type === "IEND") break;
  }
  return concat(keep);
}

/**
 * A WebP without its EXIF and XMP chunks (where a phone puts the GPS position), with the
 * extended header's flags and the RIFF size corrected. Returns null when it is not a
 * well-formed WebP.
 */
export function stripWebpMetadata(webp: Uint8Array): Uint8Array | null {
  const ascii = (at: number) => String.fromCharCode(...webp.subarray(at, at + 4));
  if (webp.length < 12 || ascii(0) !== "RIFF" || ascii(8) !== "WEBP") return null;
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  const kept: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= webp.length) {
    const fourcc = ascii(i);
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size % 2); // chunks are padded to an even length
    if (end > webp.length) return null;
    if (fourcc !== "EXIF" && fourcc !== "XMP ") {
      const chunk = webp.slice(i, end);
      if (fourcc === "VP8X" && size >= 1) chunk[8] &= ~(0x08 | 0x04); // no EXIF, no XMP
      kept.push(chunk);
    }
    i = end;
  }
  const total = 12 + kept.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  out.set(webp.subarray(0, 12));
  new DataView(out.buffer).setUint32(4, total - 8, true);
  let at = 12;
  for (const c of kept) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
