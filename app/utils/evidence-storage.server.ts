import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { readForm } from "./read-form.server";
import {
  checkEvidenceType,
  EVIDENCE_MAX_FILE_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_MAX_TOTAL_BYTES,
  sanitiseFileName,
  SNIFF_BYTES,
  stripJpegMetadata,
  stripPngMetadata,
  stripWebpMetadata,
  tooLargeMessage,
  tooManyFilesMessage,
  TOTAL_TOO_LARGE_MESSAGE,
  unreadablePhotoMessage,
  type EvidenceMime,
} from "~/domain/evidence";
import { getEnv } from "./env.server";
import { parseMultipartForm, type MultipartPart } from "./multipart.server";

/**
 * Photos whose location metadata we remove before storing them. A stripper answers null for a
 * file it cannot read: that file is refused, never stored with its location.
 */
const METADATA_STRIPPERS: Partial<Record<string, (bytes: Uint8Array) => Uint8Array | null>> = {
  "image/jpeg": stripJpegMetadata,
  "image/png": stripPngMetadata,
  "image/webp": stripWebpMetadata,
};

// Evidence files on disk: outside public/, under random names, written while the upload
// streams in (never held whole in memory), refused past the limits. A file is written as
// `<storedName>.part` and renamed to `<storedName>` only after the transaction that records
// its row has committed (placeEvidence), so a crash leaves `.part` files, never a placed file
// without a row; sweepEvidenceOrphans removes what a crash left behind (or places a `.part`
// whose row did commit).

export function evidenceDir(): string {
  return path.resolve(getEnv().EVIDENCE_DIR);
}

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function storedPath(storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new Error("Bad stored evidence name");
  return path.join(evidenceDir(), storedName);
}

function partPath(storedName: string): string {
  return `${storedPath(storedName)}.part`;
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
  opts: { alreadyStoredBytes?: number; alreadyStoredFiles?: number } = {},
) {
  const errors: string[] = [];
  const pending: { storedName: string; tmp: string; fileName: string; size: number }[] = [];
  // Files added to an existing report count against the same 100 MB and 20 files as those
  // sent with it.
  let total = opts.alreadyStoredBytes ?? 0;
  let files = opts.alreadyStoredFiles ?? 0;
  let textTooLarge = false;

  async function drain(data: AsyncIterable<Uint8Array>) {
    for await (const chunk of data) void chunk;
  }

  async function handler(part: MultipartPart): Promise<string | undefined> {
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
    if (++files > EVIDENCE_MAX_FILES) {
      const message = tooManyFilesMessage(opts.alreadyStoredFiles ?? 0);
      if (!errors.includes(message)) errors.push(message);
      await drain(part.data);
      return undefined;
    }
    await mkdir(evidenceDir(), { recursive: true });
    const storedName = randomUUID();
    const tmp = partPath(storedName);
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
    pending.push({ storedName, tmp, fileName, size });
    return undefined;
  }

  /**
   * Checks every received file's type from its bytes and strips JPEG, PNG and WebP location
   * metadata. The files stay `.part` files until placeEvidence, after their rows commit.
   * Returns them, or the messages for the evidence field (and then nothing is kept).
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
      let sha256: string;
      let sizeBytes = p.size;
      const strip = METADATA_STRIPPERS[verdict.mimeType];
      if (strip) {
        const stripped = strip(await readFile(p.tmp));
        if (!stripped) {
          errors.push(unreadablePhotoMessage(p.fileName));
          await rm(p.tmp, { force: true });
          continue;
        }
        await writeFile(p.tmp, stripped);
        sizeBytes = stripped.length;
        sha256 = createHash("sha256").update(stripped).digest("hex");
      } else {
        sha256 = await hashFile(p.tmp);
      }
      files.push({
        fileName: sanitiseFileName(p.fileName),
        storedName: p.storedName,
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
  opts: {
    fileField: string;
    maxPlainBodyBytes: number;
    alreadyStoredBytes?: number;
    alreadyStoredFiles?: number;
  },
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
    const formData = await parseMultipartForm(request, uploads.handler);
    // The files are the upload handler's; never trust a text value under their name.
    formData.delete(opts.fileField);
    return { formData, uploads };
  } catch {
    await uploads.discard();
    return { malformed: true };
  }
}

/**
 * Moves files into place once the transaction that recorded their rows has committed. A file
 * already placed (the orphan sweep rolled it forward) is left as it is. Never throws: the
 * report is filed by now, and a file that could not be moved stays a `.part` that the sweep
 * places (its row exists).
 */
export async function placeEvidence(files: { storedName: string }[]) {
  for (const f of files) {
    try {
      await rename(partPath(f.storedName), storedPath(f.storedName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // placed by the sweep
      console.error(`evidence ${f.storedName} left for the sweep to place:`, error);
    }
  }
}

/** Deletes received files whose rows were not written (the form or the transaction failed). */
export async function discardEvidence(files: { storedName: string }[]) {
  await Promise.all(
    files.flatMap((f) => [
      rm(partPath(f.storedName), { force: true }),
      rm(storedPath(f.storedName), { force: true }),
    ]),
  );
}

export type EvidenceSweep = { removed: number; placed: number };

/**
 * Cleans EVIDENCE_DIR after a crash: a `.part` file whose row committed is moved into place;
 * any other `.part` file, and any placed file without a row, is removed once it is older than
 * `minAgeMs` (so uploads in flight in this or another process are left alone).
 * `hasRows` answers which of the given stored names have an evidence row.
 */
export async function sweepEvidenceOrphans(
  hasRows: (storedNames: string[]) => Promise<Set<string>>,
  opts: { minAgeMs: number; now?: Date },
): Promise<EvidenceSweep> {
  const result: EvidenceSweep = { removed: 0, placed: 0 };
  let entries: string[];
  try {
    entries = await readdir(evidenceDir());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return result;
    throw error;
  }
  const cutoff = (opts.now ?? new Date()).getTime() - opts.minAgeMs;
  const BATCH = 500;
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH).flatMap((entry) => {
      const part = entry.endsWith(".part");
      const storedName = part ? entry.slice(0, -".part".length) : entry;
      return STORED_NAME.test(storedName) ? [{ entry, storedName, part }] : [];
    });
    if (batch.length === 0) continue;
    const withRows = await hasRows([...new Set(batch.map((b) => b.storedName))]);
    for (const b of batch) {
      const file = path.join(evidenceDir(), b.entry);
      if (withRows.has(b.storedName)) {
        if (!b.part) continue;
        // The row committed but the process stopped before the file was placed.
        try {
          await rename(file, storedPath(b.storedName));
          result.placed++;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
        continue;
      }
      let mtime: number;
      try {
        mtime = (await stat(file)).mtimeMs;
      } catch {
        continue; // gone meanwhile
      }
      if (mtime > cutoff) continue;
      await rm(file, { force: true });
      result.removed++;
    }
  }
  return result;
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
