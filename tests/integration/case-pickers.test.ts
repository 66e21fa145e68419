import { beforeAll, describe, expect, it } from "vitest";
import { createIncident } from "~/models/incident.server";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as peopleRoute from "~/routes/resources.case-people";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// At a large employer the case page embeds no list of people (decision 125): its pickers ask
// /resources/case-people as the handler types, a few matches at a time, and the actions check
// the one person chosen. Here among 1,600 managers whose names run through the alphabet.

const { db, org } = await orgForThisFile("casepick");
let reference: string;
let incidentId: string;
let mia: string; // the handler (manager of the reporter's team)
let hana: string; // HR
let reporter: { id: string; email: string };
let named: { id: string; email: string };
const MANAGERS = 1_600;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

beforeAll(async () => {
  const hash = (await db.user.findUniqueOrThrow({ where: { id: org.managerA.id } })).passwordHash;
  await db.user.createMany({
    data: Array.from({ length: MANAGERS }, (_, i) => ({
      email: `manager${i}@casepick.example`,
      // "Aldous Manager 0000", "Beldous Manager 0001" … through Z, then one name at the end.
      name:
        i === MANAGERS - 1
          ? "Zora Zylberstein"
          : `${LETTERS[i % 26]}ldous Manager ${String(i).padStart(4, "0")}`,
      role: "MANAGER",
      passwordHash: hash,
    })),
  });
  // The reporter and the person named are managers too: only the safety rule keeps them out.
  const person = (name: string) =>
    db.user.create({
      data: {
        name,
        email: `${name.split(" ")[1].toLowerCase()}@casepick.example`,
        role: "MANAGER",
        teamId: org.teamA.id,
        passwordHash: hash,
      },
      select: { id: true, email: true },
    });
  reporter = await person("Zora Reporting");
  named = await person("Zora Namedperson");
  const created = await createIncident(db, {
    reporterId: reporter.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "PHONE",
    severity: "HIGH",
    categories: ["VERBAL_ABUSE"],
    narrative: "The customer shouted at me on a call and named my colleague.",
    namedUserIds: [named.id],
  });
  reference = created.reference;
  incidentId = created.id;
  mia = await loginCookie(org.managerA.email);
  hana = await loginCookie(org.hr.email);
});

type People = { people: { id: string; name: string; role: string; onLeave: boolean }[] };
const ask = (query: Record<string, string>, cookie: string) =>
  call(
    peopleRoute.loader,
    getRequest(`/resources/case-people?${new URLSearchParams(query).toString()}`, cookie),
  );
const names = (a: { body: unknown }) =>
  (JSON.parse(a.body as string) as People).people.map((p) => p.name);

const act = (fields: Record<string, string>, cookie = mia) =>
  call(caseRoute.action, postRequest(`/cases/${reference}`, fields, { cookie }), { reference });

