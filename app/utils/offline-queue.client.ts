import { draftKey } from "~/components/report-form/use-report-draft";
import { classifySendAnswer } from "~/domain/offline";
import {
  EVIDENCE_MAX_FILE_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_MAX_TOTAL_BYTES,
} from "~/domain/evidence";

// Reports written without a signal wait here, in IndexedDB on this device (decision 080): the
// form's fields, its submission key and the chosen evidence files. They are sent when the
// connection returns (the `online` event, each page load, a periodic check); the submission key
// makes the server file each one once however often the send is retried. Sign-out removes
// everything kept here.

const DB_NAME = "incident-portal-offline";
const STORE = "outbox";
export const OUTBOX_CHANGED = "offline-outbox-changed";

export type OutboxFile = { name: string; type: string; blob: Blob };
export type OutboxItem = {
  submissionKey: string;
  userId: string;
  savedAt: string;
  state: "waiting" | "attention" | "sent";
  fields: [string, string][];
  files: OutboxFile[];
  /** The phone had no room for the files: the report waits without them. */
  filesLeftOut?: boolean;
  /** The session ended: sending resumes once the person signs in again. */
  signInNeeded?: boolean;
  /** The server refused it as it is (400/409/413); a 409 also spent its key. */
  keySpent?: boolean;
  reference?: string;
  sentAt?: string;
};

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "submissionKey" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  fn: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

function announce() {
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
}

export async function listOutbox(): Promise<OutboxItem[]> {
  if (typeof indexedDB === "undefined") return [];
  try {
    return ((await withStore("readonly", (s) => s.getAll())) as OutboxItem[] | undefined) ?? [];
  } catch {
    return [];
  }
}

async function putItem(item: OutboxItem) {
  await withStore("readwrite", (s) => s.put(item));
}

export async function removeOutboxItem(submissionKey: string) {
  await withStore("readwrite", (s) => s.delete(submissionKey));
  announce();
}

/** Files as the form checked them: the same limits the server applies. */
function evidenceWithinLimits(files: File[]): boolean {
  const total = files.reduce((n, f) => n + f.size, 0);
  return (
    files.length <= EVIDENCE_MAX_FILES &&
    total <= EVIDENCE_MAX_TOTAL_BYTES &&
    files.every((f) => f.size > 0 && f.size <= EVIDENCE_MAX_FILE_BYTES)
  );
}

/** Keeps a report on this device until it can be sent. Returns what was kept. */
export async function keepReport(userId: string, formData: FormData): Promise<OutboxItem> {
  const fields: [string, string][] = [];
  const files: File[] = [];
  for (const [name, value] of formData) {
    if (typeof value === "string") fields.push([name, value]);
    else if (value.name !== "" && value.size > 0) files.push(value);
  }
  const submissionKey =
    fields.find(([n]) => n === "submissionKey")?.[1] || globalThis.crypto.randomUUID();
  if (!fields.some(([n]) => n === "submissionKey")) fields.push(["submissionKey", submissionKey]);
  const item: OutboxItem = {
    submissionKey,
    userId,
    savedAt: new Date().toISOString(),
    state: "waiting",
    fields,
    files: evidenceWithinLimits(files)
      ? files.map((f) => ({ name: f.name, type: f.type, blob: f }))
      : [],
    filesLeftOut: files.length > 0 && !evidenceWithinLimits(files),
  };
  try {
    await putItem(item);
  } catch (error) {
    // Usually the phone's storage is full: keep the words, say the files were left out.
    if (item.files.length === 0) throw error;
    item.files = [];
    item.filesLeftOut = true;
    await putItem(item);
  }
  announce();
  return item;
}

let sending = false;

/**
 * Sends this person's waiting reports, one at a time. A plain form post to the filing page
 * (redirects followed): its final address says whether it was filed (see classifySendAnswer).
 */
export async function sendWaitingReports(userId: string): Promise<void> {
  if (sending || typeof indexedDB === "undefined") return;
  sending = true;
  try {
    const run = async () => {
      const waiting = (await listOutbox()).filter(
        (i) => i.userId === userId && i.state === "waiting",
      );
      for (const item of waiting) {
        const body = new FormData();
        for (const [name, value] of item.fields) body.append(name, value);
        for (const f of item.files) body.append("evidence", f.blob, f.name);
        let res: Response;
        try {
          res = await fetch("/reports/new", {
            method: "POST",
            body,
            credentials: "same-origin",
            redirect: "follow",
          });
        } catch {
          return; // still no connection: try again later
        }
        const outcome = classifySendAnswer(res.status, res.url);
        if (outcome.kind === "filed") {
          // Only the reference stays, to say it has gone; the words and files are removed.
          await putItem({
            ...item,
            state: "sent",
            fields: [],
            files: [],
            reference: outcome.reference,
            sentAt: new Date().toISOString(),
          });
        } else if (outcome.kind === "sign-in") {
          await putItem({ ...item, signInNeeded: true });
        } else if (outcome.kind === "refused") {
          await putItem({ ...item, state: "attention", keySpent: outcome.keySpent });
        }
        announce();
        if (outcome.kind !== "filed" && outcome.kind !== "refused") return;
      }
    };
    // One tab sends at a time (the submission key would make a second send harmless anyway).
    if (navigator.locks) await navigator.locks.request("report-outbox", run);
    else await run();
  } finally {
    sending = false;
  }
}

/**
 * A report the server refused as it is goes back into the form's draft (files have to be
 * chosen again), so the person can see what to change and send it themselves.
 */
export async function reopenInForm(item: OutboxItem) {
  const fields: Record<string, string[]> = {};
  for (const [name, value] of item.fields) {
    if (name === "submissionKey" && item.keySpent) continue;
    (fields[name] ??= []).push(value);
  }
  window.localStorage.setItem(
    draftKey(item.userId),
    JSON.stringify({ savedAt: item.savedAt, fields }),
  );
  await removeOutboxItem(item.submissionKey);
  window.location.assign("/reports/new");
}

/** Sign-out: every kept report and draft, the offline copies of pages, and their worker. */
export async function forgetEverythingOnDevice() {
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith("report-draft:")) window.localStorage.removeItem(key);
    }
  } catch {
    // storage unavailable: nothing was kept
  }
  const tasks: Promise<unknown>[] = [];
  if (typeof indexedDB !== "undefined") {
    tasks.push(
      new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase(DB_NAME);
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      }),
    );
  }
  if (typeof caches !== "undefined") {
    tasks.push(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
  }
  await Promise.allSettled(tasks);
  announce();
}

let signedInUserId: string | null = null;
/** Set by the layout (root loader data), read when a report is kept on this device. */
export function setSignedInUser(userId: string | null) {
  signedInUserId = userId;
}
export function signedInUser() {
  return signedInUserId;
}
