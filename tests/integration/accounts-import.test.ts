import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, TEMPLATE_EXAMPLE } from "~/domain/account-import";
import { runImport } from "~/models/account-import.server";
import * as edit from "~/routes/accounts.$id_.edit";
import * as importRoute from "~/routes/accounts.import";
import { loader as listLoader } from "~/routes/accounts._index";
import { loader as templateLoader } from "~/routes/accounts.import-template[.]csv";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

const { db, org } = await orgForThisFile("imp");
const admin = await loginCookie(org.admin.email);
const hr = await loginCookie(org.hr.email);

const row = (over: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) => ({
  ...TEMPLATE_EXAMPLE,
  owner_email: org.managerA.email,
  ...over,
});
const csvOf = (rows: Record<string, string>[]) =>
  stringify(rows, { header: true, columns: [...IMPORT_COLUMNS] });

function upload(csv: string, cookie = admin, name = "accounts.csv"): Request {
  const form = new FormData();
  form.append("intent", "preview");
  form.append("file", new File([csv], name, { type: "text/csv" }));
  return new Request(`${TEST_APP_URL}/accounts/import`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: TEST_APP_URL },
    body: form,
  });
}

type Preview = {
  step: string;
  total: number;
  valid: number;
  creates: number;
  updates: number;
  csv: string;
  fileErrors: string[];
  badRows: { line: number; crmId: string; errors: string[] }[];
};

describe("CRM import", () => {
  it("shows each bad row's problem on its line and writes nothing until confirmed", async () => {
    const csv = csvOf([
      row({ crm_id: "GOOD-1", name: "Good One" }),
      row({ crm_id: "", name: "No Id" }),
      row({ crm_id: "NEG-1", arr: "-100.00" }),
      row({ crm_id: "DATE-1", renewal_date: "31/12/2027" }),
      row({ crm_id: "SEG-1", segment: "HUGE" }),
      row({ crm_id: "DUP-1", name: "First" }),
      row({ crm_id: "DUP-1", name: "Second" }),
    ]);
    const before = await db.customerAccount.count();
    const answer = await call(importRoute.action, upload(csv));
    expect(answer.status).toBe(200);
    const p = answer.body as Preview;
    expect(p.step).toBe("preview");
    expect(p.total).toBe(7);
    expect(p.valid).toBe(2);
    const byLine = Object.fromEntries(p.badRows.map((r) => [r.line, r.errors.join(" ")]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 8]);
    expect(byLine[3]).toMatch(/CRM id is missing/);
    expect(byLine[4]).toMatch(/arr: Must not be negative/);
    expect(byLine[5]).toMatch(/renewal_date: Use the date format YYYY-MM-DD/);
    expect(byLine[6]).toMatch(/segment: Unknown segment/);
    expect(byLine[8]).toMatch(/Duplicate of line 7/);
    expect(await db.customerAccount.count()).toBe(before);

    // Confirming writes the good rows only and says what happened.
    const confirm = await call(
      importRoute.action,
      postRequest("/accounts/import", { intent: "confirm", csv: p.csv }, { cookie: admin }),
    );
    expect(confirm.body).toEqual({
      step: "done",
      created: 2,
      updated: 0,
      rejected: 5,
      fileErrors: [],
    });
    const good = await db.customerAccount.findUniqueOrThrow({ where: { crmId: "GOOD-1" } });
    expect(good).toMatchObject({
      name: "Good One",
      arrMinor: 45_000_000n,
      contractValueMinor: 135_000_000n,
      currency: "GBP",
      ownerId: org.managerA.id,
      paymentStatus: "CURRENT",
    });
    expect(good.renewalDate?.toISOString()).toBe("2028-03-31T00:00:00.000Z");
    expect(await db.customerAccount.findUnique({ where: { crmId: "DUP-1" } })).toMatchObject({
      name: "First",
    });
    expect(await db.customerAccount.findUnique({ where: { crmId: "NEG-1" } })).toBeNull();
  });

  it("is idempotent by CRM id and leaves conduct status and review flags alone", async () => {
    await db.customerAccount.update({
      where: { crmId: "GOOD-1" },
      data: { conductStatus: "CONDITIONS", needsReview: true },
    });
    const csv = csvOf([row({ crm_id: "GOOD-1", name: "Good One Renamed", arr: "500000" })]);
    const first = await runImport(db, csv, org.admin.id);
    const second = await runImport(db, csv, org.admin.id);
    expect(first).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    expect(second).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    expect(await db.customerAccount.count({ where: { crmId: "GOOD-1" } })).toBe(1);
    expect(
      await db.customerAccount.findUniqueOrThrow({ where: { crmId: "GOOD-1" } }),
    ).toMatchObject({
      name: "Good One Renamed",
      arrMinor: 50_000_000n,
      conductStatus: "CONDITIONS",
      needsReview: true,
    });
  });

  it("rejects an unknown owner, a file without the required columns and a broken CSV", async () => {
    const unknownOwner = (
      await call(
        importRoute.action,
        upload(csvOf([row({ crm_id: "OWN-1", owner_email: "nobody@x.example" })])),
      )
    ).body as Preview;
    expect(unknownOwner.badRows[0].errors.join()).toMatch(/owner_email: Nobody with the email/);

    const noColumns = (await call(importRoute.action, upload("crm_id,colour\nA,red\n")))
      .body as Preview;
    expect(noColumns.fileErrors.join(" ")).toMatch(/"name" is missing.*colour/s);

    const broken = (await call(importRoute.action, upload('crm_id,name\n"unterminated,x\n')))
      .body as Preview;
    expect(broken.fileErrors.join(" ")).toMatch(/not a readable CSV/);

    const empty = await call(importRoute.action, upload(""));
    expect(empty.status).toBe(400);
  });

  it("imports 10,000 rows in one go", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      row({
        crm_id: `BULK-${String(i).padStart(5, "0")}`,
        name: `Bulk Customer ${i}`,
        segment: ["ENTERPRISE", "MID_MARKET", "SMB", "PUBLIC_SECTOR"][i % 4],
        arr: `${10_000 + i}.50`,
        owner_email: i % 2 ? org.managerA.email : "",
      }),
    );
    const csv = csvOf(rows);
    const started = Date.now();
    const preview = (await call(importRoute.action, upload(csv))).body as Preview;
    const previewMs = Date.now() - started;
    expect(preview).toMatchObject({ total: 10_000, valid: 10_000, creates: 10_000 });
    const confirmStarted = Date.now();
    const done = await call(
      importRoute.action,
      postRequest("/accounts/import", { intent: "confirm", csv: preview.csv }, { cookie: admin }),
    );
    console.log(
      `10,000-row import: preview ${previewMs} ms, write ${Date.now() - confirmStarted} ms (${csv.length} bytes)`,
    );
    expect(done.body).toMatchObject({ created: 10_000, updated: 0, rejected: 0 });
    expect(await db.customerAccount.count({ where: { crmId: { startsWith: "BULK-" } } })).toBe(
      10_000,
    );
    expect(
      await db.customerAccount.findUniqueOrThrow({ where: { crmId: "BULK-09999" } }),
    ).toMatchObject({ arrMinor: 1_999_950n, segment: "PUBLIC_SECTOR", ownerId: org.managerA.id });
  }, 300_000);

  it("refuses a file over the size cap with a clear message", async () => {
    const big = new Request(`${TEST_APP_URL}/accounts/import`, {
      method: "POST",
      headers: {
        Cookie: admin,
        Origin: TEST_APP_URL,
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(60 * 1024 * 1024),
      },
      body: "--x--",
    });
    const answer = await call(importRoute.action, big);
    expect(answer.status).toBe(413);
    expect(JSON.stringify(answer.body)).toMatch(/larger than 20 MB/);
  });
});

