// The product's fixed vocabularies. Stored as strings in the database; these lists are the
// single source of truth for validation and for the words people see.

export const ROLES = ["EMPLOYEE", "MANAGER", "HR", "LEADERSHIP", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["PHONE", "VIDEO_CALL", "EMAIL", "CHAT", "IN_PERSON", "OTHER"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  PHONE: "Phone call",
  VIDEO_CALL: "Video call",
  EMAIL: "Email",
  CHAT: "Chat or messaging",
  IN_PERSON: "In person",
  OTHER: "Other",
};

export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = {
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  CRITICAL: "Critical",
};
/** One plain line per level, shown next to the choice on the report form. */
export const SEVERITY_DESCRIPTIONS: Record<Severity, string> = {
  LOW: "Rude or dismissive, but it did not stop your work.",
  MEDIUM: "Insulting, shouting or demeaning; it upset you or disrupted your work.",
  HIGH: "Sustained abuse, intimidation, sexual or discriminatory remarks.",
  CRITICAL: "Threats to your safety, physical aggression, or you feel unsafe now.",
};

export const CATEGORIES = [
  "VERBAL_ABUSE",
  "THREATS",
  "SEXUAL_HARASSMENT",
  "DISCRIMINATORY_REMARKS",
  "INTIMIDATION",
  "UNREASONABLE_DEMANDS",
  "PAYMENT_PRESSURE",
  "PHYSICAL_AGGRESSION",
  "OTHER",
] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  VERBAL_ABUSE: "Verbal abuse",
  THREATS: "Threats",
  SEXUAL_HARASSMENT: "Sexual harassment",
  DISCRIMINATORY_REMARKS: "Discriminatory remarks",
  INTIMIDATION: "Intimidation or bullying",
  UNREASONABLE_DEMANDS: "Unreasonable demands or moved goalposts",
  PAYMENT_PRESSURE: "Payment pressure",
  PHYSICAL_AGGRESSION: "Physical aggression",
  OTHER: "Other",
};

export const SUPPORT_KINDS = [
  "TIME_OFF",
  "OFF_ACCOUNT",
  "MANAGER_ON_CALLS",
  "TALK_TO_HR",
  "COUNSELLING",
] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const SUPPORT_LABELS: Record<SupportKind, string> = {
  TIME_OFF: "Time off",
  OFF_ACCOUNT: "Be taken off this account",
  MANAGER_ON_CALLS: "A manager on future calls with this customer",
  TALK_TO_HR: "Talk to HR",
  COUNSELLING: "Counselling",
};

export const INCIDENT_STATUSES = ["SUBMITTED", "ACKNOWLEDGED", "IN_PROGRESS", "RESOLVED"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const STATUS_LABELS: Record<IncidentStatus, string> = {
  SUBMITTED: "Waiting for a manager",
  ACKNOWLEDGED: "Acknowledged",
  IN_PROGRESS: "Being handled",
  RESOLVED: "Resolved",
};

export const DEADLINE_KINDS = [
  "ACKNOWLEDGE",
  "FIRST_PROTECTIVE_ACTION",
  "REPORTER_UPDATE",
  "RESOLVE",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  ACKNOWLEDGE: "Acknowledge",
  FIRST_PROTECTIVE_ACTION: "First protective action",
  REPORTER_UPDATE: "Update the reporter",
  RESOLVE: "Resolve",
};

export const SEGMENTS = ["ENTERPRISE", "MID_MARKET", "SMB", "PUBLIC_SECTOR"] as const;
export type Segment = (typeof SEGMENTS)[number];

export const CONDUCT_STATUSES = ["GOOD", "WATCH", "CONDITIONS", "SUSPENDED", "TERMINATED"] as const;
export type ConductStatus = (typeof CONDUCT_STATUSES)[number];

/** Categories that bring HR onto a case from the start. */
export const HR_CATEGORIES: readonly Category[] = [
  "THREATS",
  "SEXUAL_HARASSMENT",
  "DISCRIMINATORY_REMARKS",
  "PHYSICAL_AGGRESSION",
];

/** Protective measures for the employee. */
export const PROTECTIVE_MEASURES = [
  "TIME_OFF",
  "COUNSELLING",
  "REMOVED_FROM_ACCOUNT",
  "MANAGER_JOINS_CALLS",
  "DEBRIEF",
] as const;
export type ProtectiveMeasure = (typeof PROTECTIVE_MEASURES)[number];
export const PROTECTIVE_MEASURE_LABELS: Record<ProtectiveMeasure, string> = {
  TIME_OFF: "Time off",
  COUNSELLING: "Counselling",
  REMOVED_FROM_ACCOUNT: "Removed from the account (no quota or commission penalty)",
  MANAGER_JOINS_CALLS: "A manager joins all future calls",
  DEBRIEF: "Debrief",
};

export const OUTCOMES = [
  "SUBSTANTIATED",
  "PARTLY_SUBSTANTIATED",
  "NOT_SUBSTANTIATED",
  "RESOLVED_INFORMALLY",
  "WITHDRAWN",
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  SUBSTANTIATED: "Substantiated",
  PARTLY_SUBSTANTIATED: "Partly substantiated",
  NOT_SUBSTANTIATED: "Not substantiated",
  RESOLVED_INFORMALLY: "Resolved informally",
  WITHDRAWN: "Withdrawn",
};
