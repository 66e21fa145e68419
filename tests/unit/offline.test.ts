import { describe, expect, it } from "vitest";
import {
  accountWasTyped,
  classifySendAnswer,
  isKeptOnDevice,
  notAfterKeptReport,
  TYPED_ACCOUNT,
} from "~/domain/offline";

// Reading the answers to a report sent from the phone (decision 080).

const BASE = "https://portal.example";

describe("classifySendAnswer", () => {
  it("reads the report's page as filed, with its reference", () => {
    expect(classifySendAnswer(200, `${BASE}/reports/INC-2026-0042?filed=1`)).toEqual({
      kind: "filed",
      reference: "INC-2026-0042",
    });
    // Filed even if showing its page then failed: the redirect came after the commit.
    expect(classifySendAnswer(500, `${BASE}/reports/INC-2026-0042?filed=1`).kind).toBe("filed");
  });

  it("waits for a new sign-in when the session has ended", () => {
    expect(classifySendAnswer(401, `${BASE}/reports/new`)).toEqual({ kind: "sign-in" });
    expect(classifySendAnswer(200, `${BASE}/login?redirectTo=%2F`)).toEqual({ kind: "sign-in" });
  });

  it("gives back what the server refuses as it is; a 409 has spent its key", () => {
    expect(classifySendAnswer(400, `${BASE}/reports/new`)).toEqual({
      kind: "refused",
      keySpent: false,
    });
    expect(classifySendAnswer(413, `${BASE}/reports/new`).kind).toBe("refused");
    expect(classifySendAnswer(409, `${BASE}/reports/new`)).toEqual({
      kind: "refused",
      keySpent: true,
    });
  });

  it("tries again later after anything else", () => {
    for (const status of [403, 429, 500, 502, 503]) {
      expect(classifySendAnswer(status, `${BASE}/reports/new`)).toEqual({ kind: "retry" });
    }
    // A report page without ?filed=1 is not a filing answer.
    expect(classifySendAnswer(200, `${BASE}/reports/INC-2026-0042`)).toEqual({ kind: "retry" });
  });
});

describe("typed accounts and kept reports", () => {
  it("treats an empty or typed account choice as typed", () => {
    expect(accountWasTyped(null)).toBe(true);
    expect(accountWasTyped("")).toBe(true);
    expect(accountWasTyped(TYPED_ACCOUNT)).toBe(true);
    expect(accountWasTyped("cm123")).toBe(false);
  });

  it("reloads nothing after a report was kept on the device, as usual otherwise", () => {
    const kept = { keptOnDevice: { submissionKey: "k", files: 0, filesLeftOut: false } };
    expect(isKeptOnDevice(kept)).toBe(true);
    expect(isKeptOnDevice({ status: "error" })).toBe(false);
    expect(notAfterKeptReport({ actionResult: kept, defaultShouldRevalidate: true })).toBe(false);
    expect(notAfterKeptReport({ actionResult: undefined, defaultShouldRevalidate: true })).toBe(
      true,
    );
    expect(notAfterKeptReport({ actionResult: null, defaultShouldRevalidate: false })).toBe(false);
  });
});