describe("the case page's people pickers among 1,600 managers", () => {
  it("the case page carries no list of people", async () => {
    const page = await call(caseRoute.loader, getRequest(`/cases/${reference}`, mia), {
      reference,
    });
    expect(page.status).toBe(200);
    const body = page.body as Record<string, unknown>;
    expect(body).not.toHaveProperty("candidates");
    expect(body).not.toHaveProperty("owners");
    const text = JSON.stringify(body);
    expect(text).not.toContain("Zylberstein");
    expect(text).not.toContain("ldous Manager");
    // Approvers stay a short list, by role: leadership and HR only, never the people named.
    const approvers = body.approvers as { id: string; role: string }[];
    expect(approvers.map((a) => a.role).every((r) => r === "HR" || r === "LEADERSHIP")).toBe(true);
    expect(approvers.map((a) => a.id)).toEqual(expect.arrayContaining([org.hr.id]));
    // Only the viewer's own entry, for a quick "me".
    expect(body.me).toMatchObject({ id: org.managerA.id, owner: true, handler: false });
  });

  it("finds a manager late in the alphabet, for the handler and for HR", async () => {
    for (const cookie of [mia, hana]) {
      for (const pick of ["handler", "owner"]) {
        const found = await ask({ reference, for: pick, q: "ZYLBER" }, cookie);
        expect(found.status).toBe(200);
        expect(names(found)).toEqual(["Zora Zylberstein"]);
      }
    }
  });

  it("answers at most 20, by name", async () => {
    const many = await ask({ reference, for: "handler", q: "manager" }, mia);
    const list = names(many);
    expect(list).toHaveLength(20);
    expect([...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(list);
    // "Hugo Head", "Max Manager", then the A… managers: Mia has the case and is not offered.
    expect(list).not.toContain("Mia Manager");
    const w = await ask({ reference, for: "owner", q: "wldous" }, mia);
    expect(names(w).every((n) => n.startsWith("Wldous Manager"))).toBe(true);
    expect(names(w)).toHaveLength(20);
  });

  it("never offers the reporter or a person named in the case", async () => {
    for (const pick of ["handler", "owner", "approver"]) {
      const zoras = names(await ask({ reference, for: pick, q: "zora" }, hana));
      expect(zoras).not.toContain("Zora Reporting");
      expect(zoras).not.toContain("Zora Namedperson");
    }
    expect(names(await ask({ reference, for: "owner", q: "zora" }, hana))).toEqual([
      "Zora Zylberstein",
    ]);
  });

  it("offers each choice only the roles it allows", async () => {
    // Approvers are leadership and HR, never the asker; owners include leadership, handlers not.
    expect(names(await ask({ reference, for: "approver", q: "h" }, mia))).toEqual(
      expect.arrayContaining(["Hal HR", "Hana HR"]),
    );
    expect(names(await ask({ reference, for: "approver", q: "manager" }, mia))).toEqual([]);
    expect(names(await ask({ reference, for: "approver", q: "hana" }, hana))).toEqual([]);
    expect(names(await ask({ reference, for: "owner", q: "lena" }, mia))).toEqual(["Lena Lead"]);
    expect(names(await ask({ reference, for: "handler", q: "lena" }, mia))).toEqual([]);
    expect(names(await ask({ reference, for: "handler", q: "ada" }, mia))).toEqual([]);
  });

  it("answers 404, never a list, to someone who may not act on the case", async () => {
    const outsiders = [org.managerB, org.employeeA, org.leadership, org.admin, reporter, named];
    for (const person of outsiders) {
      const answer = await ask(
        { reference, for: "owner", q: "zylber" },
        await loginCookie(person.email),
      );
      expect(answer.status, person.email).toBe(404);
      expect(String(answer.body)).not.toContain("Zylberstein");
    }
    expect((await ask({ reference: "INC-2026-999999", for: "owner", q: "z" }, hana)).status).toBe(
      404,
    );
    expect((await ask({ for: "owner", q: "z" }, hana)).status).toBe(404);
    // Not signed in: to the login page.
    const anonymous = await call(
      peopleRoute.loader,
      getRequest(`/resources/case-people?reference=${reference}&for=owner&q=z`),
    );
    expect(anonymous.status).toBe(302);
  });

  it("refuses bad input with a 400, not a 500", async () => {
    const long = await ask({ reference, for: "owner", q: "z".repeat(101) }, mia);
    expect(long.status).toBe(400);
    expect((await ask({ reference, for: "everyone", q: "zora" }, mia)).status).toBe(400);
    expect((await ask({ reference, q: "zora" }, mia)).status).toBe(400);
    // Nothing typed: nothing listed. Odd characters are text, not patterns.
    expect(names(await ask({ reference, for: "owner", q: "  " }, mia))).toEqual([]);
    expect(names(await ask({ reference, for: "owner", q: "%" }, mia))).toEqual([]);
    expect(names(await ask({ reference, for: "owner", q: "_" }, mia))).toEqual([]);
    expect((await ask({ reference, for: "owner", q: "a\u0000b" }, mia)).status).toBe(200);
  });
});

describe("choices posted by hand are checked one by one", () => {
  const fieldError = (a: { body: unknown }, field: string) =>
    (a.body as { fieldErrors: Record<string, string[]> }).fieldErrors[field];

  it("refuses the reporter, a named person or a typed name as an owner, keeping what was typed", async () => {
    for (const ownerId of [reporter.id, named.id, org.employeeB.id, "typed-not-chosen"]) {
      const answer = await act({ intent: "protect", measure: "TIME_OFF", ownerId, dueAt: "" });
      expect(answer.status, ownerId).toBe(400);
      expect(fieldError(answer, "ownerId")).toEqual(["Please choose an owner from the list."]);
      expect((answer.body as { values: Record<string, string> }).values).toMatchObject({
        measure: "TIME_OFF",
        ownerId,
      });
    }
    expect(await db.action.count({ where: { incidentId } })).toBe(0);
  });

  it("gives an action to a manager found late in the alphabet", async () => {
    const zora = await db.user.findFirstOrThrow({ where: { name: "Zora Zylberstein" } });
    const answer = await act({ intent: "protect", measure: "TIME_OFF", ownerId: zora.id });
    expect(answer.status).toBe(200);
    const action = await db.action.findFirstOrThrow({ where: { incidentId } });
    expect(action.ownerId).toBe(zora.id);
  });

  it("refuses to hand the case to the reporter or a named person, with the field's message", async () => {
    for (const toUserId of [reporter.id, named.id, org.leadership.id, "typed-not-chosen"]) {
      const answer = await act({ intent: "reassign", toUserId, reason: "Away this week" });
      expect(answer.status, toUserId).toBe(400);
      expect(fieldError(answer, "toUserId")).toEqual(["Please choose someone from the list."]);
      expect((answer.body as { values: Record<string, string> }).values).toMatchObject({
        reason: "Away this week",
      });
    }
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.assigneeId).toBe(org.managerA.id);
  });

  it("hands the case to a manager found late in the alphabet", async () => {
    const zora = await db.user.findFirstOrThrow({ where: { name: "Zora Zylberstein" } });
    const answer = await act({ intent: "reassign", toUserId: zora.id, reason: "Away this week" });
    expect(answer.status).toBe(200);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.assigneeId).toBe(zora.id);
  });
});