describe("account pages for HR and admins", () => {
  it("serves the template and the list to HR and admins only", async () => {
    const template = await call(templateLoader, getRequest("/accounts/import-template.csv", hr));
    expect(template.status).toBe(200);
    expect(String(template.body).split("\n")[0]).toBe(IMPORT_COLUMNS.join(","));
    const list = await call(
      listLoader,
      getRequest(`/accounts?q=${encodeURIComponent("imp Globex")}`, admin),
    );
    expect((list.body as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual([
      "imp Globex Ltd",
    ]);
    for (const email of [org.employeeA.email, org.managerA.email, org.leadership.email]) {
      const c = await loginCookie(email);
      expect((await call(listLoader, getRequest("/accounts", c))).status).toBe(404);
      expect(
        (await call(templateLoader, getRequest("/accounts/import-template.csv", c))).status,
      ).toBe(404);
      expect((await call(importRoute.action, upload("x", c))).status).toBe(404);
      expect(
        (
          await call(
            edit.action,
            postRequest(`/accounts/${org.account.id}/edit`, {}, { cookie: c }),
            { id: org.account.id },
          )
        ).status,
      ).toBe(404);
    }
  });

  it("edits an account, keeping what was typed and explaining a bad value", async () => {
    const fields = {
      name: "imp Globex Group",
      segment: "MID_MARKET",
      ownerId: org.managerB.id,
      arr: "-5",
      contractValue: "0",
      currency: "EUR",
      contractStart: "",
      contractEnd: "",
      renewalDate: "2027-06-30",
      noticeDate: "",
      paymentStatus: "LATE",
      daysOverdue: "12",
      conductStatus: "WATCH",
      confirmed: "on",
    };
    const bad = await call(
      edit.action,
      postRequest(`/accounts/${org.account.id}/edit`, fields, { cookie: hr }),
      {
        id: org.account.id,
      },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/Must not be negative/);
    type Reply = { initialValue: Record<string, string>; error: Record<string, string[]> };
    expect((bad.body as Reply).initialValue.name).toBe("imp Globex Group");
    // Blank required fields are named, each next to its field.
    const blank = await call(
      edit.action,
      postRequest(
        `/accounts/${org.account.id}/edit`,
        { ...fields, name: " ", arr: "", currency: "" },
        { cookie: hr },
      ),
      { id: org.account.id },
    );
    expect(blank.status).toBe(400);
    expect(Object.keys((blank.body as Reply).error).sort()).toEqual(["arr", "currency", "name"]);

    const ok = await call(
      edit.action,
      postRequest(
        `/accounts/${org.account.id}/edit`,
        { ...fields, arr: "250000.00" },
        { cookie: hr },
      ),
      { id: org.account.id },
    );
    expect(ok.status).toBe(302);
    expect(
      await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } }),
    ).toMatchObject({
      name: "imp Globex Group",
      arrMinor: 25_000_000n,
      currency: "EUR",
      paymentStatus: "LATE",
      daysOverdue: 12,
      conductStatus: "WATCH",
      ownerId: org.managerB.id,
    });
  });
});
