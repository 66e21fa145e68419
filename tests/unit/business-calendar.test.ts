import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  addCalendarMinutes,
  localParts,
  zonedTimeToInstant,
  type BusinessCalendarSpec,
} from "~/domain/business-calendar";

// Every expected instant below was worked out by hand and is written with the offset that
// the zone shows at that moment. 2026 facts used:
//   Europe/London        BST from Sun 29 Mar 01:00Z, GMT again from Sun 25 Oct 01:00Z
//   America/New_York     EDT from Sun 8 Mar 07:00Z,  EST again from Sun 1 Nov 06:00Z
//   America/Los_Angeles  PDT from Sun 8 Mar 10:00Z,  PST again from Sun 1 Nov 09:00Z
//   Australia/Sydney     AEST (+10) from Sun 5 Apr (Sat 4 Apr 16:00Z), AEDT (+11) from Sun 4 Oct
//   Asia/Tokyo           +09:00 all year

const H = 60;
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

function calendar(over: Partial<BusinessCalendarSpec> = {}): BusinessCalendarSpec {
  return {
    timeZone: "Europe/London",
    workingDays: WEEKDAYS,
    dayStart: "09:00",
    dayEnd: "17:00",
    holidays: new Set(),
    ...over,
  };
}

const at = (iso: string) => new Date(iso);

describe("the 2026 dates these tests rely on", () => {
  it.each([
    ["2026-01-05T12:00:00Z", 1],
    ["2026-01-09T12:00:00Z", 5],
    ["2026-03-08T12:00:00Z", 7],
    ["2026-03-29T12:00:00Z", 7],
    ["2026-04-05T12:00:00Z", 7],
    ["2026-10-04T12:00:00Z", 7],
    ["2026-10-25T12:00:00Z", 7],
    ["2026-11-01T12:00:00Z", 7],
    ["2026-12-24T12:00:00Z", 4],
  ])("%s is ISO weekday %i", (iso, weekday) => {
    expect(localParts(at(iso), "UTC").isoWeekday).toBe(weekday);
  });
});

describe("localParts", () => {
  it("reads the wall clock in the zone, with ISO weekday", () => {
    expect(localParts(at("2026-01-01T03:00:00Z"), "America/New_York")).toEqual({
      year: 2025,
      month: 12,
      day: 31,
      hour: 22,
      minute: 0,
      isoWeekday: 3,
    });
  });

  it("rolls over to the next local day east of UTC", () => {
    expect(localParts(at("2026-01-04T15:00:00Z"), "Asia/Tokyo")).toEqual({
      year: 2026,
      month: 1,
      day: 5,
      hour: 0,
      minute: 0,
      isoWeekday: 1,
    });
  });

  it("shows midnight as hour 0, not 24", () => {
    expect(localParts(at("2026-01-05T00:00:00Z"), "Europe/London").hour).toBe(0);
  });

  it("shows 01:30 twice on the London fall-back night", () => {
    const bst = localParts(at("2026-10-25T00:30:00Z"), "Europe/London");
    const gmt = localParts(at("2026-10-25T01:30:00Z"), "Europe/London");
    expect([bst.hour, bst.minute]).toEqual([1, 30]);
    expect([gmt.hour, gmt.minute]).toEqual([1, 30]);
  });
});

