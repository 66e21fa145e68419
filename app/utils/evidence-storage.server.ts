import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { createReadableStreamFromReadable, unstable_parseMultipartFormData } from "@remix-run/node";
import { readForm } from "./read-form.server";
import {
  checkEvidenceType,
  EVIDENCE_MAX_FILE_BYTES,
  EVIDENCE_MAX_TOTAL_BYTES,
  sanitiseFileName,
  SNIFF_BYTES,
  stripJpegMetadata,
  stripPngMetadata,
  stripWebpMetadata,
  tooLargeMessage,
  TOTAL_TOO_LARGE_MESSAGE,
  type EvidenceMime,
} from "~/domain/evidence";
import { getEnv } from "./env.server";

/** Photos whose location metadata we remove before storing them. */
const METADATA_STRIPPERS: Partial<Record<string, (bytes: Uint8Array) => Uint8Array>> = {
  "image/jpeg": stripJpegMetadata,
  "image/png": stripPngMetadata,
  "image/webp": stripWebpMetadata,
};

// Evidence files on disk: outside public/, under random names, written while the upload
// streams in (never held whole in memory), refused past the limits.

export function evidenceDir(): string {
  return path.resolve(getEnv().EVIDENCE_DIR);
}

function storedPath(storedName: string): string {
  if (!/^[0-9a-f-]{36}$/.test(storedName)) throw new Error("Bad stored evidence name");
  return path.join(evidenceDir(), storedName);
}

export type StoredEvidence = {
  fileName: string;
  storedName: string;
  mimeType: EvidenceMime;
  sizeBytes: number;
  sha256: string;
};

/** Text fields of a multipart form larger than this are not from our form. */
const MAX_TEXT_FIELD_BYTES = 256 * 1024;

type Part = {
  name: string;
  filename?: string;
  contentType: string;
  data: AsyncIterable<Uint8Array>;
};

/**
 * An upload handler for unstable_parseMultipartFormData. Text fields become strings. Each
 * file streams to a temporary file in EVIDENCE_DIR; past 25 MB (or 100 MB for the whole
 * report) it stops writing, drains the rest of the part without keeping it, and records an
 * error for the field, so the other fields still arrive and the form can be answered with a
 * message and everything typed. Files are checked from their bytes and JPEGs lose their
 * metadata in `finish()`.
 */
