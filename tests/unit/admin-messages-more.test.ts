import { describe, expect, it } from "vitest";
import { DEFAULT_TARGETS } from "~/domain/deadlines";
import { checkPeopleHeader, checkPeopleRows } from "~/domain/people-import";
import {
  CATEGORY_DEFAULTS,
  TEMPLATES,
  findTemplate,
  parseCategoryForm,
  planTemplate,
} from "~/domain/jurisdictions";
import { RETENTION_DEFAULTS } from "~/domain/retention";
import { webhookUrlProblem } from "~/domain/webhooks";
import { adminMessage, peopleImportMessage } from "~/i18n/admin-messages";
import { alreadyMetText, changeText, templateText } from "~/i18n/jurisdiction-text";
import { serverT } from "~/i18n/resources.server";

// The people import, jurisdiction templates and webhook rules write English; the admin pages
// show each of their messages in Japanese and Spanish. A reworded rule must fail here rather
// than show English on a Japanese page.

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;
const ja = serverT("ja");
const es = serverT("es");

describe("people import messages", () => {
  const rows = checkPeopleRows([
    { employee_id: "", email: "nope", name: "", role: "boss", time_zone: "Mars/Base" },
    { employee_id: "E1", email: "a@example.com", name: "A" },
    { employee_id: "E1", email: "a@example.com", name: "B" },
    { employee_id: "bad id!", email: "b@example.com", name: "x".repeat(201) },
  ]);
  const written = [
    ...checkPeopleHeader(["name", "colour"]),
    ...rows.flatMap((r) => (r.ok ? [] : r.errors)),
    "manager: A person cannot be their own manager.",
    "manager: Nobody in the file or the portal is “E-404”.",
    "manager: Ada Lovelace is not in the file and would be deactivated.",
    "manager: Lines 2, 3 manage each other in a loop.",
    "email: a@example.com belongs to another person (Ada Lovelace).",
    "email: a@example.com belongs to employee E1, not E2.",
    "The file is larger than 20 MB. Please split it by department.",
    "The file is not a readable CSV: Invalid Closing Quote",
    "The file has no rows under its header.",
    "Choose the CSV file exported from your HR system.",
  ];

  it.each(written)("%s", (text) => {
    expect(peopleImportMessage(ja, text, "ja")).toMatch(JAPANESE);
    expect(peopleImportMessage(es, text, "es")).not.toBe(text);
    expect(peopleImportMessage(ja, text, "en")).toBe(text);
  });
});

describe("jurisdiction template texts", () => {
  it("every template has its texts in Japanese", () => {
    for (const template of TEMPLATES) {
      const text = templateText(ja, template, "ja");
      for (const value of [text.name, text.summary, text.inForce, text.retentionWhy]) {
        expect(value, template.code).toMatch(JAPANESE);
      }
      for (const line of [...text.clocks.map((c) => c.why), ...text.notes]) {
        expect(line, template.code).toMatch(JAPANESE);
      }
    }
  });

  it("a plan's changes and limits already met are worded in Japanese", () => {
    const slow = DEFAULT_TARGETS.map((t) =>
      t.kind === "ACKNOWLEDGE" ? { ...t, minutes: 10 * 480 } : t,
    );
    const current = {
      targets: slow,
      retention: { ...RETENTION_DEFAULTS, defaultYears: 1 },
      categories: { hrCategories: CATEGORY_DEFAULTS.hrCategories, violenceCategories: [] },
      workdayMinutes: 480,
    };
    const plans = TEMPLATES.map((t) => planTemplate(t, current));
    const changes = plans.flatMap((p) => [
      ...p.changes.clocks,
      ...p.changes.retention,
      ...p.changes.categories,
    ]);
    expect(changes.length).toBeGreaterThan(3);
    for (const change of changes) {
      const text = changeText(ja, change, "ja");
      expect(text.what, change.what).toMatch(JAPANESE);
      expect(`${text.from} ${text.to}`, `${change.from} → ${change.to}`).toMatch(JAPANESE);
    }
    const met = planTemplate(findTemplate("EU_WHISTLEBLOWING")!, {
      ...current,
      targets: DEFAULT_TARGETS,
    }).alreadyMet;
    const longer = planTemplate(findTemplate("CA_SB553")!, {
      ...current,
      retention: { ...RETENTION_DEFAULTS, defaultYears: 9 },
    }).alreadyMet;
    for (const line of [...met, ...longer]) {
      expect(alreadyMetText(ja, line, "ja"), line).toMatch(JAPANESE);
    }
  });

  it("the categories form's message", () => {
    const parsed = parseCategoryForm({ hrCategories: [], violenceCategories: [] });
    const text = parsed.ok ? "" : parsed.errors.hrCategories![0];
    expect(adminMessage(ja, text, "ja")).toMatch(JAPANESE);
  });
});

describe("webhook address messages", () => {
  const written = [
    webhookUrlProblem("not an address", { allowLoopback: false }),
    webhookUrlProblem("https://user:pw@hooks.example.com/", { allowLoopback: false }),
    webhookUrlProblem("ftp://127.0.0.1/", { allowLoopback: true }),
    webhookUrlProblem("http://hooks.example.com/", { allowLoopback: false }),
    webhookUrlProblem("https://10.0.0.1/", { allowLoopback: false }),
  ];
  it.each(written)("%s", (text) => {
    expect(text).not.toBeNull();
    expect(adminMessage(ja, text!, "ja")).toMatch(JAPANESE);
    expect(adminMessage(es, text!, "es")).not.toBe(text);
  });
});
