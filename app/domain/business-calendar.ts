// Business-hours arithmetic in a calendar's own time zone, DST-correct, with no library:
// local wall-clock times are turned into instants through Intl's offsets.

export type BusinessCalendarSpec = {
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** "HH:MM" local; when dayEnd <= dayStart the working window runs past midnight. */
  dayStart: string;
  dayEnd: string;
  /** Local dates "YYYY-MM-DD" on which the window that starts that day is closed. */
  holidays: Set<string>;
};

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number };

export function localParts(instant: Date, timeZone: string): LocalParts & { isoWeekday: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    isoWeekday: weekdays.indexOf(parts.weekday) + 1,
  };
}

function offsetMinutes(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant / MINUTE) * MINUTE) / MINUTE);
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedTimeToInstant(local: LocalParts, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = guess - offsetMinutes(guess, timeZone) * MINUTE;
  const second = guess - offsetMinutes(first, timeZone) * MINUTE;
  // `second` is right when the offset it was found with is its own offset; otherwise the time is
  // in a spring-forward gap, where no instant shows it: take the later instant (moves forward).
  const consistent = offsetMinutes(second, timeZone) === offsetMinutes(first, timeZone);
  return new Date(consistent ? second : Math.max(first, second));
}

function parseHm(hm: string): { hour: number; minute: number } {
  const [h, m] = hm.split(":").map(Number);
  return { hour: h, minute: m };
}

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// A zone's working windows repeat day after day: each is computed once per (zone, date,
// hours), not with several Intl look-ups every time a clock is started or escalated. Bounded:
// the cache is dropped whole when it grows past a few years of days for a few zones.
const windowCache = new Map<string, { start: Date; end: Date }>();
const WINDOW_CACHE_MAX = 20_000;

/** Working window [start, end) that opens on the given local date, or null when closed. */
function windowOn(
  y: number,
  m: number,
  d: number,
  cal: BusinessCalendarSpec,
): { start: Date; end: Date } | null {
  const weekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
  if (!cal.workingDays.includes(weekday) || cal.holidays.has(isoDate(y, m, d))) return null;
  const key = `${cal.timeZone}|${y}-${m}-${d}|${cal.dayStart}-${cal.dayEnd}`;
  const cached = windowCache.get(key);
  if (cached) return cached;
  const s = parseHm(cal.dayStart);
  const e = parseHm(cal.dayEnd);
  const start = zonedTimeToInstant({ year: y, month: m, day: d, ...s }, cal.timeZone);
  const overnight = e.hour * 60 + e.minute <= s.hour * 60 + s.minute;
  const endDay = new Date(Date.UTC(y, m - 1, d + (overnight ? 1 : 0)));
  const end = zonedTimeToInstant(
    {
      year: endDay.getUTCFullYear(),
      month: endDay.getUTCMonth() + 1,
      day: endDay.getUTCDate(),
      ...e,
    },
    cal.timeZone,
  );
  if (windowCache.size >= WINDOW_CACHE_MAX) windowCache.clear();
  windowCache.set(key, { start, end });
  return { start, end };
}

/**
 * The instant `minutes` of working time after `from`. Starts looking on the day before `from`
 * so an overnight window that is still open counts. Gives up after ten years of closed days.
 */
export function addBusinessMinutes(from: Date, minutes: number, cal: BusinessCalendarSpec): Date {
  let remaining = minutes;
  const p = localParts(from, cal.timeZone);
  const cursor = new Date(Date.UTC(p.year, p.month - 1, p.day - 1));
  for (let i = 0; i < 3660; i++) {
    const w = windowOn(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, cursor.getUTCDate(), cal);
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (!w || w.end.getTime() <= from.getTime()) continue;
    const start = Math.max(w.start.getTime(), from.getTime());
    const available = (w.end.getTime() - start) / MINUTE;
    if (remaining <= available) return new Date(start + remaining * MINUTE);
    remaining -= available;
  }
  throw new Error("The business calendar has no working time in the next ten years.");
}

export function addCalendarMinutes(from: Date, minutes: number): Date {
  return new Date(from.getTime() + minutes * MINUTE);
}
