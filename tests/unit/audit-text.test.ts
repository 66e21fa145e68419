import { describe, expect, it } from "vitest";
import { serverT } from "~/i18n/resources.server";
import {
  auditUserIds,
  describeAudit,
  describeDay,
  describeMoney,
  describeTarget,
} from "~/domain/audit-text";

const bh = (minutes: number) => ({ minutes, businessHours: true });
const cal = (minutes: number) => ({ minutes, businessHours: false });

describe("describeAudit: deadline policy", () => {
  it("names each changed target in plain words, most serious first", () => {
    const text = describeAudit({
      action: "DEADLINE_POLICY_SAVED",
      data: {
        "LOW.RESOLVE": { from: cal(30 * 1440), to: cal(45 * 1440) },
        "CRITICAL.ACKNOWLEDGE": { from: bh(60), to: bh(120) },
      },
    });
    expect(text).toBe(
      "Changed the deadline policy: acknowledge, critical: 1 h → 2 h; resolve, low: 30 calendar days → 45 calendar days",
    );
  });

  it("shows business days, a change of clock, and the calendar", () => {
    const text = describeAudit({
      action: "DEADLINE_POLICY_SAVED",
      data: {
        "HIGH.FIRST_PROTECTIVE_ACTION": { from: bh(480), to: cal(1440) },
        calendar: { from: "UK office", to: "US office" },
      },
    });
    expect(text).toBe(
      "Changed the deadline policy: first protective action, high: 1 business day → 1 calendar day; calendar: UK office → US office",
    );
  });

  it("says which calendar the first save chose", () => {
    expect(
      describeAudit({
        action: "DEADLINE_POLICY_SAVED",
        data: { calendar: { from: null, to: "UK office" } },
      }),
    ).toBe("Changed the deadline policy: calendar: UK office");
  });
});

describe("describeAudit: calendars", () => {
  it("describes creation, changes and holidays", () => {
    expect(describeAudit({ action: "CALENDAR_CREATED", data: { name: "US office" } })).toBe(
      "Created the calendar “US office”",
    );
    expect(describeAudit({ action: "CALENDAR_DELETED", data: { name: "US office" } })).toBe(
      "Deleted the calendar “US office”",
    );
    expect(
      describeAudit(
        {
          action: "CALENDAR_UPDATED",
          data: {
            workingDays: { from: "1,2,3,4,5", to: "1,2,3,4,5,6" },
            dayStart: { from: "09:00", to: "08:00" },
          },
        },
        { subjectLabel: "UK office" },
      ),
    ).toBe(
      "Changed the calendar “UK office”: working days: Mon–Fri → Mon–Sat; day starts: 09:00 → 08:00",
    );
    expect(
      describeAudit(
        { action: "HOLIDAY_ADDED", data: { date: "2026-12-25", name: "Christmas Day" } },
        { subjectLabel: "UK office" },
      ),
    ).toBe("Added the holiday “Christmas Day” on 25 Dec 2026 to “UK office”");
    expect(
      describeAudit(
        { action: "HOLIDAY_REMOVED", data: { date: "2026-12-26", name: "Boxing Day" } },
        { subjectLabel: "UK office" },
      ),
    ).toBe("Removed the holiday “Boxing Day” on 26 Dec 2026 from “UK office”");
  });
});

