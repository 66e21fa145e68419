import type { DeadlineTargetSpec } from "./deadlines";
import type { RetentionRules } from "./retention";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  DEADLINE_LABELS,
  HR_CATEGORIES,
  SEVERITY_LABELS,
  type Category,
  type DeadlineKind,
} from "./vocabulary";

// Jurisdiction policy templates as pure data, and what applying one would change. A template
// only tightens: it shortens a clock that is longer than the law allows, lengthens a retention
// period that is shorter than the law asks, and adds categories; it never loosens what an admin
// chose. So templates compose (an employer in California and the UK applies both), and every
// value stays editable afterwards on the deadline, retention and jurisdiction pages.
//
// Categories are a fixed vocabulary (reports and statistics stay comparable whatever the
// template). A template "sets categories" in two lists: the categories that bring HR onto a
// case from the start, and the categories whose cases go on the violent incident log.

export const TEMPLATE_CODES = [
  "EU_WHISTLEBLOWING",
  "UK_THIRD_PARTY_HARASSMENT",
  "JP_CUSTOMER_HARASSMENT",
  "CA_SB553",
  "US_OSHA_RECORDKEEPING",
] as const;
export type TemplateCode = (typeof TEMPLATE_CODES)[number];

const DAY = 24 * 60;

export type ClockCap = {
  kind: DeadlineKind;
  /** The longest the clock may run, in calendar days, for every severity. */
  maxDays: number;
  why: string;
};

export type JurisdictionTemplate = {
  code: TemplateCode;
  name: string;
  /** The source, cited as it is shown on the page. */
  source: string;
  inForce: string;
  summary: string;
  clocks: ClockCap[];
  hrCategories: Category[];
  violenceCategories: Category[];
  /** Each outcome's keeping period is raised to at least this many years. */
  retentionMinYears: number | null;
  retentionWhy: string;
  /** What the template does not do for you, in plain words. */
  notes: string[];
};

