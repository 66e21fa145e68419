import {
  addBusinessMinutes,
  addCalendarMinutes,
  type BusinessCalendarSpec,
} from "./business-calendar";
import type { DeadlineKind, Severity } from "./vocabulary";

// Clock targets per severity. Business-hour targets are in working minutes.

export type DeadlineTargetSpec = {
  severity: Severity;
  kind: DeadlineKind;
  minutes: number;
  businessHours: boolean;
};

const H = 60;
const WORKDAY = 8 * H;

export const DEFAULT_TARGETS: DeadlineTargetSpec[] = [
  ...(
    [
      ["CRITICAL", 1 * H, 4 * H],
      ["HIGH", 4 * H, WORKDAY],
      ["MEDIUM", WORKDAY, 3 * WORKDAY],
      ["LOW", 2 * WORKDAY, 5 * WORKDAY],
    ] as const
  ).flatMap(([severity, ack, protect]) => [
    // Someone who feels unsafe now cannot wait for Monday: a Critical report's first two clocks
    // run around the clock (decision 057). Admins may still change this on the policy page.
    {
      severity,
      kind: "ACKNOWLEDGE" as const,
      minutes: ack,
      businessHours: severity !== "CRITICAL",
    },
    {
      severity,
      kind: "FIRST_PROTECTIVE_ACTION" as const,
      minutes: protect,
      businessHours: severity !== "CRITICAL",
    },
    { severity, kind: "REPORTER_UPDATE" as const, minutes: 5 * WORKDAY, businessHours: true },
    { severity, kind: "RESOLVE" as const, minutes: 30 * 24 * H, businessHours: false },
  ]),
];

/** The reminder goes out when 75% of the window has passed. */
export const REMINDER_FRACTION = 0.75;

export type ComputedDeadline = {
  kind: DeadlineKind;
  businessHours: boolean;
  startedAt: Date;
  dueAt: Date;
  remindAt: Date;
};

export function computeDeadline(
  target: DeadlineTargetSpec,
  startedAt: Date,
  calendar: BusinessCalendarSpec,
): ComputedDeadline {
  const add = (m: number) =>
    target.businessHours
      ? addBusinessMinutes(startedAt, m, calendar)
      : addCalendarMinutes(startedAt, m);
  return {
    kind: target.kind,
    businessHours: target.businessHours,
    startedAt,
    dueAt: add(target.minutes),
    remindAt: add(Math.floor(target.minutes * REMINDER_FRACTION)),
  };
}

/** Minutes left until `dueAt` (negative when overdue). */
export function minutesLeft(dueAt: Date, now: Date): number {
  return Math.round((dueAt.getTime() - now.getTime()) / 60_000);
}

/** "2 h 15 min left", "3 days left", "overdue by 40 min": calm, short and exact enough. */
export function describeTimeLeft(dueAt: Date, now: Date): string {
  const m = minutesLeft(dueAt, now);
  const abs = Math.abs(m);
  const text =
    abs < 60
      ? `${abs} min`
      : abs < 48 * 60
        ? `${Math.floor(abs / 60)} h${abs % 60 ? ` ${abs % 60} min` : ""}`
        : `${Math.floor(abs / (24 * 60))} days`;
  return m >= 0 ? `${text} left` : `overdue by ${text}`;
}
