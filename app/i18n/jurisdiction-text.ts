import type { TFunction } from "i18next";
import type { JurisdictionTemplate, TemplateChange, TemplateCode } from "~/domain/jurisdictions";
import { vocabLabel } from "./vocabulary";

// The jurisdiction templates' words (app/domain/jurisdictions.ts keeps the English for the
// settings history and the tests), in the page's language. Keys are written out so the
// language-files test sees each one used.

type TemplateKeys = {
  name: string;
  source: string;
  inForce: string;
  summary: string;
  retentionWhy: string;
  clocks: Partial<Record<string, string>>;
  notes: string[];
};

const TEMPLATE_KEYS: Record<TemplateCode, TemplateKeys> = {
  EU_WHISTLEBLOWING: {
    name: "admin.jurisdiction.templates.EU_WHISTLEBLOWING.name",
    source: "admin.jurisdiction.templates.EU_WHISTLEBLOWING.source",
    inForce: "admin.jurisdiction.templates.EU_WHISTLEBLOWING.inForce",
    summary: "admin.jurisdiction.templates.EU_WHISTLEBLOWING.summary",
    retentionWhy: "admin.jurisdiction.templates.EU_WHISTLEBLOWING.retentionWhy",
    clocks: {
      ACKNOWLEDGE: "admin.jurisdiction.templates.EU_WHISTLEBLOWING.clockAcknowledge",
      RESOLVE: "admin.jurisdiction.templates.EU_WHISTLEBLOWING.clockResolve",
    },
    notes: ["admin.jurisdiction.templates.EU_WHISTLEBLOWING.note1"],
  },
  UK_THIRD_PARTY_HARASSMENT: {
    name: "admin.jurisdiction.templates.UK_THIRD_PARTY_HARASSMENT.name",
    source: "admin.jurisdiction.templates.UK_THIRD_PARTY_HARASSMENT.source",
    inForce: "admin.jurisdiction.templates.UK_THIRD_PARTY_HARASSMENT.inForce",
    summary: "admin.jurisdiction.templates.UK_THIRD_PARTY_HARASSMENT.summary",
    retentionWhy: "admin.jurisdiction.templates.UK_THIRD_PARTY_HARASSMENT.retentionWhy",
    clocks: {},
    notes: [
      "admin.jurisdiction.templates.UK_THIRD_PARTY_HARASSMENT.note1",
      "admin.jurisdiction.templates.UK_THIRD_PARTY_HARASSMENT.note2",
    ],
  },
  JP_CUSTOMER_HARASSMENT: {
    name: "admin.jurisdiction.templates.JP_CUSTOMER_HARASSMENT.name",
    source: "admin.jurisdiction.templates.JP_CUSTOMER_HARASSMENT.source",
    inForce: "admin.jurisdiction.templates.JP_CUSTOMER_HARASSMENT.inForce",
    summary: "admin.jurisdiction.templates.JP_CUSTOMER_HARASSMENT.summary",
    retentionWhy: "admin.jurisdiction.templates.JP_CUSTOMER_HARASSMENT.retentionWhy",
    clocks: {},
    notes: ["admin.jurisdiction.templates.JP_CUSTOMER_HARASSMENT.note1"],
  },
  CA_SB553: {
    name: "admin.jurisdiction.templates.CA_SB553.name",
    source: "admin.jurisdiction.templates.CA_SB553.source",
    inForce: "admin.jurisdiction.templates.CA_SB553.inForce",
    summary: "admin.jurisdiction.templates.CA_SB553.summary",
    retentionWhy: "admin.jurisdiction.templates.CA_SB553.retentionWhy",
    clocks: {},
    notes: ["admin.jurisdiction.templates.CA_SB553.note1"],
  },
  US_OSHA_RECORDKEEPING: {
    name: "admin.jurisdiction.templates.US_OSHA_RECORDKEEPING.name",
    source: "admin.jurisdiction.templates.US_OSHA_RECORDKEEPING.source",
    inForce: "admin.jurisdiction.templates.US_OSHA_RECORDKEEPING.inForce",
    summary: "admin.jurisdiction.templates.US_OSHA_RECORDKEEPING.summary",
    retentionWhy: "admin.jurisdiction.templates.US_OSHA_RECORDKEEPING.retentionWhy",
    clocks: {},
    notes: ["admin.jurisdiction.templates.US_OSHA_RECORDKEEPING.note1"],
  },
};

