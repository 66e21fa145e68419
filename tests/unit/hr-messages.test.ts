import { describe, expect, it } from "vitest";
import { verifyChain } from "~/domain/case-chain";
import { parseDateRange, parseOshaForm } from "~/domain/regulator-records";
import { parseHoldForm } from "~/domain/retention";
import { parseSearch } from "~/domain/search-query";
import { hrMessage } from "~/i18n/hr-messages";
import { serverT } from "~/i18n/resources.server";

// HR's pages show messages written in English where the rules live; each one the rules can
// write must have a translation, so a reworded rule cannot silently show English on a Japanese
// or Spanish page.

const ja = serverT("ja");
const es = serverT("es");

function messagesOf(errors: Record<string, string[] | undefined>): string[] {
  return Object.values(errors).flatMap((m) => m ?? []);
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

describe("HR's messages in Japanese and Spanish", () => {
  const written = [
    ...messagesOf((parseHoldForm({}) as { errors: Record<string, string[]> }).errors ?? {}),
    ...messagesOf(
      (parseOshaForm({ daysAway: "999" }) as { errors: Record<string, string[]> }).errors ?? {},
    ),
    ...messagesOf((parseDateRange({}) as { errors: Record<string, string[]> }).errors ?? {}),
    ...messagesOf(
      (
        parseDateRange({ from: "2026-02-01", to: "2026-01-01" }) as {
          errors: Record<string, string[]>;
        }
      ).errors ?? {},
    ),
    ...messagesOf(
      (
        parseDateRange({ from: "2000-01-01", to: "2026-01-01" }) as {
          errors: Record<string, string[]>;
        }
      ).errors ?? {},
    ),
    (parseSearch("zq") as { message: string }).message,
    (parseSearch("x".repeat(2000)) as { message: string }).message,
    "A legal hold covers this person (matter: Tribunal claim).",
    "INC-2026-0042 is under a legal hold (matter: Tribunal claim).",
    "INC-2026-0042 is still open.",
    "INC-2026-0042 must be kept until 2031-05-01 (substantiated: kept 5 years after resolution).",
  ];

  it("finds the messages the rules write", () => {
    expect(written.length).toBeGreaterThan(15);
  });

  it.each(written)("%s", (message) => {
    const japanese = hrMessage(ja, message, "ja");
    expect(japanese).not.toBe(message);
    expect(japanese).toMatch(JAPANESE);
    expect(hrMessage(es, message, "es")).not.toBe(message);
  });

  it("keeps the values a message names", () => {
    expect(hrMessage(ja, "INC-2026-0042 is still open.", "ja")).toContain("INC-2026-0042");
    expect(
      hrMessage(es, "A legal hold covers this person (matter: Tribunal claim).", "es"),
    ).toContain("Tribunal claim");
  });

  it("translates why a chain is broken", () => {
    const broken = verifyChain([], { length: 2, hash: "x" });
    expect(broken.ok).toBe(false);
    const reason = broken.ok ? "" : broken.reason;
    expect(hrMessage(ja, reason, "ja")).toMatch(JAPANESE);
  });

  it("shows English messages as they are", () => {
    expect(hrMessage(serverT("en"), "Choose what the hold covers.", "en")).toBe(
      "Choose what the hold covers.",
    );
  });
});
