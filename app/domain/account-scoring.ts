import type { Segment, Severity } from "./vocabulary";

export const SEGMENT_LABELS: Record<Segment, string> = {
  ENTERPRISE: "Enterprise",
  MID_MARKET: "Mid-market",
  SMB: "Small business",
  PUBLIC_SECTOR: "Public sector",
};

// Pure figures for the leadership dashboard. No I/O: the model layer loads
// incidents and accounts, these functions turn them into the numbers people see.

export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  LOW: 1,
  MEDIUM: 3,
  HIGH: 6,
  CRITICAL: 10,
};

/** The dashboard's period choices, in months back from today. */
export const PERIOD_MONTHS = [3, 6, 12, 18, 24] as const;

const DAY_MS = 24 * 3_600_000;
/** Trend compares the last 90 days with the 90 days before them. */
export const TREND_WINDOW_DAYS = 90;

/** Midnight UTC of the day of `now`: every kept window starts on a day boundary. */
export function utcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The start of the dashboard period of `months` months ending now: midnight UTC, that many
 * months before today (decision 115: figures are kept per day, so periods start at midnight). */
export function periodStart(months: number, now: Date): Date {
  const from = utcDay(now);
  from.setUTCMonth(from.getUTCMonth() - months);
  return from;
}

/**
 * The windows figures are kept for on `day` (midnight UTC): 0 = since the beginning, each
 * dashboard period in months, and the trend's two windows as -90 and -180 (days).
 */
export function keptWindows(day: Date): { period: number; start: Date }[] {
  return [
    { period: 0, start: new Date(0) },
    ...PERIOD_MONTHS.map((m) => ({ period: m, start: periodStart(m, day) })),
    { period: -TREND_WINDOW_DAYS, start: new Date(day.getTime() - TREND_WINDOW_DAYS * DAY_MS) },
    {
      period: -2 * TREND_WINDOW_DAYS,
      start: new Date(day.getTime() - 2 * TREND_WINDOW_DAYS * DAY_MS),
    },
  ];
}

export function effectiveSeverity(i: {
  assessedSeverity: string | null;
  reporterSeverity: string;
}): Severity {
  const s = (i.assessedSeverity ?? i.reporterSeverity) as Severity;
  return Object.hasOwn(SEVERITY_WEIGHTS, s) ? s : "LOW";
}

export function severityWeight(s: Severity): number {
  return SEVERITY_WEIGHTS[s];
}

/** Severity-weighted score: the sum of the weights of the incidents. */
export function severityScore(severities: readonly Severity[]): number {
  return severities.reduce((sum, s) => sum + SEVERITY_WEIGHTS[s], 0);
}

/** Incidents per 1,000,000 of ARR (in the account's currency); null when ARR is zero. */
export function incidentsPerMillion(count: number, arrMinor: number): number | null {
  if (arrMinor <= 0) return null;
  return count / (arrMinor / 100_000_000);
}

export type Trend = { recent: number; previous: number; direction: "UP" | "DOWN" | "FLAT" };

/** Incidents in the last 90 days before `end` against the 90 days before those. */
export function trend(occurred: readonly Date[], end: Date): Trend {
  const t = end.getTime();
  const w = TREND_WINDOW_DAYS * DAY_MS;
  let recent = 0;
  let previous = 0;
  for (const d of occurred) {
    const x = d.getTime();
    if (x >= t - w && x < t) recent++;
    else if (x >= t - 2 * w && x < t - w) previous++;
  }
  const direction = recent > previous ? "UP" : recent < previous ? "DOWN" : "FLAT";
  return { recent, previous, direction };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export type Quadrant =
  "HIGH_VALUE_HIGH_ABUSE" | "HIGH_VALUE_LOW_ABUSE" | "LOW_VALUE_HIGH_ABUSE" | "LOW_VALUE_LOW_ABUSE";

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  HIGH_VALUE_HIGH_ABUSE: "High value, high abuse",
  HIGH_VALUE_LOW_ABUSE: "High value, low abuse",
  LOW_VALUE_HIGH_ABUSE: "Low value, high abuse",
  LOW_VALUE_LOW_ABUSE: "Low value, low abuse",
};

export type QuadrantThresholds = { arrMinor: number; score: number };

/**
 * Where the quadrants split. Value: the median ARR of the accounts shown. Abuse: the median
 * score of the accounts shown that had at least one incident, and never below 1 — so an
 * account with no incidents is never "high abuse", and one bad account among quiet ones is.
 */
export function quadrantThresholds(
  rows: readonly { arrMinor: number; score: number }[],
): QuadrantThresholds {
  const withIncidents = rows.filter((r) => r.score > 0).map((r) => r.score);
  return {
    arrMinor: median(rows.map((r) => r.arrMinor)),
    score: Math.max(1, median(withIncidents)),
  };
}

export function quadrantOf(
  row: { arrMinor: number; score: number },
  t: QuadrantThresholds,
): Quadrant {
  const highValue = row.arrMinor >= t.arrMinor;
  const highAbuse = row.score > 0 && row.score >= t.score;
  if (highValue) return highAbuse ? "HIGH_VALUE_HIGH_ABUSE" : "HIGH_VALUE_LOW_ABUSE";
  return highAbuse ? "LOW_VALUE_HIGH_ABUSE" : "LOW_VALUE_LOW_ABUSE";
}

/** "2026-03" for a date, in UTC. */
export function monthKey(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Every month from `from` up to (not including) `to`, as monthKey strings. */
export function monthsBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  let y = from.getUTCFullYear();
  let m = from.getUTCMonth();
  const endKey = monthKey(new Date(to.getTime() - 1));
  for (let guard = 0; guard < 600; guard++) {
    const key = `${y}-${String(m + 1).padStart(2, "0")}`;
    out.push(key);
    if (key >= endKey) break;
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** Minor units to a display string in the account's currency. */
export function formatMoney(minor: number, currency: string, compact = false): string {
  try {
    return new Intl.NumberFormat("en-GB", {
      style: "currency",
      currency,
      notation: compact ? "compact" : "standard",
      maximumFractionDigits: compact ? 1 : 0,
    }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(0)} ${currency}`;
  }
}

export type MonthBySeverity = { month: string } & Record<Severity, number>;

/**
 * Incidents per month by severity over the `months` months that end with `end`'s month,
 * empty months included, for an account's history chart.
 */
export function monthlyBySeverity(
  incidents: readonly { occurredAt: Date; severity: Severity }[],
  end: Date,
  months: number,
): MonthBySeverity[] {
  const from = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1), 1));
  const rows = new Map<string, MonthBySeverity>(
    monthsBetween(from, end).map((month) => [
      month,
      { month, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 },
    ]),
  );
  for (const i of incidents) {
    const row = rows.get(monthKey(i.occurredAt));
    if (row) row[i.severity]++;
  }
  return [...rows.values()];
}

export type BeforeAndAfter = { days: number; before: number; after: number };

/**
 * Incidents since `pivot` (a decision on the account) against the same number of days before
 * it: did the behaviour change once something was decided?
 */
export function beforeAndAfter(occurred: readonly Date[], pivot: Date, end: Date): BeforeAndAfter {
  const span = Math.max(0, end.getTime() - pivot.getTime());
  const start = pivot.getTime() - span;
  let before = 0;
  let after = 0;
  for (const d of occurred) {
    const t = d.getTime();
    if (t >= pivot.getTime() && t <= end.getTime()) after++;
    else if (t >= start && t < pivot.getTime()) before++;
  }
  return { days: Math.round(span / 86_400_000), before, after };
}
