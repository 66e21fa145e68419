import { beforeAll, describe, expect, it } from "vitest";
import { listContactChoices, searchAccountChoices } from "~/models/account.server";
import { countCases } from "~/models/case-history.server";
import { listColleagueChoices } from "~/models/user.server";
import { getDb, type Db } from "~/utils/db.server";
import { createTestOrg, type TestOrg } from "../fixtures/org";

// Search ignores letter case on both providers (PostgreSQL's LIKE would not by itself).

let db: Db;
let org: TestOrg;

beforeAll(async () => {
  db = await getDb();
  org = await createTestOrg(db, "srch");
});

describe("search", () => {
  it("finds accounts, contacts and colleagues whatever the letter case", async () => {
    const accounts = await searchAccountChoices(db, "GLOBEX");
    expect(accounts.map((a) => a.id)).toContain(org.account.id);
    const contacts = await listContactChoices(db, org.account.id, "pat shout");
    expect(contacts.map((c) => c.id)).toContain(org.contact.id);
    const people = await listColleagueChoices(db, org.employeeA.id, "COLE");
    expect(people.map((p) => p.id)).toContain(org.colleagueA.id);
  });

  it("takes a NUL byte in a search as nothing rather than an error", async () => {
    const accounts = await searchAccountChoices(db, "GLOB\0EX");
    expect(accounts.map((a) => a.id)).toContain(org.account.id);
    const hr = { id: org.hr.id, role: "HR" as const, managedTeamIds: [] };
    expect(await countCases(db, hr, { q: "\0" })).toBe(0);
  });
});
