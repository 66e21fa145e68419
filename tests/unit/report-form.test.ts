import { describe, expect, it } from "vitest";
import {
  DEFAULT_TIME_ZONE,
  isValidTimeZone,
  occurredAtInstant,
  reportFormSchema,
} from "~/domain/report-form";

const valid = {
  accountId: "acc-1",
  occurredAt: "2026-06-01T14:30",
  channel: "PHONE",
  severity: "HIGH",
  narrative: "The customer shouted at me and called me useless.",
};

/** Field → messages, for an input that should fail. */
function errorsOf(input: Record<string, unknown>): Record<string, string[] | undefined> {
  const result = reportFormSchema.safeParse(input);
  if (result.success) throw new Error("expected the form to be refused");
  return result.error.flatten().fieldErrors;
}

function without(key: keyof typeof valid): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...valid };
  delete copy[key];
  return copy;
}

describe("reportFormSchema: a good report", () => {
  it("accepts the required fields alone and defaults categories to none", () => {
    const result = reportFormSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data?.categories).toEqual([]);
    expect(result.data?.impact).toBeUndefined();
  });

  it("accepts every optional field", () => {
    const result = reportFormSchema.safeParse({
      ...valid,
      submissionKey: "0b7a3c2e-4f5d-4e6a-9b8c-1d2e3f4a5b6c",
      timeZone: "Europe/London",
      categories: ["THREATS", "VERBAL_ABUSE"],
      impact: "I could not finish my shift.",
    });
    expect(result.success).toBe(true);
  });

  it("trims the free text", () => {
    const result = reportFormSchema.parse({ ...valid, narrative: "  He swore at me.\n\n" });
    expect(result.narrative).toBe("He swore at me.");
  });
});

describe("reportFormSchema: required fields say what is missing", () => {
  it.each([
    ["accountId", "Please choose the customer account."],
    ["occurredAt", "Please say when it happened."],
    ["channel", "Please choose how it happened."],
    ["severity", "Please choose how serious it was."],
    ["narrative", "Please describe what happened."],
  ] as const)("%s: %s", (field, message) => {
    expect(errorsOf(without(field))[field]).toEqual([message]);
  });

  it("reports every missing field at once", () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(
      ["accountId", "channel", "narrative", "occurredAt", "severity"].sort(),
    );
  });

  it("refuses a narrative of only spaces", () => {
    expect(errorsOf({ ...valid, narrative: " \n\t " }).narrative).toEqual([
      "Please describe what happened.",
    ]);
  });

  it("refuses an empty impact with its own words", () => {
    expect(errorsOf({ ...valid, impact: "   " }).impact).toEqual([
      "Please describe how it affected you.",
    ]);
  });
});

describe("reportFormSchema: values outside the lists", () => {
  it("refuses an unknown channel", () => {
    expect(errorsOf({ ...valid, channel: "FAX" }).channel).toEqual([
      "Please choose how it happened.",
    ]);
  });

  it("refuses an unknown severity", () => {
    expect(errorsOf({ ...valid, severity: "EXTREME" }).severity).toEqual([
      "Please choose how serious it was.",
    ]);
  });

  it("refuses lower-case spellings", () => {
    expect(errorsOf({ ...valid, channel: "phone" }).channel).toBeDefined();
    expect(errorsOf({ ...valid, severity: "high" }).severity).toBeDefined();
  });

  it("refuses an unknown category", () => {
    expect(errorsOf({ ...valid, categories: ["THREATS", "RUDENESS"] }).categories).toEqual([
      "Unknown category.",
    ]);
  });

  it("refuses a date without a time, or in another format", () => {
    for (const occurredAt of [
      "2026-06-01",
      "2026-06-01 14:30",
      "01/06/2026 14:30",
      "2026-06-01T14:30:00Z",
    ]) {
      expect(errorsOf({ ...valid, occurredAt }).occurredAt).toEqual([
        "Please give a date and time.",
      ]);
    }
  });

  it("refuses a submission key that is not a UUID", () => {
    expect(errorsOf({ ...valid, submissionKey: "abc" }).submissionKey).toBeDefined();
  });

  it("refuses a time zone name longer than 64 characters", () => {
    expect(errorsOf({ ...valid, timeZone: "x".repeat(65) }).timeZone).toBeDefined();
  });
});

