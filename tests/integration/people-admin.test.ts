import { afterAll, describe, expect, it } from "vitest";
import { createIncident } from "~/models/incident.server";
import * as personRoute from "~/routes/admin.people.$id";
import * as peopleRoute from "~/routes/admin.people._index";
import * as importRoute from "~/routes/admin.people.import";
import * as teamRoute from "~/routes/admin.teams.$id";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Admin edits of people and teams: refused input changes nothing and says why; deactivation
// keeps people named in a case out of it; the import refuses a bad file as a whole.

const { db, org } = await orgForThisFile("pa");
const admin = await loginCookie(org.admin.email);

afterAll(() => undefined);

const personForm = (over: Record<string, string> = {}) => ({
  name: org.managerA.name,
  email: org.managerA.email,
  role: "MANAGER",
  teamId: org.teamA.id,
  managerRef: org.headOf.email,
  timeZone: "Europe/London",
  language: "en",
  active: "on",
  ...over,
});

const savePerson = (id: string, fields: Record<string, string>) =>
  call(personRoute.action, postRequest(`/admin/people/${id}`, fields, { cookie: admin }), { id });

function upload(csv: string, intent: "preview" | "confirm" = "preview") {
  const form = new FormData();
  form.append("intent", intent);
  if (intent === "preview")
    form.append("file", new File([csv], "people.csv", { type: "text/csv" }));
  else form.append("csv", csv);
  return call(
    importRoute.action,
    new Request(`${TEST_APP_URL}/admin/people/import`, {
      method: "POST",
      headers: { Cookie: admin, Origin: TEST_APP_URL },
      body: form,
    }),
  );
}

