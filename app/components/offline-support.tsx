import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass, secondaryButtonClass } from "~/components/ui/field";
import {
  forgetEverythingOnDevice,
  listOutbox,
  OUTBOX_CHANGED,
  reopenInForm,
  removeOutboxItem,
  sendWaitingReports,
  setSignedInUser,
  type OutboxItem,
} from "~/utils/offline-queue.client";

// The layout's part of filing without a signal (decision 080):
//  - registers the service worker and asks it to keep the report form for the person signed in
//    (or to drop it when nobody is);
//  - sends reports kept on this phone when the page loads, when the connection returns and
//    every half minute while one waits, and says where they stand;
//  - on sign-out removes the draft, the kept reports and the offline copies from the phone,
//    after asking first if a report has not been sent yet;
//  - without a connection, follows links as full page loads, which the service worker answers
//    with the kept form or a short "no connection" page.

const RETRY_MS = 30_000;

function registerServiceWorker(userId: string | null, language: string) {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) =>
      // The page's language goes with it: the "no connection" page is kept in that language.
      reg.active?.postMessage(
        userId ? { type: "keep-form", userId, language } : { type: "forget-form", language },
      ),
    )
    .catch(() => {
      // No offline copy (e.g. a private window): the site works as before.
    });
}

function isSignOutForm(el: EventTarget | null): el is HTMLFormElement {
  return el instanceof HTMLFormElement && new URL(el.action).pathname === "/logout";
}

export function OfflineSupport({ userId }: { userId: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [items, setItems] = useState<OutboxItem[]>([]);
  const unsent = useRef(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const signOutForm = useRef<HTMLFormElement | null>(null);
  const confirmed = useRef(new WeakSet<HTMLFormElement>());
  const offlineDialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    setSignedInUser(userId);
    registerServiceWorker(userId, language);
  }, [userId, language]);

  const refresh = useCallback(async () => {
    const all = await listOutbox();
    unsent.current = all.filter((i) => i.state !== "sent").length;
    setItems(all);
  }, []);

  useEffect(() => {
    void refresh();
    window.addEventListener(OUTBOX_CHANGED, refresh);
    if (!userId) return () => window.removeEventListener(OUTBOX_CHANGED, refresh);
    const send = () => {
      if (navigator.onLine) void sendWaitingReports(userId).finally(refresh);
    };
    send();
    window.addEventListener("online", send);
    const timer = setInterval(() => {
      if (unsent.current > 0) send();
    }, RETRY_MS);
    return () => {
      window.removeEventListener(OUTBOX_CHANGED, refresh);
      window.removeEventListener("online", send);
      clearInterval(timer);
    };
  }, [userId, refresh]);

  useEffect(() => {
    // Sign-out (the header's form): asks first while a report is unsent; otherwise removes the
    // draft at once (synchronously) and the rest while the sign-out is sent.
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!isSignOutForm(form)) return;
      // Signing out ends the session on the server: without a connection, say so and wait.
      if (!navigator.onLine) {
        event.preventDefault();
        event.stopImmediatePropagation();
        offlineDialog.current?.showModal();
        return;
      }
      if (!confirmed.current.has(form) && unsent.current > 0) {
        event.preventDefault();
        event.stopImmediatePropagation();
        signOutForm.current = form;
        dialog.current?.showModal();
        return;
      }
      confirmed.current.delete(form);
      void forgetEverythingOnDevice();
    };
    // Without a connection an in-app link cannot load its page's data: let the browser load it.
    const onClick = (event: MouseEvent) => {
      if (navigator.onLine || event.defaultPrevented) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (link instanceof HTMLAnchorElement && link.origin === window.location.origin) {
        event.stopImmediatePropagation();
      }
    };
    window.addEventListener("submit", onSubmit, true);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("submit", onSubmit, true);
      window.removeEventListener("click", onClick, true);
    };
  }, []);

  const signOutAnyway = () => {
    const form = signOutForm.current;
    dialog.current?.close();
    if (!form) return;
    confirmed.current.add(form);
    form.requestSubmit();
  };

  const mine = items.filter((i) => i.userId === userId);
  const waiting = mine.filter((i) => i.state === "waiting");
  const attention = mine.filter((i) => i.state === "attention");
  const sent = mine.filter((i) => i.state === "sent");

  return (
    <>
      {userId && mine.length > 0 ? (
        <div className="mx-auto max-w-5xl px-4 pt-4">
          <div role="status" className="space-y-3">
            {waiting.length > 0 ? (
              <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
                <p className="font-medium">{t("offline.waiting", { count: waiting.length })}</p>
                <p className="text-sm text-slate-700">
                  {t("offline.waitingText")}
                  {waiting.some((i) => i.filesLeftOut)
                    ? ` ${t("offline.waitingFilesLeftOut")}`
                    : ""}
                </p>
              </div>
            ) : null}
            {attention.map((item) => (
              <div
                key={item.submissionKey}
                className="rounded-md border border-red-300 bg-red-50 p-3"
              >
                <p className="font-medium">{t("offline.attention")}</p>
                <p className="text-sm text-slate-700">{t("offline.attentionText")}</p>
                <button
                  type="button"
                  className={`${secondaryButtonClass} mt-2`}
                  onClick={() => void reopenInForm(item)}
                >
                  {t("offline.openInForm")}
                </button>
              </div>
            ))}
            {sent.map((item) => (
              <div
                key={item.submissionKey}
                className="flex flex-wrap items-center gap-3 rounded-md border border-emerald-300 bg-emerald-50 p-3"
              >
                <p className="font-medium">
                  {t("offline.sent")}{" "}
                  <a className="text-brand-700 underline" href={`/reports/${item.reference}`}>
                    {item.reference}
                  </a>
                </p>
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={() => void removeOutboxItem(item.submissionKey)}
                >
                  {t("offline.dismiss")}
                  <span className="sr-only">
                    {" "}
                    {t("offline.dismissAbout", { reference: item.reference })}
                  </span>
                </button>
              </div>
            ))}
          </div>
        </div>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby="unsent-heading"
        className="max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id="unsent-heading" className="text-lg font-semibold">
          {t("offline.unsentTitle")}
        </h2>
        <p className="mt-2">{t("offline.unsentText")}</p>
        <div className="mt-4 flex flex-col gap-2 sm:flex-row">
          <button
            type="button"
            className={buttonClass}
            autoFocus
            onClick={() => dialog.current?.close()}
          >
            {t("offline.staySignedIn")}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={signOutAnyway}>
            {t("offline.removeAndSignOut")}
          </button>
        </div>
      </dialog>
      <dialog
        ref={offlineDialog}
        aria-labelledby="offline-sign-out-heading"
        className="max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id="offline-sign-out-heading" className="text-lg font-semibold">
          {t("offline.signOutOfflineTitle")}
        </h2>
        <p className="mt-2">{t("offline.signOutOfflineText")}</p>
        <button
          type="button"
          className={`${buttonClass} mt-4`}
          autoFocus
          onClick={() => offlineDialog.current?.close()}
        >
          {t("offline.ok")}
        </button>
      </dialog>
    </>
  );
}
