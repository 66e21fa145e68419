import { describe, expect, it } from "vitest";
import { checkHeader, checkRows, IMPORT_COLUMNS, TEMPLATE_EXAMPLE } from "~/domain/account-import";

const good = { ...TEMPLATE_EXAMPLE };

describe("CRM import rows", () => {
  it("accepts the template's example row and converts money to minor units", () => {
    const [r] = checkRows([good]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row.arr).toBe(45_000_000n);
    expect(r.row.contract_value).toBe(135_000_000n);
    expect(r.row.renewal_date?.toISOString()).toBe("2028-03-31T00:00:00.000Z");
    expect(r.row.segment).toBe("ENTERPRISE");
  });

  it("explains each bad row on its own line", () => {
    const rows = checkRows([
      { ...good, crm_id: "" },
      { ...good, crm_id: "B", arr: "-5" },
      { ...good, crm_id: "C", renewal_date: "31/03/2028" },
      { ...good, crm_id: "D", segment: "GIANT" },
      { ...good, crm_id: "E" },
      { ...good, crm_id: "E" },
    ]);
    const errors = rows.map((r) => (r.ok ? [] : r.errors).join("; "));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errors[0]).toMatch(/crm_id: CRM id is missing/);
    expect(errors[1]).toMatch(/arr: Must not be negative/);
    expect(errors[2]).toMatch(/renewal_date: Use the date format YYYY-MM-DD/);
    expect(errors[3]).toMatch(/segment: Unknown segment/);
    expect(errors[4]).toBe("");
    expect(errors[5]).toMatch(/Duplicate of line 6/);
  });

  it("fills defaults and rejects impossible values", () => {
    const [r] = checkRows([
      {
        crm_id: "X",
        name: "X",
        segment: "mid market",
        arr: "10",
        currency: "",
        payment_status: "",
        days_overdue: "",
      },
    ]);
    expect(r.ok && r.row).toMatchObject({
      segment: "MID_MARKET",
      currency: "USD",
      payment_status: "CURRENT",
      days_overdue: 0,
      arr: 1000n,
    });
    const [bad] = checkRows([{ ...good, renewal_date: "2027-02-30", days_overdue: "-1" }]);
    expect(bad.ok).toBe(false);
  });

  it("checks the header", () => {
    expect(checkHeader([...IMPORT_COLUMNS])).toEqual([]);
    expect(checkHeader(["crm_id", "name", "colour"]).join(" ")).toMatch(/segment.*arr.*colour/s);
  });
});