export const TEMPLATES: readonly JurisdictionTemplate[] = [
  {
    code: "EU_WHISTLEBLOWING",
    name: "EU whistleblowing directive",
    source:
      "Directive (EU) 2019/1937 of the European Parliament and of the Council of 23 October 2019 on the protection of persons who report breaches of Union law, Article 9(1)(b) and (f); record keeping in Article 18.",
    inForce:
      "Transposition deadline 17 December 2021 (17 December 2023 for employers of 50–249 workers).",
    summary:
      "Acknowledge a report within 7 days of receiving it, and give the reporter feedback within 3 months of the acknowledgement.",
    clocks: [
      {
        kind: "ACKNOWLEDGE",
        maxDays: 7,
        why: "Article 9(1)(b): acknowledgment of receipt within seven days.",
      },
      {
        kind: "RESOLVE",
        maxDays: 90,
        why: "Article 9(1)(f): feedback within a reasonable timeframe, not exceeding three months.",
      },
    ],
    hrCategories: [],
    violenceCategories: [],
    retentionMinYears: null,
    retentionWhy:
      "Article 18 asks that reports be kept no longer than necessary and proportionate: no minimum is set, your retention rules are unchanged.",
    notes: [
      "The directive covers reports of breaches of Union law; apply it where your reporting channel also serves that purpose.",
    ],
  },
  {
    code: "UK_THIRD_PARTY_HARASSMENT",
    name: "UK Employment Rights Act 2025: third-party harassment",
    source:
      'Employment Rights Act 2025, amending section 40 of the Equality Act 2010: employers must take "all reasonable steps" to prevent harassment of their employees, including by third parties such as customers.',
    inForce: "Expected from October 2026.",
    summary:
      "Harassment by customers is the employer's duty to prevent. HR sees harassment cases from the start, and the records that show what was done are kept for the limitation period.",
    clocks: [],
    hrCategories: ["SEXUAL_HARASSMENT", "DISCRIMINATORY_REMARKS", "INTIMIDATION"],
    violenceCategories: [],
    retentionMinYears: 6,
    retentionWhy:
      "Six years: the usual limitation period for civil claims in England and Wales (Limitation Act 1980), so the evidence of reasonable steps outlasts a claim.",
    notes: [
      "The law sets no response times; your clocks are unchanged.",
      "The per-account evidence pack (HR → Records) gathers what was done for each account.",
    ],
  },
  {
    code: "JP_CUSTOMER_HARASSMENT",
    name: "Japan: employer duty on customer harassment",
    source:
      "Act on Comprehensive Promotion of Labor Policies, as amended in 2025: employers must take employment-management measures against customer harassment (kasuhara).",
    inForce: "In force 1 October 2026.",
    summary:
      "Customer conduct that goes beyond what is socially acceptable and harms the working environment must be handled: HR sees abuse, intimidation and unreasonable demands from the start.",
    clocks: [],
    hrCategories: ["VERBAL_ABUSE", "INTIMIDATION", "UNREASONABLE_DEMANDS"],
    violenceCategories: [],
    retentionMinYears: null,
    retentionWhy:
      "The law sets no keeping period for these records; your retention rules are unchanged.",
    notes: [
      "The government's guidelines describe the measures in detail; write your policy and training there, not here.",
    ],
  },
  {
    code: "CA_SB553",
    name: "California Labor Code 6401.9 (SB 553)",
    source:
      "California Labor Code section 6401.9, added by Senate Bill 553 (2023): workplace violence prevention plan, violent incident log (6401.9(d)), records kept for at least five years (6401.9(f)).",
    inForce: "In force 1 July 2024.",
    summary:
      "Every workplace violence incident goes on a violent incident log with no personal identifying information. Threats and physical aggression are logged, and records are kept at least five years.",
    clocks: [],
    hrCategories: ["THREATS", "PHYSICAL_AGGRESSION"],
    violenceCategories: ["THREATS", "PHYSICAL_AGGRESSION"],
    retentionMinYears: 5,
    retentionWhy: "6401.9(f)(2): violent incident logs are kept for a minimum of five years.",
    notes: [
      "Download the log from HR → Records. Your written prevention plan and training records are kept outside the portal.",
    ],
  },
  {
    code: "US_OSHA_RECORDKEEPING",
    name: "OSHA injury and illness recordkeeping",
    source:
      "29 CFR Part 1904 (OSHA Recording and Reporting Occupational Injuries and Illnesses): Form 300 log and Form 301 incident report (1904.29), privacy cases (1904.29(b)(6)–(9)), retention (1904.33).",
    inForce: "In force.",
    summary:
      "Work-related injuries that meet the recording criteria go on the OSHA 300 log with a 301 report, marked by HR. Physical aggression brings HR onto the case so it can decide.",
    clocks: [],
    hrCategories: ["PHYSICAL_AGGRESSION"],
    violenceCategories: [],
    retentionMinYears: 6,
    retentionWhy:
      "1904.33: kept five years following the end of the calendar year they cover; six years after resolution always reaches that date.",
    notes: [
      "Record a case within 7 calendar days of learning of it (1904.29(b)(3)); HR marks recordable cases under HR → Records.",
    ],
  },
];

export function findTemplate(code: string): JurisdictionTemplate | null {
  return TEMPLATES.find((t) => t.code === code) ?? null;
}

export type CategorySettings = { hrCategories: Category[]; violenceCategories: Category[] };

/** Before any admin saves: the built-in list for HR, and SB 553's violence for the log. */
export const CATEGORY_DEFAULTS: CategorySettings = {
  hrCategories: [...HR_CATEGORIES],
  violenceCategories: ["THREATS", "PHYSICAL_AGGRESSION"],
};

export function parseCategoryList(stored: string): Category[] {
  const set = new Set(stored.split(","));
  return CATEGORIES.filter((c) => set.has(c));
}

/** The calendar days a business-hours target can take at most (weekends and a few holidays). */
export function worstCaseDays(target: DeadlineTargetSpec, workdayMinutes: number): number {
  if (!target.businessHours) return target.minutes / DAY;
  const workdays = Math.ceil(target.minutes / Math.max(60, workdayMinutes));
  // Five working days in seven, plus three days for a long weekend or holidays.
  return Math.ceil((workdays * 7) / 5) + 3;
}

export type TemplateChange = { what: string; from: string; to: string };

export type TemplatePlan = {
  targets: DeadlineTargetSpec[];
  retention: RetentionRules;
  categories: CategorySettings;
  changes: { clocks: TemplateChange[]; retention: TemplateChange[]; categories: TemplateChange[] };
  /** Limits the template checks that are already met, in words. */
  alreadyMet: string[];
};

