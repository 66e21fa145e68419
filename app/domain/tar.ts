// A minimal POSIX ustar writer: enough for an investigator bundle (regular files, short names)
// without adding an archive library. Each entry is a 512-byte header then the data padded to
// 512 bytes; two zero blocks end the archive. Readable by tar, 7-Zip and every archive tool.

export type TarEntry = { name: string; data: Uint8Array; mtime?: Date };

const BLOCK = 512;

function writeString(buf: Uint8Array, offset: number, length: number, value: string) {
  const bytes = new TextEncoder().encode(value);
  if (bytes.length > length) throw new Error(`tar field too long: ${value}`);
  buf.set(bytes, offset);
}

function writeOctal(buf: Uint8Array, offset: number, length: number, value: number) {
  // length - 1 digits, then a NUL.
  writeString(buf, offset, length, value.toString(8).padStart(length - 1, "0") + "\0");
}

function header(entry: TarEntry): Uint8Array {
  const h = new Uint8Array(BLOCK);
  if (new TextEncoder().encode(entry.name).length > 100) throw new Error("tar name too long");
  writeString(h, 0, 100, entry.name);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, entry.data.length);
  writeOctal(h, 136, 12, Math.floor((entry.mtime ?? new Date(0)).getTime() / 1000));
  h.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  h[156] = "0".charCodeAt(0);
  writeString(h, 257, 6, "ustar\0");
  writeString(h, 263, 2, "00");
  let sum = 0;
  for (const b of h) sum += b;
  writeString(h, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

export function buildTar(entries: TarEntry[]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const e of entries) {
    const padded = Math.ceil(e.data.length / BLOCK) * BLOCK;
    parts.push(header(e));
    const body = new Uint8Array(padded);
    body.set(e.data);
    parts.push(body);
    size += BLOCK + padded;
  }
  parts.push(new Uint8Array(BLOCK * 2));
  size += BLOCK * 2;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads a tar built by buildTar (or any ustar of regular files): name → bytes. */
export function readTar(tar: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const dec = new TextDecoder();
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    const name = dec.decode(h.subarray(0, 100)).replace(/\0.*$/s, "");
    const size = parseInt(dec.decode(h.subarray(124, 136)).replace(/\0.*$/s, "").trim(), 8);
    files.set(name, tar.slice(at + BLOCK, at + BLOCK + size));
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
