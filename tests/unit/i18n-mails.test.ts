import { describe, expect, it } from "vitest";
import { renderEmail, type TemplateName } from "../../emails/render";

// Every mail template in every language: the recipient's language is used throughout (no
// English sentence left in a Japanese or Spanish mail), dates follow the language.

const due = "2026-12-01T14:30:00.000Z";
const SAMPLES: Record<TemplateName, unknown> = {
  NEW_REPORT_ASSIGNED: { reference: "INC-2026-0001", severity: "HIGH", dueAt: due },
  REPORT_ACKNOWLEDGED: { reference: "INC-2026-0001" },
  DEADLINE_REMINDER: { reference: "INC-2026-0001", kind: "ACKNOWLEDGE", dueAt: due },
  DEADLINE_ESCALATION: { reference: "INC-2026-0001", kind: "RESOLVE", dueAt: due, level: 2 },
  REPORTER_UPDATE: { reference: "INC-2026-0001" },
  MESSAGE_RECEIVED: { reference: "INC-2026-0001", forReporter: true },
  REPEAT_OFFENDER: { reference: "INC-2026-0001", accountId: "acc1" },
  EVIDENCE_ADDED: { reference: "INC-2026-0001", count: 3 },
  INVITATION: { name: "Aiko Tanaka", path: "/password/abc", expiresAt: due },
  PASSWORD_RESET: { name: "Aiko Tanaka", path: "/password/abc", expiresAt: due },
  SUPPORT_ANSWERED: { reference: "INC-2026-0001" },
  STATEMENT_REQUESTED: { reference: "INC-2026-0001", statementId: "st1" },
  STATEMENT_RECEIVED: { reference: "INC-2026-0001" },
  DECISION_PROPOSED: { accountId: "acc1" },
  DECISION_REVIEWED: { accountId: "acc1", approved: true },
  CRITICAL_REPORT: { reference: "INC-2026-0001" },
  CASE_RESOLVED: { reference: "INC-2026-0001" },
  PROTECTION_RECORDED: { reference: "INC-2026-0001" },
};
const TEMPLATES = Object.keys(SAMPLES) as TemplateName[];
const URL = "https://portal.example";

/** The English sentences of a mail (not the values or the link). */
function englishSentences(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/:.*$/, "").trim())
    .filter((line) => line.split(" ").length >= 3);
}

describe("mails in the recipient's language", () => {
  it("English is the default and reads as before", () => {
    const mail = renderEmail("NEW_REPORT_ASSIGNED", SAMPLES.NEW_REPORT_ASSIGNED, URL);
    expect(mail.subject).toBe("New report INC-2026-0001 needs your acknowledgement");
    expect(mail.text).toContain("Severity given by the reporter: high");
    expect(mail.text).toContain("Please acknowledge it by: Tuesday, 1 December 2026 at 14:30");
    expect(mail.text).toContain("(UK time)");
    expect(mail.html).toContain('<html lang="en">');
    // A language the portal does not have yet falls back to English.
    expect(renderEmail("NEW_REPORT_ASSIGNED", SAMPLES.NEW_REPORT_ASSIGNED, URL, "fr")).toEqual(
      mail,
    );
  });

  it.each(TEMPLATES.flatMap((t) => (["ja", "es"] as const).map((lang) => [t, lang] as const)))(
    "%s in %s has no English sentence left",
    (template, lang) => {
      const en = renderEmail(template, SAMPLES[template], URL, "en");
      const mail = renderEmail(template, SAMPLES[template], URL, lang);
      expect(mail.html).toContain(`<html lang="${lang}">`);
      expect(mail.subject).not.toBe(en.subject);
      for (const sentence of englishSentences(en.text)) expect(mail.text).not.toContain(sentence);
      // Links and references are the same in every language.
      expect(mail.text).toContain(URL);
    },
  );

  it("dates are written the language's way", () => {
    const ja = renderEmail("NEW_REPORT_ASSIGNED", SAMPLES.NEW_REPORT_ASSIGNED, URL, "ja");
    expect(ja.subject).toBe("新しい報告 INC-2026-0001 の受領確認をお願いします");
    expect(ja.text).toContain("2026年12月1日火曜日 14:30");
    expect(ja.text).toContain("報告者が選んだ深刻度: 高");
    const es = renderEmail("NEW_REPORT_ASSIGNED", SAMPLES.NEW_REPORT_ASSIGNED, URL, "es");
    expect(es.text).toContain("martes, 1 de diciembre de 2026, 14:30");
    expect(es.text).toContain("Gravedad indicada por quien informa: alta");
  });
});
