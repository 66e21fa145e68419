import { describe, expect, it } from "vitest";
import { listContactChoices, searchAccountChoices } from "~/models/account.server";
import { parseSearch } from "~/domain/search-query";
import { searchCases } from "~/models/incident-search.server";
import { listColleagueChoices } from "~/models/user.server";
import { orgForThisFile } from "../fixtures/org";

// Search ignores letter case on both providers (PostgreSQL's LIKE would not by itself).

const { db, org } = await orgForThisFile("srch");

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
    // A NUL byte is dropped from a case search (PostgreSQL refuses it in a parameter).
    const parsed = parseSearch("\0GLOBEX\0");
    expect(parsed).toEqual({ ok: true, terms: ["GLOBEX"] });
    if (parsed.ok) await searchCases(db, hr, { terms: parsed.terms });
  });
});