describe("describeAudit: accounts and contacts", () => {
  it("shows money with its currency, owners by name and dates as days", () => {
    const names = new Map([["u1", "Mia Manager"]]);
    const text = describeAudit(
      {
        action: "ACCOUNT_UPDATED",
        data: {
          arrMinor: { from: "120000000", to: "150000050" },
          ownerId: { from: null, to: "u1" },
          renewalDate: { from: null, to: "2027-03-31T00:00:00.000Z" },
          conductStatus: { from: "GOOD", to: "CONDITIONS" },
          segment: { from: "SMB", to: "MID_MARKET" },
        },
      },
      { subjectLabel: "Globex Ltd", currency: "USD", names },
    );
    expect(text).toBe(
      "Changed the account “Globex Ltd”: ARR: USD 1,200,000.00 → USD 1,500,000.50; owner: nobody → Mia Manager; renewal date: not set → 31 Mar 2027; conduct status: good → conditions; segment: small business → mid-market",
    );
  });

  it("shows amounts before a change of currency in the old currency", () => {
    const text = describeAudit(
      {
        action: "ACCOUNT_UPDATED",
        data: {
          currency: { from: "USD", to: "GBP" },
          arrMinor: { from: "100", to: "80" },
        },
      },
      { subjectLabel: "Globex Ltd", currency: "GBP" },
    );
    expect(text).toBe(
      "Changed the account “Globex Ltd”: currency: USD → GBP; ARR: USD 1.00 → GBP 0.80",
    );
  });

  it("calls an owner who is gone a former user", () => {
    expect(
      describeAudit(
        { action: "ACCOUNT_UPDATED", data: { ownerId: { from: "gone", to: null } } },
        { subjectLabel: "A" },
      ),
    ).toBe("Changed the account “A”: owner: a former user → nobody");
  });

  it("describes contacts added, changed and confirmed", () => {
    expect(
      describeAudit(
        { action: "CONTACT_ADDED", data: { name: "Quinn Calm", jobTitle: null, email: null } },
        { accountName: "Globex Ltd" },
      ),
    ).toBe("Added the contact “Quinn Calm” to “Globex Ltd”");
    expect(
      describeAudit(
        { action: "CONTACT_UPDATED", data: { needsConfirmation: { from: true, to: false } } },
        { subjectLabel: "Pat Shouter", accountName: "Globex Ltd" },
      ),
    ).toBe("Confirmed the contact “Pat Shouter” at “Globex Ltd”");
    expect(
      describeAudit(
        {
          action: "CONTACT_UPDATED",
          data: {
            email: { from: null, to: "pat@globex.example" },
            needsConfirmation: { from: true, to: false },
          },
        },
        { subjectLabel: "Pat Shouter" },
      ),
    ).toBe(
      "Changed the contact “Pat Shouter”: email: none → pat@globex.example; confirmation: awaiting confirmation → confirmed",
    );
  });
});

describe("describeAudit: imports, mail and the unknown", () => {
  it("counts an import and retried mail", () => {
    expect(
      describeAudit({
        action: "ACCOUNTS_IMPORTED",
        data: { created: 3, updated: 2, rejected: 1 },
      }),
    ).toBe("Imported accounts from the CRM: 3 created, 2 updated, 1 row rejected");
    expect(describeAudit({ action: "MAIL_RETRIED", data: { count: 1 } })).toBe(
      "Sent a set-aside mail again",
    );
    expect(describeAudit({ action: "MAIL_RETRIED", data: { count: 4 } })).toBe(
      "Sent 4 set-aside mails again",
    );
  });

  it("says so when an update changed nothing, and falls back to the action's words", () => {
    expect(describeAudit({ action: "ACCOUNT_UPDATED", data: {} }, { subjectLabel: "A" })).toBe(
      "Changed the account “A” (nothing changed)",
    );
    expect(describeAudit({ action: "SOMETHING_NEW", data: {} })).toBe("Something new");
  });

  it("ignores data that is not a change", () => {
    expect(
      describeAudit(
        {
          action: "CALENDAR_UPDATED",
          data: { name: "oops", dayEnd: { from: "17:00", to: "18:00" } },
        },
        { subjectLabel: "UK office" },
      ),
    ).toBe("Changed the calendar “UK office”: day ends: 17:00 → 18:00");
  });
});