const YEAR_FIELDS: { name: keyof RetentionRules; label: string }[] = [
  { name: "substantiatedYears", label: "Substantiated cases" },
  { name: "partlySubstantiatedYears", label: "Partly substantiated cases" },
  { name: "notSubstantiatedYears", label: "Cases not substantiated" },
  { name: "informalYears", label: "Cases resolved informally" },
  { name: "withdrawnYears", label: "Withdrawn reports" },
  { name: "defaultYears", label: "Resolved cases with no outcome recorded" },
];

function describeTarget(t: DeadlineTargetSpec): string {
  if (t.businessHours) {
    const h = t.minutes / 60;
    return `${h % 1 ? h.toFixed(1) : h} working hours`;
  }
  const days = t.minutes / DAY;
  return days >= 1 && days % 1 === 0 ? `${days} days` : `${Math.round(t.minutes / 60)} hours`;
}

const listText = (c: Category[]) => c.map((x) => CATEGORY_LABELS[x]).join(", ") || "none";

/** What applying the template to the current settings would write: never looser than before. */
export function planTemplate(
  template: JurisdictionTemplate,
  current: {
    targets: DeadlineTargetSpec[];
    retention: RetentionRules;
    categories: CategorySettings;
    workdayMinutes: number;
  },
): TemplatePlan {
  const changes: TemplatePlan["changes"] = { clocks: [], retention: [], categories: [] };
  const alreadyMet: string[] = [];
  const targets = current.targets.map((t) => {
    const cap = template.clocks.find((c) => c.kind === t.kind);
    if (!cap || worstCaseDays(t, current.workdayMinutes) <= cap.maxDays) return t;
    const next = { ...t, minutes: cap.maxDays * DAY, businessHours: false };
    changes.clocks.push({
      what: `${DEADLINE_LABELS[t.kind]}, ${SEVERITY_LABELS[t.severity].toLowerCase()}`,
      from: describeTarget(t),
      to: describeTarget(next),
    });
    return next;
  });
  for (const cap of template.clocks) {
    if (!changes.clocks.some((c) => c.what.startsWith(DEADLINE_LABELS[cap.kind])))
      alreadyMet.push(
        `${DEADLINE_LABELS[cap.kind]}: every severity already within ${cap.maxDays} days.`,
      );
  }
  const retention = { ...current.retention };
  if (template.retentionMinYears !== null) {
    const min = template.retentionMinYears;
    for (const f of YEAR_FIELDS) {
      if (retention[f.name] >= min) continue;
      changes.retention.push({
        what: f.label,
        from: `${retention[f.name]} years`,
        to: `${min} years`,
      });
      retention[f.name] = min;
    }
    if (changes.retention.length === 0)
      alreadyMet.push(`Retention: every outcome is already kept at least ${min} years.`);
  }
  const union = (a: Category[], b: Category[]) =>
    CATEGORIES.filter((c) => a.includes(c) || b.includes(c));
  const categories: CategorySettings = {
    hrCategories: union(current.categories.hrCategories, template.hrCategories),
    violenceCategories: union(current.categories.violenceCategories, template.violenceCategories),
  };
  for (const [key, label] of [
    ["hrCategories", "Categories that bring HR onto a case from the start"],
    ["violenceCategories", "Categories on the violent incident log"],
  ] as const) {
    if (categories[key].length !== current.categories[key].length)
      changes.categories.push({
        what: label,
        from: listText(current.categories[key]),
        to: listText(categories[key]),
      });
  }
  return { targets, retention, categories, changes, alreadyMet };
}

export function hasPlanChanges(plan: TemplatePlan): boolean {
  const c = plan.changes;
  return c.clocks.length + c.retention.length + c.categories.length > 0;
}

export type CategoryFormParse =
  { ok: true; value: CategorySettings } | { ok: false; errors: { hrCategories?: string[] } };

/** The categories form: any subset for each list, except that HR must see something. */
export function parseCategoryForm(values: {
  hrCategories: string[];
  violenceCategories: string[];
}): CategoryFormParse {
  const pick = (v: string[]) => CATEGORIES.filter((c) => v.includes(c));
  const hrCategories = pick(values.hrCategories);
  if (hrCategories.length === 0)
    return {
      ok: false,
      errors: { hrCategories: ["Choose at least one category that brings HR onto a case."] },
    };
  return { ok: true, value: { hrCategories, violenceCategories: pick(values.violenceCategories) } };
}
