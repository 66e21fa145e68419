import { beforeAll, describe, expect, it } from "vitest";
import { parseSearch } from "~/domain/search-query";
import { erasePerson } from "~/models/data-rights.server";
import { postCaseMessage } from "~/models/case-message.server";
import { resolveIncident } from "~/models/incident-handling.server";
import { createIncident } from "~/models/incident.server";
import { searchCases } from "~/models/incident-search.server";
import { runRetention } from "~/models/retention.server";
import * as listRoute from "~/routes/hr.cases";
import * as csvRoute from "~/routes/hr.cases.csv";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// HR's full-text case search (docs/decisions/086): what it finds, that the index follows every
// write in its transaction (filing, messages, renames, the retention purge, erasure), that
// nobody finds a case naming them, and that no search text can make the page fail.

const { db, org } = await orgForThisFile("fts");
const hrCookie = await loginCookie(org.hr.email);
const hr = () => ({ id: org.hr.id, role: "HR" as const, managedTeamIds: [] });
const hr2 = () => ({ id: org.hr2.id, role: "HR" as const, managedTeamIds: [] });

const find = async (q: string, viewer = hr(), filters = {}) => {
  const parsed = parseSearch(q);
  if (!parsed.ok) throw new Error(parsed.message);
  const { rows } = await searchCases(db, viewer, { terms: parsed.terms, filters });
  return rows.map((r) => r.reference);
};

let first: { id: string; reference: string };
let japanese: { id: string; reference: string };
let naming: { id: string; reference: string };

beforeAll(async () => {
  const base = {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(Date.UTC(2026, 5, 1)),
    channel: "PHONE" as const,
    severity: "MEDIUM" as const,
    categories: ["VERBAL_ABUSE" as const],
  };
  first = await createIncident(db, {
    ...base,
    narrative: "The caller used a xylophonic insult and hung up.",
    impact: "Took the afternoon off.",
    contactIds: [org.contact.id],
  });
  japanese = await createIncident(db, {
    ...base,
    occurredAt: new Date(Date.UTC(2026, 5, 2)),
    narrative: "顧客が電話で暴言を吐いた。Agresión verbal por teléfono.",
  });
  naming = await createIncident(db, {
    ...base,
    occurredAt: new Date(Date.UTC(2026, 5, 3)),
    narrative: "The customer complained about the quokkaesque HR officer.",
    namedUserIds: [org.hr.id],
  });
});