/** A template's texts in the page's language (English as the domain writes it). */
export function templateText(t: TFunction, template: JurisdictionTemplate, language: string) {
  const keys = TEMPLATE_KEYS[template.code];
  if (language === "en" || !keys) {
    return {
      name: template.name,
      source: template.source,
      inForce: template.inForce,
      summary: template.summary,
      retentionWhy: template.retentionWhy,
      clocks: template.clocks.map((c) => ({ kind: c.kind, why: c.why })),
      notes: template.notes,
    };
  }
  return {
    name: t(keys.name),
    source: t(keys.source),
    inForce: t(keys.inForce),
    summary: t(keys.summary),
    retentionWhy: t(keys.retentionWhy),
    clocks: template.clocks.map((c) => {
      const key = keys.clocks[c.kind];
      return { kind: c.kind, why: key ? t(key) : c.why };
    }),
    notes: template.notes.map((n, i) => (keys.notes[i] ? t(keys.notes[i]) : n)),
  };
}

const FIELD_LABELS: Record<string, string> = {
  "Substantiated cases": "admin.jurisdiction.fields.substantiated",
  "Partly substantiated cases": "admin.jurisdiction.fields.partly",
  "Cases not substantiated": "admin.jurisdiction.fields.notSubstantiated",
  "Cases resolved informally": "admin.jurisdiction.fields.informal",
  "Withdrawn reports": "admin.jurisdiction.fields.withdrawn",
  "Resolved cases with no outcome recorded": "admin.jurisdiction.fields.noOutcome",
  "Categories that bring HR onto a case from the start": "admin.jurisdiction.fields.hrCategories",
  "Categories on the violent incident log": "admin.jurisdiction.fields.violenceCategories",
};

// The English labels the domain builds its lines from, to find the code behind each.
const EN_DEADLINES: Record<string, string> = {
  Acknowledge: "ACKNOWLEDGE",
  "First protective action": "FIRST_PROTECTIVE_ACTION",
  "Update the reporter": "REPORTER_UPDATE",
  Resolve: "RESOLVE",
};
const EN_SEVERITIES: Record<string, string> = {
  low: "LOW",
  medium: "MEDIUM",
  high: "HIGH",
  critical: "CRITICAL",
};
const EN_CATEGORIES: Record<string, string> = {
  "Verbal abuse": "VERBAL_ABUSE",
  Threats: "THREATS",
  "Sexual harassment": "SEXUAL_HARASSMENT",
  "Discriminatory remarks": "DISCRIMINATORY_REMARKS",
  "Intimidation or bullying": "INTIMIDATION",
  "Unreasonable demands or moved goalposts": "UNREASONABLE_DEMANDS",
  "Payment pressure": "PAYMENT_PRESSURE",
  "Physical aggression": "PHYSICAL_AGGRESSION",
  Other: "OTHER",
};

function what(t: TFunction, text: string): string {
  const key = FIELD_LABELS[text];
  if (key) return t(key);
  const m = text.match(/^(.+), (low|medium|high|critical)$/);
  if (m && EN_DEADLINES[m[1]]) {
    return t("admin.jurisdiction.clockLine", {
      deadline: vocabLabel(t, "deadline", EN_DEADLINES[m[1]]),
      severity: vocabLabel(t, "severity", EN_SEVERITIES[m[2]]),
    });
  }
  return text;
}

function amount(t: TFunction, text: string): string {
  let m = text.match(/^([\d.]+) working hours$/);
  if (m) return t("admin.jurisdiction.workingHours", { count: Number(m[1]) });
  m = text.match(/^(\d+) days$/);
  if (m) return t("admin.jurisdiction.days", { count: Number(m[1]) });
  m = text.match(/^(\d+) hours$/);
  if (m) return t("admin.jurisdiction.hours", { count: Number(m[1]) });
  m = text.match(/^(\d+) years$/);
  if (m) return t("admin.jurisdiction.years", { count: Number(m[1]) });
  if (text === "none") return t("admin.jurisdiction.none");
  const parts = text.split(", ");
  if (parts.every((p) => EN_CATEGORIES[p])) {
    return parts
      .map((p) => vocabLabel(t, "category", EN_CATEGORIES[p]))
      .join(t("common.listSeparator"));
  }
  return text;
}

/** A line of "what applying it changes", in the page's language. */
export function changeText(t: TFunction, change: TemplateChange, language: string): TemplateChange {
  if (language === "en") return change;
  return { what: what(t, change.what), from: amount(t, change.from), to: amount(t, change.to) };
}

/** A limit the template checks that is already met, in the page's language. */
export function alreadyMetText(t: TFunction, text: string, language: string): string {
  if (language === "en") return text;
  let m = text.match(/^(.+): every severity already within (\d+) days\.$/);
  if (m && EN_DEADLINES[m[1]]) {
    return t("admin.jurisdiction.clockMet", {
      deadline: vocabLabel(t, "deadline", EN_DEADLINES[m[1]]),
      count: Number(m[2]),
    });
  }
  m = text.match(/^Retention: every outcome is already kept at least (\d+) years\.$/);
  if (m) return t("admin.jurisdiction.retentionMet", { count: Number(m[1]) });
  return text;
}
