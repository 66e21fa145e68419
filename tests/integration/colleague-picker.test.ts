import { beforeAll, describe, expect, it } from "vitest";
import * as colleaguesRoute from "~/routes/resources.colleagues";
import * as newReportRoute from "~/routes/reports.new";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// At a large employer anyone can be named: the report form embeds no directory, and the
// people picker's type-ahead finds colleagues far past the first 1,000 alphabetically.

const { db, org } = await orgForThisFile("picker");
let cookie: string;
const PEOPLE = 1_500;

beforeAll(async () => {
  const hash = (await db.user.findUniqueOrThrow({ where: { id: org.employeeA.id } })).passwordHash;
  await db.user.createMany({
    data: Array.from({ length: PEOPLE }, (_, i) => ({
      email: `colleague${i}@picker.example`,
      // "Aaron 0000" … "Aaron 1498", then one name late in the alphabet.
      name: i === PEOPLE - 1 ? "Zora Zylberstein" : `Aaron ${String(i).padStart(4, "0")}`,
      role: "EMPLOYEE",
      teamId: org.teamB.id,
      passwordHash: hash,
    })),
  });
  cookie = await loginCookie(org.employeeA.email);
});

type Colleagues = { colleagues: { id: string; name: string; team: string | null }[] };
const json = (a: { body: unknown }) =>
  (typeof a.body === "string" ? JSON.parse(a.body) : a.body) as Colleagues;

describe("naming colleagues among 1,500 people", () => {
  it("the report form no longer carries the directory", async () => {
    const page = await call(newReportRoute.loader, getRequest("/reports/new", cookie));
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain("Zylberstein");
    expect(JSON.stringify(page.body)).not.toContain("Aaron 0001");
  });

  it("finds a colleague late in the alphabet and files them as a witness", async () => {
    const found = await call(
      colleaguesRoute.loader,
      getRequest("/resources/colleagues?q=zylber", cookie),
    );
    const zora = json(found).colleagues.find((c) => c.name === "Zora Zylberstein");
    expect(zora).toBeDefined();

    // A few at a time, never the directory.
    const many = await call(
      colleaguesRoute.loader,
      getRequest("/resources/colleagues?q=aaron", cookie),
    );
    expect(json(many).colleagues.length).toBeLessThanOrEqual(20);

    // The names of people already chosen (a restored draft) come back by id.
    const byId = await call(
      colleaguesRoute.loader,
      getRequest(`/resources/colleagues?ids=${zora!.id}`, cookie),
    );
    expect(json(byId).colleagues.map((c) => c.name)).toEqual(["Zora Zylberstein"]);

    const answer = await call(
      newReportRoute.action,
      postRequest(
        "/reports/new",
        {
          accountId: org.account.id,
          occurredAt: "2026-11-20T10:15",
          timeZone: "Europe/London",
          channel: "PHONE",
          severity: "HIGH",
          narrative: "The customer shouted at me while my colleague listened in.",
          witnessIds: zora!.id,
          submissionKey: crypto.randomUUID(), // the form carries one (rendered by the loader)
        },
        { cookie },
      ),
    );
    expect(answer.status).toBe(302);
    const reference = answer.location!.split("/")[2].split("?")[0];
    const incident = await db.incident.findUniqueOrThrow({
      where: { reference },
      include: { witnesses: true },
    });
    expect(incident.witnesses.map((w) => w.userId)).toEqual([zora!.id]);
  });
});