describe("people and teams, edited by an admin", () => {
  it("refuses a manager loop, an unknown manager and a taken email, keeping what was typed", async () => {
    const before = await db.auditEvent.count();
    // Hugo (head) managing Mia, and Mia made Hugo's manager: a loop.
    const loop = await savePerson(org.headOf.id, {
      ...personForm({ name: "Hugo Head", email: org.headOf.email }),
      managerRef: org.managerA.email,
    });
    expect(loop.status).toBe(400);
    expect(JSON.stringify(loop.body)).toContain("would make a loop");
    const unknown = await savePerson(org.managerA.id, personForm({ managerRef: "E-404" }));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      errors: { managerRef: ["Nobody has this work email or employee id."] },
      values: { managerRef: "E-404" },
    });
    const taken = await savePerson(org.managerA.id, personForm({ email: org.hr.email }));
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain("already has this work email");
    const bad = await savePerson(
      org.managerA.id,
      personForm({ timeZone: "Mars/Base", role: "KING" }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { errors: object }).errors).sort()).toEqual([
      "role",
      "timeZone",
    ]);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("refuses a team under itself", async () => {
    const parent = await call(
      teamRoute.action,
      postRequest(
        `/admin/teams/${org.teamB.id}`,
        { name: "pa Team B", managerRef: org.managerB.email, parentId: org.teamA.id },
        { cookie: admin },
      ),
      { id: org.teamB.id },
    );
    expect(parent.status).toBe(302);
    const loop = await call(
      teamRoute.action,
      postRequest(
        `/admin/teams/${org.teamA.id}`,
        { name: "pa Team A", parentId: org.teamB.id },
        { cookie: admin },
      ),
      { id: org.teamA.id },
    );
    expect(loop.status).toBe(400);
    expect(JSON.stringify(loop.body)).toContain("would make a loop");
    const history = await db.auditEvent.findFirstOrThrow({
      where: { action: "TEAM_UPDATED", subjectId: org.teamB.id },
    });
    expect(JSON.parse(history.data)).toEqual({ parent: { from: null, to: "pa Team A" } });
  });

  it("keeps a person named in a case out of it when its handler is deactivated", async () => {
    // Mia handles Erin's report, which names Hugo (Mia's manager): it must skip him.
    const { id } = await createIncident(db, {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: new Date(),
      channel: "PHONE",
      severity: "MEDIUM",
      categories: [],
      narrative: "Named-person test",
      namedUserIds: [org.headOf.id],
    });
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(
      org.managerA.id,
    );
    const answer = await savePerson(org.managerA.id, personForm({ active: "" }));
    expect(answer.status).toBe(302);
    const after = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(after.assigneeId).not.toBe(org.headOf.id);
    expect(after.assigneeId).toBe(org.leadership.id); // Hugo's manager, above the named person
    // Restore Mia for the other tests.
    await db.user.update({ where: { id: org.managerA.id }, data: { active: true } });
  });

  it("routes by the team chart for people without a manager of their own", async () => {
    const file = (reporterId: string) =>
      createIncident(db, {
        reporterId,
        accountId: org.account.id,
        occurredAt: new Date(),
        channel: "PHONE",
        severity: "LOW",
        categories: [],
        narrative: "Team-chart routing",
      });
    // No manager, in team B: team B's manager receives the report.
    const loner = await db.user.create({
      data: {
        email: "lou.loner@example.org",
        name: "Lou Loner",
        role: "EMPLOYEE",
        teamId: org.teamB.id,
      },
    });
    const first = await db.incident.findUniqueOrThrow({ where: { id: (await file(loner.id)).id } });
    expect(first.assigneeId).toBe(org.managerB.id);
    // The manager of a sub-team without a manager of their own: the parent team's manager.
    const lead = await db.user.create({
      data: { email: "lee.lead@example.org", name: "Lee Lead", role: "MANAGER" },
    });
    const sub = await db.team.create({
      data: { name: "pa Sub-team", managerId: lead.id, parentId: org.teamA.id },
    });
    await db.user.update({ where: { id: lead.id }, data: { teamId: sub.id } });
    const second = await db.incident.findUniqueOrThrow({ where: { id: (await file(lead.id)).id } });
    expect(second.assigneeId).toBe(org.managerA.id);
  });

  it("lists people with filters paged in SQL, and HR reads but cannot edit", async () => {
    const hr = await loginCookie(org.hr.email);
    const list = await call(peopleRoute.loader, getRequest(`/admin/people?role=MANAGER&q=pa.`, hr));
    expect(list.status).toBe(200);
    const names = (list.body as { rows: { name: string }[] }).rows.map((r) => r.name);
    expect(names).toEqual(["Hugo Head", "Max Manager", "Mia Manager"]);
    const edit = await call(
      personRoute.action,
      postRequest(`/admin/people/${org.employeeA.id}`, personForm(), { cookie: hr }),
      { id: org.employeeA.id },
    );
    expect(edit.status).toBe(404);
  });

  it("refuses a people file with bad rows as a whole, naming each row, and writes nothing", async () => {
    const csv = [
      "employee_id,email,name,team,manager,role,time_zone",
      "P1,p1@pa.example,Pia One,Ops,P2,EMPLOYEE,",
      "P2,p2@pa.example,Pia Two,Ops,P1,MANAGER,",
      "P3,p3@pa.example,Pia Three,Ops,E-404,,",
      // An address already in the portal without an employee id: that person is adopted.
      `P4,${org.hr.email},${"Harriet HR"},Ops,,HR,`,
      "P5,not-an-email,Pia Five,,,,",
      'P6,"p6@pa.example,Pia Six',
    ].join("\n");
    const users = await db.user.count();
    const preview = await upload(csv);
    expect(preview.status).toBe(400);
    // The last line is not valid CSV: the whole file is refused as unreadable.
    expect(JSON.stringify(preview.body)).toContain("not a readable CSV");

    const rows = csv.split("\n").slice(0, 6).join("\n");
    const checked = await upload(rows);
    expect(checked.status).toBe(400);
    const bad = (checked.body as { badRows: { line: number; errors: string[] }[] }).badRows;
    expect(bad.map((b) => b.line)).toEqual([2, 3, 4, 6]);
    expect(bad[0].errors[0]).toContain("loop");
    expect(bad[2].errors[0]).toContain("E-404");
    expect(bad[3].errors[0]).toContain("Not a valid email");
    const confirm = await upload(rows, "confirm");
    expect(confirm.status).toBe(400);
    expect(await db.user.count()).toBe(users);
    expect(await db.team.count({ where: { name: "Ops" } })).toBe(0);
  });
});