describe("full-text case search", () => {
  it("finds a case by a word of its narrative, its impact, its reference and its account", async () => {
    expect(await find("xylophonic")).toEqual([first.reference]);
    expect(await find("XYLOPHON")).toEqual([first.reference]); // case, and part of a word
    expect(await find("afternoon")).toEqual([first.reference]);
    expect(await find(first.reference)).toEqual([first.reference]);
    const account = await find(`"${org.account.name}"`);
    expect(account).toEqual(expect.arrayContaining([first.reference, japanese.reference]));
    // Every word must appear, in any order; a phrase in quotes only as written.
    expect(await find("hung xylophonic")).toEqual([first.reference]);
    expect(await find('"hung xylophonic"')).toEqual([]);
    expect(await find("xylophonic nowhere-else")).toEqual([]);
  });

  it("finds a case by a named contact and by its messages, as they are written", async () => {
    const contact = await db.customerContact.findUniqueOrThrow({ where: { id: org.contact.id } });
    expect(await find(`"${contact.name}"`)).toContain(first.reference);
    expect(await find("marmalade")).toEqual([]);
    await postCaseMessage(db, {
      incidentId: first.id,
      authorId: org.employeeA.id,
      body: "He also mentioned marmalade, oddly.",
    });
    expect(await find("marmalade")).toEqual([first.reference]);
    // A renamed contact is found by the new name only.
    await db.customerContact.update({ where: { id: contact.id }, data: { name: "Zebulon Quill" } });
    expect(await find("Zebulon")).toContain(first.reference);
    expect(await find(`"${contact.name}"`)).not.toContain(first.reference);
    // So is a renamed account (a CRM sync writing the same name changes nothing).
    await db.customerAccount.update({
      where: { id: org.account.id },
      data: { name: org.account.name },
    });
    await db.customerAccount.update({
      where: { id: org.account.id },
      data: { name: "Quillfeather Ltd" },
    });
    expect(await find("Quillfeather")).toEqual(
      expect.arrayContaining([first.reference, japanese.reference]),
    );
    await db.customerAccount.update({
      where: { id: org.account.id },
      data: { name: org.account.name },
    });
    expect(await find("Quillfeather")).toEqual([]);
  });

  it("matches inside Japanese text and ignores accents", async () => {
    expect(await find("暴言を")).toEqual([japanese.reference]);
    expect(await find("agresion telefono")).toEqual([japanese.reference]);
    expect(await find("AGRESIÓN")).toEqual([japanese.reference]);
  });

  it("never shows HR a case that names them; other HR find it", async () => {
    expect(await find("quokkaesque")).toEqual([]);
    expect(await find("quokkaesque", hr2())).toEqual([naming.reference]);
  });

  it("applies the filters with the text, and lists the newest filed first", async () => {
    expect(await find("verbal", hr(), { accountId: org.account.id })).toEqual([japanese.reference]);
    expect(await find("verbal", hr(), { status: "RESOLVED" })).toEqual([]);
    expect(await find("caller up", hr(), { reporterId: org.employeeA.id })).toEqual([
      first.reference,
    ]);
    expect(await find("caller", hr(), { reporterId: org.employeeB.id })).toEqual([]);
    // Both cases name the account; the later filing comes first.
    const both = await find(`"${org.account.name}" verbal OR xylophonic`);
    expect(both).toEqual([]);
    const all = await find(`"${org.account.name}"`);
    expect(all.indexOf(japanese.reference)).toBeLessThan(all.indexOf(first.reference));
  });

  it("pages by key, newest first, without repeats", async () => {
    for (let i = 0; i < 5; i++)
      await createIncident(db, {
        reporterId: org.employeeB.id,
        accountId: org.account.id,
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i % 3)), // ties on occurredAt too
        channel: "PHONE",
        severity: "LOW",
        categories: ["VERBAL_ABUSE"],
        narrative: `One of the pangolin calls (${i}).`,
      });
    const seen: string[] = [];
    let after = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: Awaited<ReturnType<typeof searchCases>> = await searchCases(db, hr(), {
        terms: ["pangolin"],
        after,
        take: 2,
      });
      seen.push(...page.rows.map((r) => r.reference));
      after = page.next;
      if (!after) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    // Newest filed first: the references were given in filing order.
    expect(seen).toEqual([...seen].sort().reverse());
    // Without text, by when it happened, paged the same way.
    const byDate: string[] = [];
    after = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: Awaited<ReturnType<typeof searchCases>> = await searchCases(db, hr(), {
        filters: { reporterId: org.employeeB.id },
        after,
        take: 2,
      });
      for (let k = 1; k < page.rows.length; k++)
        expect(page.rows[k - 1].occurredAt >= page.rows[k].occurredAt).toBe(true);
      byDate.push(...page.rows.map((r) => r.reference));
      after = page.next;
      if (!after) break;
    }
    expect(byDate.sort()).toEqual([...seen].sort());
  });

  it("forgets a purged narrative and an erased reporter's name", async () => {
    const person = await db.user.create({
      data: {
        email: `fts-leaver-${Date.now()}@example.test`,
        name: "Ottoline Brackenbury",
        role: "EMPLOYEE",
      },
    });
    const gone = await createIncident(db, {
      reporterId: person.id,
      accountId: org.account.id,
      occurredAt: new Date(Date.UTC(2020, 0, 1)),
      channel: "EMAIL",
      severity: "LOW",
      categories: ["VERBAL_ABUSE"],
      narrative: "A report about a wombatlike remark.",
    });
    await resolveIncident(db, {
      incidentId: gone.id,
      actorId: org.managerA.id,
      outcome: "NOT_SUBSTANTIATED",
      now: new Date(Date.UTC(2020, 0, 2)),
    });
    expect(await find("wombatlike")).toEqual([gone.reference]);
    expect(await find("Brackenbury")).toEqual([gone.reference]);
    await runRetention(db, { now: new Date(Date.now() + 11 * 366 * 86_400_000) });
    expect((await db.incident.findUniqueOrThrow({ where: { id: gone.id } })).narrative).toBe("");
    expect(await find("wombatlike")).toEqual([]);
    const erased = await erasePerson(db, { actorId: org.hr.id, userId: person.id });
    expect(erased.ok).toBe(true);
    expect(await find("Brackenbury")).toEqual([]);
    expect(await find(gone.reference)).toEqual([gone.reference]); // the tombstoned case remains
  });
});

describe("the search page", () => {
  const page = (q: string) =>
    call(listRoute.loader, getRequest(`/hr/cases?q=${encodeURIComponent(q)}`, hrCookie));

  it("answers every hostile search with a page or a clear 400, never an error", async () => {
    const hostile = [
      '"',
      '""',
      'xylophonic"',
      "*",
      "xylo*",
      "NEAR(",
      "NEAR(a b, 2)",
      "-xylophonic",
      "xylophonic -",
      "a OR b AND NOT c",
      "col:xylophonic",
      "doc:xylophonic",
      "^xylophonic",
      "(((",
      "% _ \\",
      '\'; DROP TABLE "Incident"; --',
      "\u0000abc",
      "🙂🙂🙂",
      "ﬁ ǅ İ ß",
      "x".repeat(2000),
      "xy",
      "a b c d e f g h i j",
    ];
    for (const q of hostile) {
      const res = await page(q);
      expect([200, 400], JSON.stringify(q)).toContain(res.status);
      const body = res.body as { searchError: string | null; query: { q?: string } };
      expect(body.query.q).toBe(q); // the form keeps what was typed
      if (res.status === 400) expect(body.searchError).toMatch(/\w/);
    }
    expect((await page("x".repeat(2000))).status).toBe(400);
    expect(((await page("x".repeat(2000))).body as { searchError: string }).searchError).toMatch(
      /at most 200 characters/,
    );
    expect((await page("xy")).status).toBe(400);
    const near = await page("NEAR(");
    expect(near.status).toBe(200);
    const csv = await call(
      csvRoute.action,
      postRequest(
        `/hr/cases/csv?q=${encodeURIComponent("x".repeat(2000))}`,
        {},
        {
          cookie: hrCookie,
        },
      ),
    );
    expect(csv.status).toBe(400);
  });

  it("offers the next page by a link that continues where this one ended", async () => {
    const one = await page("pangolin");
    const body = one.body as { rows: { reference: string }[]; moreHref: string | null };
    expect(body.rows).toHaveLength(5);
    expect(body.moreHref).toBeNull();
    const empty = await page("nothing-is-called-this");
    expect((empty.body as { rows: unknown[] }).rows).toEqual([]);
  });
});
