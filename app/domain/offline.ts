// Filing without a signal (decision 080). Pure values shared by the browser and the server.

/**
 * The account choice sent when the person typed the account's name while offline, where the
 * list of accounts cannot be asked for. The server then matches the typed name, as it does for
 * a form sent without JavaScript; a name that matches no single account is sent back to choose.
 */
export const TYPED_ACCOUNT = "__typed__";

/** True when the account was typed rather than chosen from the list (or not given at all). */
export function accountWasTyped(choice: FormDataEntryValue | null | undefined): boolean {
  return !choice || choice === TYPED_ACCOUNT;
}

/** What a reported filing answer means for a report kept on the device. */
export type SendOutcome =
  | { kind: "filed"; reference: string }
  | { kind: "sign-in" }
  | { kind: "refused"; keySpent: boolean }
  | { kind: "retry" };

/**
 * Reads the answer to a report sent from the device (a plain form post whose redirects were
 * followed): the report's page means filed (for a repeated submission key, the first report's
 * page: filed once), the sign-in page or 401 means the session has ended, 400/409/413 mean the
 * server will never take it as it is, anything else is worth trying again later.
 */
export function classifySendAnswer(status: number, finalUrl: string): SendOutcome {
  const url = new URL(finalUrl, "http://x");
  const filed = /^\/reports\/([^/]+)$/.exec(url.pathname);
  if (filed && url.searchParams.get("filed") === "1") {
    return { kind: "filed", reference: decodeURIComponent(filed[1]!) };
  }
  if (status === 401 || url.pathname === "/login") return { kind: "sign-in" };
  if (status === 400 || status === 413) return { kind: "refused", keySpent: false };
  if (status === 409) return { kind: "refused", keySpent: true };
  return { kind: "retry" };
}

/** What the report form's clientAction answers when it kept the report on the device. */
export type KeptOnDevice = {
  keptOnDevice: { submissionKey: string; files: number; filesLeftOut: boolean };
};

export function isKeptOnDevice(result: unknown): result is KeptOnDevice {
  return typeof result === "object" && result !== null && "keptOnDevice" in result;
}

/**
 * A route's `shouldRevalidate` around a report kept on the device: nothing is reloaded, since
 * there is no connection (a failed reload would replace the page with an error). The report
 * form and the pickers' resource routes use it; the layout restates the rest (root.tsx).
 */
export function notAfterKeptReport(args: {
  actionResult?: unknown;
  defaultShouldRevalidate: boolean;
}): boolean {
  return isKeptOnDevice(args.actionResult) ? false : args.defaultShouldRevalidate;
}