describe("reportFormSchema: length limits", () => {
  it("refuses a 100 kB narrative with the length message", () => {
    expect(errorsOf({ ...valid, narrative: "a".repeat(100_000) }).narrative).toEqual([
      "Please keep this under 20,000 characters.",
    ]);
  });

  it("accepts a narrative of exactly 20,000 characters and refuses 20,001", () => {
    expect(reportFormSchema.safeParse({ ...valid, narrative: "a".repeat(20_000) }).success).toBe(
      true,
    );
    expect(errorsOf({ ...valid, narrative: "a".repeat(20_001) }).narrative).toEqual([
      "Please keep this under 20,000 characters.",
    ]);
  });

  it("measures the narrative after trimming", () => {
    expect(
      reportFormSchema.safeParse({ ...valid, narrative: ` ${"a".repeat(20_000)} ` }).success,
    ).toBe(true);
  });

  it("limits impact to 10,000 characters", () => {
    expect(reportFormSchema.safeParse({ ...valid, impact: "a".repeat(10_000) }).success).toBe(true);
    expect(errorsOf({ ...valid, impact: "a".repeat(10_001) }).impact).toEqual([
      "Please keep this under 10,000 characters.",
    ]);
  });
});

describe("reportFormSchema: control characters", () => {
  const message =
    "This contains invisible control characters; please retype or paste it as plain text.";

  it.each([
    ["NUL", "\u0000"],
    ["backspace", "\u0008"],
    ["vertical tab", "\u000B"],
    ["form feed", "\u000C"],
    ["shift out", "\u000E"],
    ["escape", "\u001B"],
    ["unit separator", "\u001F"],
    ["delete", "\u007F"],
  ])("refuses %s inside the narrative", (_name, ch) => {
    expect(errorsOf({ ...valid, narrative: `He said${ch} that` }).narrative).toEqual([message]);
  });

  it("refuses them in the impact too", () => {
    expect(errorsOf({ ...valid, impact: "I was\u0007upset" }).impact).toEqual([message]);
  });

  it("allows tabs, newlines and carriage returns", () => {
    const narrative = "First he said:\tno.\nThen he shouted.\r\nThen he hung up.";
    expect(reportFormSchema.parse({ ...valid, narrative }).narrative).toBe(narrative);
  });

  it("allows accents, emoji and right-to-left text", () => {
    const narrative = "Il a dit « non » 😠 — قال لا";
    expect(reportFormSchema.parse({ ...valid, narrative }).narrative).toBe(narrative);
  });
});

describe("occurredAtInstant", () => {
  it("reads London summer time as UTC+1", () => {
    expect(occurredAtInstant("2026-07-15T14:30", "Europe/London")).toEqual(
      new Date("2026-07-15T14:30:00+01:00"),
    );
  });

  it("reads London winter time as UTC", () => {
    expect(occurredAtInstant("2026-01-15T14:30", "Europe/London")).toEqual(
      new Date("2026-01-15T14:30:00Z"),
    );
  });

  it("uses the reporter's own zone", () => {
    expect(occurredAtInstant("2026-07-15T14:30", "America/New_York")).toEqual(
      new Date("2026-07-15T14:30:00-04:00"),
    );
    expect(occurredAtInstant("2026-07-15T14:30", "Asia/Tokyo")).toEqual(
      new Date("2026-07-15T14:30:00+09:00"),
    );
    expect(occurredAtInstant("2026-07-15T14:30", "UTC")).toEqual(new Date("2026-07-15T14:30:00Z"));
  });

  it("falls back to London for an unknown zone", () => {
    expect(DEFAULT_TIME_ZONE).toBe("Europe/London");
    expect(occurredAtInstant("2026-07-15T14:30", "Mars/Olympus_Mons")).toEqual(
      new Date("2026-07-15T14:30:00+01:00"),
    );
  });

  it("falls back to London for a missing or empty zone", () => {
    expect(occurredAtInstant("2026-01-15T14:30", undefined)).toEqual(
      new Date("2026-01-15T14:30:00Z"),
    );
    expect(occurredAtInstant("2026-07-15T14:30", "")).toEqual(
      new Date("2026-07-15T14:30:00+01:00"),
    );
  });

  it.each([
    "2026-13-01T10:00",
    "2026-00-10T10:00",
    "2026-01-32T10:00",
    "2026-01-00T10:00",
    "2026-01-10T24:00",
    "2026-01-10T10:60",
  ])("gives an invalid date for %s", (local) => {
    expect(Number.isNaN(occurredAtInstant(local, "Europe/London").getTime())).toBe(true);
  });
});

describe("isValidTimeZone", () => {
  it("knows real IANA zones from made-up ones", () => {
    expect(isValidTimeZone("Australia/Sydney")).toBe(true);
    expect(isValidTimeZone("Europe/Londres")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