describe("zonedTimeToInstant", () => {
  const z = (tz: string, y: number, mo: number, d: number, h: number, mi: number) =>
    zonedTimeToInstant({ year: y, month: mo, day: d, hour: h, minute: mi }, tz);

  it.each([
    ["Europe/London", 2026, 1, 15, 9, 0, "2026-01-15T09:00:00Z"],
    ["Europe/London", 2026, 7, 15, 9, 0, "2026-07-15T09:00:00+01:00"],
    ["America/New_York", 2026, 1, 15, 9, 0, "2026-01-15T09:00:00-05:00"],
    ["America/New_York", 2026, 7, 15, 9, 0, "2026-07-15T09:00:00-04:00"],
    ["America/Los_Angeles", 2026, 7, 15, 9, 0, "2026-07-15T09:00:00-07:00"],
    ["Asia/Tokyo", 2026, 1, 15, 9, 0, "2026-01-15T09:00:00+09:00"],
    ["Asia/Tokyo", 2026, 7, 15, 9, 0, "2026-07-15T09:00:00+09:00"],
    ["Australia/Sydney", 2026, 1, 1, 9, 0, "2026-01-01T09:00:00+11:00"],
    ["Australia/Sydney", 2026, 7, 1, 9, 0, "2026-07-01T09:00:00+10:00"],
  ])("%s %i-%i-%i %i:%i is %s", (tz, y, mo, d, h, mi, expected) => {
    expect(z(tz, y, mo, d, h, mi)).toEqual(at(expected));
  });

  it("moves a time inside the spring-forward gap forward (London)", () => {
    expect(z("Europe/London", 2026, 3, 29, 1, 30)).toEqual(at("2026-03-29T02:30:00+01:00"));
  });

  it("moves a time inside the spring-forward gap forward (New York)", () => {
    expect(z("America/New_York", 2026, 3, 8, 2, 30)).toEqual(at("2026-03-08T03:30:00-04:00"));
  });

  it("gets a time just after spring-forward right, west of UTC", () => {
    expect(z("America/New_York", 2026, 3, 8, 3, 30)).toEqual(at("2026-03-08T03:30:00-04:00"));
    expect(z("America/Los_Angeles", 2026, 3, 8, 9, 0)).toEqual(at("2026-03-08T09:00:00-07:00"));
  });

  it("gets times just before fall-back right, far east of UTC", () => {
    expect(z("Australia/Sydney", 2026, 4, 4, 17, 0)).toEqual(at("2026-04-04T17:00:00+11:00"));
    expect(z("Australia/Sydney", 2026, 4, 5, 1, 30)).toEqual(at("2026-04-05T01:30:00+11:00"));
  });

  it("gets times after fall-back right", () => {
    expect(z("Europe/London", 2026, 10, 25, 9, 0)).toEqual(at("2026-10-25T09:00:00Z"));
    expect(z("America/New_York", 2026, 11, 1, 3, 0)).toEqual(at("2026-11-01T03:00:00-05:00"));
    expect(z("Australia/Sydney", 2026, 4, 5, 9, 0)).toEqual(at("2026-04-05T09:00:00+10:00"));
  });

  it("picks one of the two real instants for a repeated fall-back time", () => {
    const london = z("Europe/London", 2026, 10, 25, 1, 30).getTime();
    expect([
      at("2026-10-25T01:30:00+01:00").getTime(),
      at("2026-10-25T01:30:00Z").getTime(),
    ]).toContain(london);
    const ny = z("America/New_York", 2026, 11, 1, 1, 30).getTime();
    expect([
      at("2026-11-01T01:30:00-04:00").getTime(),
      at("2026-11-01T01:30:00-05:00").getTime(),
    ]).toContain(ny);
  });

  // Every wall time that exists must map to an instant whose wall clock shows that time.
  const gaps: Record<string, string> = {
    "Europe/London": "2026-03-29T01",
    "America/New_York": "2026-03-08T02",
    "America/Los_Angeles": "2026-03-08T02",
    "Australia/Sydney": "2026-10-04T02",
    "Asia/Tokyo": "none",
  };
  it.each(Object.keys(gaps))("round-trips every half hour around the 2026 changes in %s", (tz) => {
    const wrong: string[] = [];
    for (const [month, firstDay, lastDay] of [
      [3, 1, 31],
      [4, 1, 10],
      [10, 1, 31],
      [11, 1, 5],
    ]) {
      for (let day = firstDay; day <= lastDay; day++) {
        for (let half = 0; half < 48; half++) {
          const local = {
            year: 2026,
            month,
            day,
            hour: Math.floor(half / 2),
            minute: (half % 2) * 30,
          };
          const label = `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T${String(local.hour).padStart(2, "0")}`;
          if (label === gaps[tz]) continue; // that hour does not exist on the wall clock
          const back = localParts(zonedTimeToInstant(local, tz), tz);
          const { isoWeekday: _w, ...shown } = back;
          if (JSON.stringify(shown) !== JSON.stringify(local))
            wrong.push(`${label}:${String(local.minute).padStart(2, "0")}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("addBusinessMinutes: an ordinary London week (GMT)", () => {
  const cal = calendar();

  it("counts forward inside the working day", () => {
    expect(addBusinessMinutes(at("2026-01-05T10:00:00Z"), 90, cal)).toEqual(
      at("2026-01-05T11:30:00Z"),
    );
  });

  it("starts counting at opening time when started before it", () => {
    expect(addBusinessMinutes(at("2026-01-05T07:15:00Z"), 30, cal)).toEqual(
      at("2026-01-05T09:30:00Z"),
    );
  });

  it("starts counting the next morning when started after closing", () => {
    expect(addBusinessMinutes(at("2026-01-05T18:00:00Z"), 30, cal)).toEqual(
      at("2026-01-06T09:30:00Z"),
    );
  });

  it("treats closing time itself as closed", () => {
    expect(addBusinessMinutes(at("2026-01-05T17:00:00Z"), 30, cal)).toEqual(
      at("2026-01-06T09:30:00Z"),
    );
  });

  it("may end exactly at closing time", () => {
    expect(addBusinessMinutes(at("2026-01-05T16:00:00Z"), 60, cal)).toEqual(
      at("2026-01-05T17:00:00Z"),
    );
  });

  it("carries what is left over into the next working day", () => {
    expect(addBusinessMinutes(at("2026-01-05T16:00:00Z"), 61, cal)).toEqual(
      at("2026-01-06T09:01:00Z"),
    );
  });

  it("returns the start itself for zero minutes during hours", () => {
    expect(addBusinessMinutes(at("2026-01-05T10:00:00Z"), 0, cal)).toEqual(
      at("2026-01-05T10:00:00Z"),
    );
  });

  it("skips the weekend", () => {
    expect(addBusinessMinutes(at("2026-01-10T10:00:00Z"), 60, cal)).toEqual(
      at("2026-01-12T10:00:00Z"),
    );
    expect(addBusinessMinutes(at("2026-01-11T23:59:00Z"), 60, cal)).toEqual(
      at("2026-01-12T10:00:00Z"),
    );
  });

  it("takes a Friday-evening start to Monday", () => {
    expect(addBusinessMinutes(at("2026-01-09T18:00:00Z"), 2 * H, cal)).toEqual(
      at("2026-01-12T11:00:00Z"),
    );
  });

  it("splits a clock between Friday afternoon and Monday morning", () => {
    expect(addBusinessMinutes(at("2026-01-09T16:30:00Z"), 2 * H, cal)).toEqual(
      at("2026-01-12T10:30:00Z"),
    );
  });

  it("spans several working days", () => {
    expect(addBusinessMinutes(at("2026-01-05T13:00:00Z"), 3 * 8 * H, cal)).toEqual(
      at("2026-01-08T13:00:00Z"),
    );
  });

  it("keeps seconds of the start", () => {
    expect(addBusinessMinutes(at("2026-01-05T10:00:30Z"), 1, cal)).toEqual(
      at("2026-01-05T10:01:30Z"),
    );
  });

  it("throws rather than loop when there is never any working time", () => {
    expect(() =>
      addBusinessMinutes(at("2026-01-05T10:00:00Z"), 1, calendar({ workingDays: [] })),
    ).toThrow(/no working time/);
  });
});

describe("addBusinessMinutes: holidays", () => {
  it("skips a Monday holiday after a weekend", () => {
    const cal = calendar({ holidays: new Set(["2026-01-12"]) });
    expect(addBusinessMinutes(at("2026-01-09T16:00:00Z"), 2 * H, cal)).toEqual(
      at("2026-01-13T10:00:00Z"),
    );
  });

  it("skips Christmas, the substitute Boxing Day and New Year", () => {
    const cal = calendar({ holidays: new Set(["2026-12-25", "2026-12-28", "2027-01-01"]) });
    // Thu 24th 7 h, Tue 29th–Thu 31st 24 h, Mon 4 Jan 8 h, then 1 h on Tue 5 Jan.
    expect(addBusinessMinutes(at("2026-12-24T10:00:00Z"), 5 * 8 * H, cal)).toEqual(
      at("2027-01-05T10:00:00Z"),
    );
  });

  it("closes a holiday that falls on a working day in the middle of a week", () => {
    const cal = calendar({ holidays: new Set(["2026-01-07"]) });
    expect(addBusinessMinutes(at("2026-01-06T16:00:00Z"), 2 * H, cal)).toEqual(
      at("2026-01-08T10:00:00Z"),
    );
  });

  it("reads holidays as local dates of the calendar's zone (Tokyo)", () => {
    // Mon 12 Jan 2026 is Coming of Age Day; Tue 13 Jan 09:00 JST is still 12 Jan in UTC.
    const cal = calendar({
      timeZone: "Asia/Tokyo",
      dayEnd: "18:00",
      holidays: new Set(["2026-01-12"]),
    });
    expect(addBusinessMinutes(at("2026-01-09T17:00:00+09:00"), 2 * H, cal)).toEqual(
      at("2026-01-13T10:00:00+09:00"),
    );
  });
});

describe("addBusinessMinutes: a window across midnight (22:00–06:00, Mon–Fri nights)", () => {
  const cal = calendar({ dayStart: "22:00", dayEnd: "06:00" });

  it("counts the window opened the evening before", () => {
    expect(addBusinessMinutes(at("2026-01-06T02:00:00Z"), 60, cal)).toEqual(
      at("2026-01-06T03:00:00Z"),
    );
  });

  it("waits for the evening when started in the daytime", () => {
    expect(addBusinessMinutes(at("2026-01-06T12:00:00Z"), 60, cal)).toEqual(
      at("2026-01-06T23:00:00Z"),
    );
  });

  it("runs past midnight and on into the next night", () => {
    // Tue 23:00 → Wed 06:00 is 7 h; the 8th hour is Wed 22:00–23:00.
    expect(addBusinessMinutes(at("2026-01-06T23:00:00Z"), 8 * H, cal)).toEqual(
      at("2026-01-07T23:00:00Z"),
    );
  });

  it("lets Friday's night shift run into Saturday morning, then waits for Monday night", () => {
    expect(addBusinessMinutes(at("2026-01-10T05:00:00Z"), 2 * H, cal)).toEqual(
      at("2026-01-12T23:00:00Z"),
    );
  });

  it("keeps Sunday night closed", () => {
    expect(addBusinessMinutes(at("2026-01-11T23:00:00Z"), 60, cal)).toEqual(
      at("2026-01-12T23:00:00Z"),
    );
  });

  it("closes the whole night that opens on a holiday", () => {
    const holiday = calendar({
      dayStart: "22:00",
      dayEnd: "06:00",
      holidays: new Set(["2026-01-06"]),
    });
    expect(addBusinessMinutes(at("2026-01-06T12:00:00Z"), 60, holiday)).toEqual(
      at("2026-01-07T23:00:00Z"),
    );
    expect(addBusinessMinutes(at("2026-01-07T02:00:00Z"), 60, holiday)).toEqual(
      at("2026-01-07T23:00:00Z"),
    );
  });

  it("has a 7-hour night on the London spring-forward night", () => {
    const nights = calendar({ dayStart: "22:00", dayEnd: "06:00", workingDays: EVERY_DAY });
    // Sat 22:00 GMT → Sun 06:00 BST is 7 h; the 8th hour is Sun 22:00–23:00 BST.
    expect(addBusinessMinutes(at("2026-03-28T22:00:00Z"), 8 * H, nights)).toEqual(
      at("2026-03-29T23:00:00+01:00"),
    );
  });

  it("has a 9-hour night on the London fall-back night", () => {
    const nights = calendar({ dayStart: "22:00", dayEnd: "06:00", workingDays: EVERY_DAY });
    const start = at("2026-10-24T22:00:00+01:00");
    expect(addBusinessMinutes(start, 8 * H, nights)).toEqual(at("2026-10-25T05:00:00Z"));
    expect(addBusinessMinutes(start, 9 * H, nights)).toEqual(at("2026-10-25T06:00:00Z"));
    expect(addBusinessMinutes(start, 10 * H, nights)).toEqual(at("2026-10-25T23:00:00Z"));
  });
});

describe("addBusinessMinutes: across DST changes", () => {
  it("London, October: Friday 16:30 BST plus 2 h lands Monday 10:30 GMT", () => {
    expect(addBusinessMinutes(at("2026-10-23T16:30:00+01:00"), 2 * H, calendar())).toEqual(
      at("2026-10-26T10:30:00Z"),
    );
  });

  it("London, March: Friday 16:30 GMT plus 2 h lands Monday 10:30 BST", () => {
    expect(addBusinessMinutes(at("2026-03-27T16:30:00Z"), 2 * H, calendar())).toEqual(
      at("2026-03-30T10:30:00+01:00"),
    );
  });

  it("New York, March: Friday 16:30 EST plus 2 h lands Monday 10:30 EDT", () => {
    const cal = calendar({ timeZone: "America/New_York" });
    expect(addBusinessMinutes(at("2026-03-06T16:30:00-05:00"), 2 * H, cal)).toEqual(
      at("2026-03-09T10:30:00-04:00"),
    );
  });

  it("New York, November: Friday 16:30 EDT plus 2 h lands Monday 10:30 EST", () => {
    const cal = calendar({ timeZone: "America/New_York" });
    expect(addBusinessMinutes(at("2026-10-30T16:30:00-04:00"), 2 * H, cal)).toEqual(
      at("2026-11-02T10:30:00-05:00"),
    );
  });

  it("Los Angeles, both changes", () => {
    const cal = calendar({ timeZone: "America/Los_Angeles" });
    expect(addBusinessMinutes(at("2026-03-06T16:00:00-08:00"), 2 * H, cal)).toEqual(
      at("2026-03-09T10:00:00-07:00"),
    );
    expect(addBusinessMinutes(at("2026-10-30T16:00:00-07:00"), 2 * H, cal)).toEqual(
      at("2026-11-02T10:00:00-08:00"),
    );
  });

  it("Tokyo has no DST: London's change that weekend does not matter", () => {
    const cal = calendar({ timeZone: "Asia/Tokyo", dayEnd: "18:00" });
    expect(addBusinessMinutes(at("2026-03-27T17:00:00+09:00"), 3 * H, cal)).toEqual(
      at("2026-03-30T11:00:00+09:00"),
    );
  });

  it("Sydney, April (DST ends) over Easter holidays", () => {
    const cal = calendar({
      timeZone: "Australia/Sydney",
      holidays: new Set(["2026-04-03", "2026-04-06"]),
    });
    expect(addBusinessMinutes(at("2026-04-02T16:00:00+11:00"), 2 * H, cal)).toEqual(
      at("2026-04-07T10:00:00+10:00"),
    );
  });

  it("Sydney, October (DST starts)", () => {
    const cal = calendar({ timeZone: "Australia/Sydney" });
    expect(addBusinessMinutes(at("2026-10-02T16:00:00+10:00"), 2 * H, cal)).toEqual(
      at("2026-10-05T10:00:00+11:00"),
    );
  });

  describe("a calendar open every day, on the day of the change", () => {
    const everyDay = (timeZone: string) => calendar({ timeZone, workingDays: EVERY_DAY });

    it("London spring-forward Sunday opens at 09:00 BST", () => {
      expect(
        addBusinessMinutes(at("2026-03-28T16:00:00Z"), 4 * H, everyDay("Europe/London")),
      ).toEqual(at("2026-03-29T12:00:00+01:00"));
    });

    it("London fall-back Sunday opens at 09:00 GMT", () => {
      expect(
        addBusinessMinutes(at("2026-10-24T16:00:00+01:00"), 4 * H, everyDay("Europe/London")),
      ).toEqual(at("2026-10-25T12:00:00Z"));
    });

    it("Los Angeles spring-forward Sunday opens at 09:00 PDT", () => {
      expect(
        addBusinessMinutes(at("2026-03-07T16:30:00-08:00"), 60, everyDay("America/Los_Angeles")),
      ).toEqual(at("2026-03-08T09:30:00-07:00"));
    });

    it("New York fall-back Sunday opens at 09:00 EST", () => {
      expect(
        addBusinessMinutes(at("2026-10-31T16:00:00-04:00"), 2 * H, everyDay("America/New_York")),
      ).toEqual(at("2026-11-01T10:00:00-05:00"));
    });

    it("Sydney's Saturday before fall-back still closes at 17:00 AEDT", () => {
      expect(
        addBusinessMinutes(at("2026-04-04T16:00:00+11:00"), 2 * H, everyDay("Australia/Sydney")),
      ).toEqual(at("2026-04-05T10:00:00+10:00"));
    });
  });
});

describe("addCalendarMinutes", () => {
  it("adds real elapsed minutes, ignoring weekends and DST", () => {
    expect(addCalendarMinutes(at("2026-10-24T12:00:00+01:00"), 24 * H)).toEqual(
      at("2026-10-25T11:00:00Z"),
    );
  });
});
