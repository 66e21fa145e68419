// The portal's service worker (decision 080): keeps the app shell and the report form on the
// phone so a report can be written without a signal. Deliberately small and conservative:
//  - Only the report form page (/reports/new) is kept, for the person signed in; every other
//    page goes to the network and, without one, gets a short "you are offline" page in the
//    page's language (decision 108). Nobody else's data is stored, and the page's own loader
//    data is refreshed on each online visit.
//  - The build's files (/build/…, content-hashed, never change) are served from here first.
//  - A kept form page gets a fresh submission key and the current time each time it is served,
//    exactly as if the server had just rendered it, so two reports never share a key.
//  - Signing out deletes all of it (the page asks, and the sign-out answer says so too).
// The reports themselves wait in IndexedDB and are sent by the page (app/utils/offline-queue).

const SHELL = "portal-shell-v1";
const FORM_URL = "/reports/new";
const OFFLINE_URL = "/offline.html";
const STATIC = [
  OFFLINE_URL,
  "/manifest.webmanifest",
  "/favicon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
];
/** A kept form page younger than this is not fetched again when a page asks. */
const FORM_FRESH_MS = 15 * 60 * 1000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(STATIC))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "keep-form" && typeof msg.userId === "string") {
    event.waitUntil(keepForm(msg.userId).catch(() => undefined));
  } else if (msg.type === "forget-form") {
    event.waitUntil(forgetForm());
  }
  if (typeof msg.language === "string") {
    event.waitUntil(keepOfflinePage(msg.language).catch(() => undefined));
  }
});

/**
 * The "no connection" page in the page's language: the server renders it in the language of
 * whoever asks (their setting, else the browser's), and says which in Content-Language.
 */
async function keepOfflinePage(language) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(OFFLINE_URL);
  if (kept && kept.headers.get("content-language") === language) return;
  const res = await fetch(OFFLINE_URL, { credentials: "same-origin" });
  if (res.ok && res.status === 200) await cache.put(OFFLINE_URL, res);
}

/** Fetches the form page for the signed-in person and keeps it with the files it loads. */
async function keepForm(userId) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(FORM_URL);
  if (kept && kept.headers.get("x-kept-for") !== userId) await forgetForm();
  else if (kept && Date.now() - Number(kept.headers.get("x-kept-at")) < FORM_FRESH_MS) return;
  const res = await fetch(FORM_URL, { credentials: "same-origin" });
  if (!isFormPage(res)) return;
  await storeForm(res, userId);
}

function isFormPage(res) {
  return res.ok && res.status === 200 && new URL(res.url).pathname === FORM_URL;
}

async function storeForm(res, userId) {
  const html = await res.text();
  const headers = new Headers(res.headers);
  headers.set("x-kept-at", String(Date.now()));
  headers.set("x-kept-for", userId);
  const cache = await caches.open(SHELL);
  const assets = [...new Set(html.match(/\/build\/[^"'\s)\\]+/g) || [])];
  await Promise.all(
    assets.map(async (url) => {
      if (await cache.match(url)) return;
      const r = await fetch(url);
      if (r.ok) await cache.put(url, r);
    }),
  );
  await cache.put(FORM_URL, new Response(html, { status: 200, headers }));
  // Older builds' files are no longer needed.
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (path.startsWith("/build/") && !assets.includes(path)) await cache.delete(req);
  }
}

async function forgetForm() {
  const cache = await caches.open(SHELL);
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (path === FORM_URL) await cache.delete(req);
  }
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

function localNow() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A kept form page as if just rendered: a new submission key and the current time. */
function freshen(text) {
  const key = new RegExp(`submissionKey.{1,80}?(${UUID})`, "s").exec(text);
  if (key) text = text.split(key[1]).join(self.crypto.randomUUID());
  const now = /\\?"now\\?".{1,16}?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/s.exec(text);
  if (now) text = text.split(now[1]).join(localNow());
  return text;
}

async function servedKept(url) {
  const kept = await caches.match(url);
  if (!kept) return undefined;
  const headers = new Headers(kept.headers);
  headers.delete("x-kept-at");
  headers.delete("x-kept-for");
  return new Response(freshen(await kept.text()), { status: 200, headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith("/build/")) {
    event.respondWith(
      caches
        .match(request)
        .then((hit) => hit || fetch(request).then((res) => keepBuild(request, res))),
    );
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event.request, url));
    return;
  }
});

async function keepBuild(request, res) {
  if (res.ok) {
    const cache = await caches.open(SHELL);
    await cache.put(request, res.clone());
  }
  return res;
}

async function page(request, url) {
  const isForm = url.pathname === FORM_URL;
  try {
    const res = await fetch(request);
    return res;
  } catch (error) {
    if (isForm) {
      const kept = await servedKept(FORM_URL);
      if (kept) return kept;
    }
    const offline = await caches.match(OFFLINE_URL);
    if (offline) return offline;
    throw error;
  }
}