export function createEvidenceUploads(
  fileField: string,
  opts: { alreadyStoredBytes?: number } = {},
) {
  const errors: string[] = [];
  const pending: { tmp: string; fileName: string; size: number }[] = [];
  // Files added to an existing report count against the same 100 MB as those sent with it.
  let total = opts.alreadyStoredBytes ?? 0;
  let textTooLarge = false;

  async function drain(data: AsyncIterable<Uint8Array>) {
    for await (const chunk of data) void chunk;
  }

  async function handler(part: Part): Promise<string | undefined> {
    if (part.filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of part.data) {
        size += chunk.length;
        if (size <= MAX_TEXT_FIELD_BYTES) chunks.push(chunk);
      }
      if (size > MAX_TEXT_FIELD_BYTES) {
        textTooLarge = true;
        return undefined;
      }
      return Buffer.concat(chunks).toString("utf8");
    }
    if (part.name !== fileField || part.filename === "") {
      await drain(part.data); // no file chosen, or a file where none belongs
      return undefined;
    }
    const fileName = part.filename;
    await mkdir(evidenceDir(), { recursive: true });
    const tmp = path.join(evidenceDir(), `${randomUUID()}.part`);
    const out: WriteStream = createWriteStream(tmp, { flags: "wx" });
    let size = 0;
    let refused: string | null = null;
    try {
      for await (const chunk of part.data) {
        if (refused) continue;
        size += chunk.length;
        if (size > EVIDENCE_MAX_FILE_BYTES) refused = tooLargeMessage(fileName);
        else if (total + size > EVIDENCE_MAX_TOTAL_BYTES) refused = TOTAL_TOO_LARGE_MESSAGE;
        else if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      }
    } finally {
      await new Promise<void>((resolve) => out.end(resolve));
    }
    if (refused) {
      await rm(tmp, { force: true });
      if (!errors.includes(refused)) errors.push(refused);
      return undefined;
    }
    total += size;
    pending.push({ tmp, fileName, size });
    return undefined;
  }

  /**
   * Checks every received file's type from its bytes, strips JPEG and PNG location metadata and gives each its
   * final random name. Returns the stored files, or the messages for the evidence field (and
   * then nothing is kept).
   */
  async function finish(): Promise<{ files: StoredEvidence[]; errors: string[] }> {
    const files: StoredEvidence[] = [];
    for (const p of pending) {
      const head = await readHead(p.tmp);
      const verdict = checkEvidenceType(p.fileName, head);
      if (!verdict.ok) {
        errors.push(verdict.message);
        await rm(p.tmp, { force: true });
        continue;
      }
      const storedName = randomUUID();
      let sha256: string;
      let sizeBytes = p.size;
      const strip = METADATA_STRIPPERS[verdict.mimeType];
      if (strip) {
        const original = await readFile(p.tmp);
        const stripped = strip(original);
        await writeFile(p.tmp, stripped);
        sizeBytes = stripped.length;
        sha256 = createHash("sha256").update(stripped).digest("hex");
      } else {
        sha256 = await hashFile(p.tmp);
      }
      await rename(p.tmp, storedPath(storedName));
      files.push({
        fileName: sanitiseFileName(p.fileName),
        storedName,
        mimeType: verdict.mimeType,
        sizeBytes,
        sha256,
      });
    }
    pending.length = 0;
    if (errors.length > 0) {
      await discardEvidence(files);
      return { files: [], errors };
    }
    return { files, errors };
  }

  /** Removes whatever was received (the form failed for another reason). */
  async function discard() {
    await Promise.all(pending.map((p) => rm(p.tmp, { force: true })));
    pending.length = 0;
  }

  return { handler, finish, discard, textTooLarge: () => textTooLarge };
}

async function readHead(file: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(file, { start: 0, end: SNIFF_BYTES - 1 })) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= SNIFF_BYTES) break;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** With files: the evidence limit plus room for the text fields. */
const MAX_MULTIPART_BYTES = EVIDENCE_MAX_TOTAL_BYTES + 2 * 1024 * 1024;

export type UploadForm =
  | { formData: FormData; uploads: ReturnType<typeof createEvidenceUploads> | null }
  | { tooLarge: true }
  | { malformed: true };

/**
 * Reads a form that may carry evidence: text fields as usual, files streamed to disk by the
 * upload handler. A body past the limits is refused before it is read.
 */
export async function readFormWithEvidence(
  request: Request,
  opts: { fileField: string; maxPlainBodyBytes: number; alreadyStoredBytes?: number },
): Promise<UploadForm> {
  const type = request.headers.get("Content-Type") ?? "";
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (!type.startsWith("multipart/form-data")) {
    if (length > opts.maxPlainBodyBytes) return { tooLarge: true };
    const formData = await readForm(request); // not a form: a 415/400 page, never a 500
    formData.delete(opts.fileField);
    return { formData, uploads: null };
  }
  if (length > MAX_MULTIPART_BYTES) return { tooLarge: true };
  const uploads = createEvidenceUploads(opts.fileField, opts);
  try {
    const formData = await unstable_parseMultipartFormData(request, uploads.handler);
    // The files are the upload handler's; never trust a text value under their name.
    formData.delete(opts.fileField);
    return { formData, uploads };
  } catch {
    await uploads.discard();
    return { malformed: true };
  }
}

/** Deletes stored files (a transaction that would have recorded them failed). */
export async function discardEvidence(files: { storedName: string }[]) {
  await Promise.all(files.map((f) => rm(storedPath(f.storedName), { force: true })));
}

/** A stored file as a download stream, or null when it is missing on disk. */
export async function openEvidence(storedName: string) {
  const file = storedPath(storedName);
  try {
    await stat(file);
  } catch {
    return null;
  }
  return createReadableStreamFromReadable(createReadStream(file) as Readable);
}