describe("value words", () => {
  it("formats targets", () => {
    expect(describeTarget(bh(90))).toBe("1 h 30 min");
    expect(describeTarget(bh(960))).toBe("2 business days");
    expect(describeTarget(cal(36 * 60))).toBe("36 h round the clock");
    expect(describeTarget(null)).toBe("not set");
  });

  it("formats money from minor units without losing digits", () => {
    expect(describeMoney("9007199254740993")).toBe("90,071,992,547,409.93");
    expect(describeMoney("5", "EUR")).toBe("EUR 0.05");
    expect(describeMoney("-1234")).toBe("-12.34");
    expect(describeMoney(null)).toBe("not set");
  });

  it("formats days", () => {
    expect(describeDay("2027-01-05T00:00:00.000Z")).toBe("5 Jan 2027");
    expect(describeDay(null)).toBe("not set");
  });
});

describe("auditUserIds", () => {
  it("collects owners on both sides of a change", () => {
    expect(
      auditUserIds([
        { data: { ownerId: { from: "a", to: "b" } } },
        { data: { ownerId: { from: null, to: "a" } } },
        { data: { name: { from: "x", to: "y" } } },
      ]),
    ).toEqual(["a", "b"]);
  });
});

describe("describeAudit: people and teams", () => {
  const names = new Map([
    ["u1", "Mia Manager"],
    ["u2", "Hugo Head"],
  ]);

  it("says who was added, changed, deactivated or invited, in words", () => {
    expect(
      describeAudit({ action: "PERSON_CREATED", data: { name: "Nell", role: "EMPLOYEE" } }),
    ).toBe("Added the person “Nell” (employee)");
    expect(
      describeAudit(
        {
          action: "PERSON_UPDATED",
          data: {
            managerId: { from: "u1", to: "u2" },
            team: { from: null, to: "Billing" },
            active: { from: true, to: false },
          },
        },
        { subjectLabel: "Erin", names },
      ),
    ).toBe(
      "Changed the person “Erin”: manager: Mia Manager → Hugo Head; team: none → Billing; status: active → deactivated",
    );
    expect(describeAudit({ action: "PERSON_INVITED", data: {} }, { subjectLabel: "Erin" })).toBe(
      "Sent a new invitation to “Erin”",
    );
    expect(
      describeAudit(
        { action: "TEAM_UPDATED", data: { parent: { from: null, to: "Support" } } },
        { subjectLabel: "Billing" },
      ),
    ).toBe("Changed the team “Billing”: parent team: none → Support");
    expect(
      describeAudit({
        action: "PEOPLE_IMPORTED",
        data: { created: 500, updated: 2, deactivated: 1 },
      }),
    ).toBe("Imported people from the HR system: 500 added, 2 changed, 1 deactivated");
  });

  it("lists managers an event refers to, to look their names up", () => {
    expect(auditUserIds([{ data: { managerId: { from: "u1", to: "u2" } } }]).sort()).toEqual([
      "u1",
      "u2",
    ]);
  });
});

describe("describeAudit in the reader's language", () => {
  // The settings history page passes the language files' words; stored rows stay English-free
  // of wording (only data), so the same row reads in Japanese or Spanish.
  const sayIn = (language: string) => {
    const t = serverT(language);
    return (key: string, values?: Record<string, string | number>) => t(key, values ?? {});
  };

  it("words a deadline policy change in Japanese", () => {
    const text = describeAudit(
      {
        action: "DEADLINE_POLICY_SAVED",
        data: {
          "CRITICAL.ACKNOWLEDGE": { from: bh(60), to: bh(120) },
          "LOW.RESOLVE": { from: cal(30 * 1440), to: cal(45 * 1440) },
        },
      },
      { say: sayIn("ja") },
    );
    expect(text).toBe(
      "期限ポリシーを変更しました: 受領の確認、緊急: 1 時間 → 2 時間; 解決、低: 30 暦日 → 45 暦日",
    );
  });

  it("words a person's change in Spanish, with the field names translated", () => {
    const text = describeAudit(
      {
        action: "PERSON_UPDATED",
        data: { active: { from: true, to: false }, team: { from: null, to: "Billing" } },
      },
      { subjectLabel: "Sam Whitaker", say: sayIn("es") },
    );
    expect(text).toBe(
      "Cambió a la persona “Sam Whitaker”: estado: activa → desactivada; equipo: ninguno → Billing",
    );
  });
});
