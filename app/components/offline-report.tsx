import type { ClientActionFunctionArgs } from "@remix-run/react";
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { clearDraft } from "~/components/report-form/use-report-draft";
import { buttonClass, secondaryButtonClass } from "~/components/ui/field";
import type { KeptOnDevice } from "~/domain/offline";
import { keepReport, signedInUser } from "~/utils/offline-queue.client";

// The report form without a signal (decision 080). The route's clientAction sends the form as
// before; when the phone is offline, or the post never reaches the server, the report is kept
// on the phone (app/utils/offline-queue.client.ts) and sent later with the same submission
// key, so it is filed once however the retries go.

export async function offlineClientAction({ request, serverAction }: ClientActionFunctionArgs) {
  // Read before sending: a failed send may have used up the request's body.
  const copy = request.clone();
  const userId = signedInUser();
  if (navigator.onLine || !userId) {
    try {
      return await serverAction();
    } catch (error) {
      // Only a post that never got an answer is kept; the server's own answers stand.
      if (!userId || !(error instanceof TypeError)) throw error;
    }
  }
  const item = await keepReport(userId, await copy.formData());
  // The report now waits in the outbox: the draft has done its job.
  clearDraft(userId);
  return {
    keptOnDevice: {
      submissionKey: item.submissionKey,
      files: item.files.length,
      filesLeftOut: item.filesLeftOut ?? false,
    },
  } satisfies KeptOnDevice;
}

/** Shown in place of the form once a report is kept on the phone. */
export function KeptOnDeviceNotice({ result }: { result: KeptOnDevice }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { files, filesLeftOut } = result.keptOnDevice;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold">
        {t("offline.keptTitle")}
      </h1>
      <p>{t("offline.keptText")}</p>
      {files > 0 ? <p>{t("offline.keptFiles", { count: files })}</p> : null}
      {filesLeftOut ? <p className="font-medium">{t("offline.keptFilesLeftOut")}</p> : null}
      <div className="flex flex-wrap gap-3">
        {/* Full page loads: without a connection, the phone's saved copy of the form opens. */}
        <a href="/reports/new" className={buttonClass}>
          {t("offline.reportAnother")}
        </a>
        <Link to="/" reloadDocument className={secondaryButtonClass}>
          {t("offline.backToStart")}
        </Link>
      </div>
    </div>
  );
}
