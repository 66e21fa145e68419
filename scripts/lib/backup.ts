import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

// Backup and restore of a SQLite deployment: the database through SQLite itself (VACUUM INTO
// reads one consistent snapshot while the server keeps writing; copying the file would miss
// what is still in the WAL) and the evidence files its rows name, with a manifest of hashes.
// PostgreSQL deployments use pg_dump/pg_restore (README).

export const MANIFEST = "manifest.json";
export const DATABASE_FILE = "database.db";
export const EVIDENCE_FOLDER = "evidence";

export type Manifest = {
  format: 1;
  createdAt: string;
  database: { file: string; bytes: number; sha256: string };
  counts: { incidents: number; caseEvents: number; evidence: number };
  evidence: { storedName: string; bytes: number; sha256: string }[];
  /** Rows whose file was not on disk at backup time (should be empty). */
  missingEvidence: string[];
};

export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(
      "This is not a SQLite database. For PostgreSQL use pg_dump and pg_restore (see the README, 'Backup and restore').",
    );
  }
  return path.resolve(databaseUrl.slice("file:".length).split("?")[0]);
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Takes a backup into `outDir` (created; must not exist or be empty). */
export async function backupSqlite(opts: {
  databaseUrl: string;
  evidenceDir: string;
  outDir: string;
}): Promise<Manifest> {
  const source = sqlitePath(opts.databaseUrl);
  if (!existsSync(source)) throw new Error(`No database at ${source}.`);
  if (existsSync(opts.outDir) && (await readdir(opts.outDir)).length > 0) {
    throw new Error(`${opts.outDir} is not empty.`);
  }
  await mkdir(path.join(opts.outDir, EVIDENCE_FOLDER), { recursive: true });
  const dbFile = path.join(opts.outDir, DATABASE_FILE);

  // One read transaction: a consistent snapshot, writers go on meanwhile (WAL).
  const live = new Database(source, { readonly: true, fileMustExist: true });
  live.pragma("busy_timeout = 10000");
  try {
    live.prepare("VACUUM INTO ?").run(dbFile);
  } finally {
    live.close();
  }

  // The evidence the snapshot names. A file is placed after its row commits, so a row in the
  // snapshot may still have its file as `<name>.part` for a moment: take that one then.
  const snapshot = new Database(dbFile, { readonly: true });
  let stored: { storedName: string; sha256: string }[];
  let counts: Manifest["counts"];
  try {
    stored = snapshot.prepare('SELECT "storedName", "sha256" FROM "Evidence"').all() as {
      storedName: string;
      sha256: string;
    }[];
    const count = (table: string) =>
      (snapshot.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    counts = {
      incidents: count("Incident"),
      caseEvents: count("CaseEvent"),
      evidence: stored.length,
    };
  } finally {
    snapshot.close();
  }
  const evidence: Manifest["evidence"] = [];
  const missingEvidence: string[] = [];
  for (const row of stored) {
    if (!STORED_NAME.test(row.storedName)) continue;
    const target = path.join(opts.outDir, EVIDENCE_FOLDER, row.storedName);
    const candidates = [row.storedName, `${row.storedName}.part`].map((n) =>
      path.join(opts.evidenceDir, n),
    );
    let copied = false;
    for (const from of candidates) {
      try {
        await copyFile(from, target);
        copied = true;
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    if (!copied) {
      missingEvidence.push(row.storedName);
      continue;
    }
    evidence.push({
      storedName: row.storedName,
      bytes: (await stat(target)).size,
      sha256: await sha256File(target),
    });
  }
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: {
      file: DATABASE_FILE,
      bytes: (await stat(dbFile)).size,
      sha256: await sha256File(dbFile),
    },
    counts,
    evidence,
    missingEvidence,
  };
  await writeFile(path.join(opts.outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function isEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/**
 * Restores a backup folder into a database file and evidence folder. Checks every hash in the
 * manifest first; refuses to overwrite an existing database or a non-empty evidence folder
 * unless `force`.
 */
export async function restoreSqlite(opts: {
  from: string;
  databaseUrl: string;
  evidenceDir: string;
  force: boolean;
}): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(path.join(opts.from, MANIFEST), "utf8")) as Manifest;
  if (manifest.format !== 1) throw new Error("Unknown backup format.");
  const dbBackup = path.join(opts.from, manifest.database.file);
  if ((await sha256File(dbBackup)) !== manifest.database.sha256) {
    throw new Error(`${dbBackup} does not match its manifest: the backup is damaged.`);
  }
  for (const e of manifest.evidence) {
    if (!STORED_NAME.test(e.storedName)) throw new Error(`Bad evidence name ${e.storedName}.`);
    const file = path.join(opts.from, EVIDENCE_FOLDER, e.storedName);
    if ((await sha256File(file)) !== e.sha256) {
      throw new Error(`${file} does not match its manifest: the backup is damaged.`);
    }
  }
  const target = sqlitePath(opts.databaseUrl);
  const occupied =
    (existsSync(target) && (await stat(target)).size > 0) || !(await isEmpty(opts.evidenceDir));
  if (occupied && !opts.force) {
    throw new Error(
      `${target} or ${opts.evidenceDir} already holds data. Restore into a fresh location, or add --force to replace it.`,
    );
  }
  await mkdir(path.dirname(target), { recursive: true });
  await mkdir(opts.evidenceDir, { recursive: true });
  // The database goes in whole or not at all; a stale WAL must not be replayed onto it.
  const temp = `${target}.restoring`;
  await copyFile(dbBackup, temp);
  for (const suffix of ["-wal", "-shm", "-journal"]) await rm(target + suffix, { force: true });
  await rename(temp, target);
  if (opts.force) {
    for (const entry of await readdir(opts.evidenceDir)) {
      await rm(path.join(opts.evidenceDir, entry), { recursive: true, force: true });
    }
  }
  for (const e of manifest.evidence) {
    const to = path.join(opts.evidenceDir, e.storedName);
    await copyFile(path.join(opts.from, EVIDENCE_FOLDER, e.storedName), `${to}.part`);
    await rename(`${to}.part`, to);
  }
  return manifest;
}
