import { beforeAll, describe, expect, it } from "vitest";
import { SCIM_PATCH } from "~/domain/scim";
import { createApiToken } from "~/models/api-token.server";
import * as groupRoute from "~/routes/scim.v2.Groups.$id";
import * as groupsRoute from "~/routes/scim.v2.Groups._index";
import * as userRoute from "~/routes/scim.v2.Users.$id";
import * as usersRoute from "~/routes/scim.v2.Users._index";
import { TEST_APP_URL } from "../fixtures/database";
import { call, loginCookie } from "../fixtures/http";
import { fileThreatReport, orgForThisFile } from "../fixtures/org";

// An identity provider's SCIM sequence, as Okta and Entra ID play it: look the person up by
// userName, create them, change them, put them in a group (team), deactivate them. The
// portal's people and teams follow, and deactivation follows the admin pages' rules.

const { db, org } = await orgForThisFile("scim");
let token: string;
let accountsToken: string;

beforeAll(async () => {
  token = (
    await createApiToken(db, org.admin.id, { name: "Okta", scopes: ["scim"], lifetime: "30" })
  ).secret;
  accountsToken = (
    await createApiToken(db, org.admin.id, {
      name: "CRM",
      scopes: ["accounts:write"],
      lifetime: "30",
    })
  ).secret;
});

const scim = (method: string, path: string, body?: unknown, bearer = token) =>
  new Request(`${TEST_APP_URL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { "Content-Type": "application/scim+json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const parse = (body: unknown) => JSON.parse(String(body)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("SCIM Users and Groups", () => {
  it("follows a provider's create, look-up, patch, group and deactivate sequence", async () => {
    // Look-up before create: not there yet.
    const filter = encodeURIComponent('userName eq "dana.new@test.example"');
    const none = await call(usersRoute.loader, scim("GET", `/scim/v2/Users?filter=${filter}`));
    expect(parse(none.body).totalResults).toBe(0);

    const created = await call(
      usersRoute.action,
      scim("POST", "/scim/v2/Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "Dana.New@test.example",
        externalId: "E-1001",
        name: { givenName: "Dana", familyName: "New" },
        active: true,
      }),
    );
    expect(created.status).toBe(201);
    const dana = parse(created.body);
    expect(dana).toMatchObject({
      userName: "dana.new@test.example",
      displayName: "Dana New",
      active: true,
    });
    expect(created.headers.get("Location")).toContain(`/scim/v2/Users/${dana.id}`);
    const person = await db.user.findUniqueOrThrow({ where: { id: dana.id } });
    expect(person).toMatchObject({ role: "EMPLOYEE", employeeId: "E-1001", active: true });
    expect(
      await db.auditEvent.count({ where: { action: "PERSON_CREATED", subjectId: dana.id } }),
    ).toBe(1);
    // Invited like a person an admin adds.
    expect(await db.notification.count({ where: { toEmail: "dana.new@test.example" } })).toBe(1);

    const again = await call(
      usersRoute.action,
      scim("POST", "/scim/v2/Users", { userName: "dana.new@test.example" }),
    );
    expect(again.status).toBe(409);
    expect(parse(again.body).scimType).toBe("uniqueness");

    const found = await call(usersRoute.loader, scim("GET", `/scim/v2/Users?filter=${filter}`));
    expect(parse(found.body).Resources.map((r: { id: string }) => r.id)).toEqual([dana.id]);

    const patched = await call(
      userRoute.action,
      scim("PATCH", `/scim/v2/Users/${dana.id}`, {
        schemas: [SCIM_PATCH],
        Operations: [{ op: "Replace", path: "displayName", value: "Dana Newman" }],
      }),
      { id: dana.id },
    );
    expect(patched.status).toBe(200);
    expect(parse(patched.body).displayName).toBe("Dana Newman");

    const put = await call(
      userRoute.action,
      scim("PUT", `/scim/v2/Users/${dana.id}`, {
        userName: "dana.newman@test.example",
        displayName: "Dana Newman",
        externalId: "E-1001",
        active: true,
      }),
      { id: dana.id },
    );
    expect(parse(put.body).userName).toBe("dana.newman@test.example");

    // A group with Dana in it, then Dana's manager joins by PATCH and leaves again.
    const group = await call(
      groupsRoute.action,
      scim("POST", "/scim/v2/Groups", {
        displayName: "Field Sales",
        members: [{ value: dana.id }],
      }),
    );
    expect(group.status).toBe(201);
    const groupId = parse(group.body).id as string;
    expect((await db.user.findUniqueOrThrow({ where: { id: dana.id } })).teamId).toBe(groupId);

    const add = await call(
      groupRoute.action,
      scim("PATCH", `/scim/v2/Groups/${groupId}`, {
        schemas: [SCIM_PATCH],
        Operations: [{ op: "add", path: "members", value: [{ value: org.employeeB.id }] }],
      }),
      { id: groupId },
    );
    expect(add.status).toBe(204);
    const members = async () =>
      parse(
        (await call(groupRoute.loader, scim("GET", `/scim/v2/Groups/${groupId}`), { id: groupId }))
          .body,
      )
        .members.map((m: { value: string }) => m.value)
        .sort();
    expect(await members()).toEqual([dana.id, org.employeeB.id].sort());
    const remove = await call(
      groupRoute.action,
      scim("PATCH", `/scim/v2/Groups/${groupId}`, {
        schemas: [SCIM_PATCH],
        Operations: [{ op: "remove", path: `members[value eq "${org.employeeB.id}"]` }],
      }),
      { id: groupId },
    );
    expect(remove.status).toBe(204);
    expect(await members()).toEqual([dana.id]);
    const moves = await db.auditEvent.findMany({
      where: { subjectId: org.employeeB.id, action: "PERSON_UPDATED" },
    });
    expect(moves.map((m) => JSON.parse(m.data).team.to)).toEqual(["Field Sales", null]);

    const byName = encodeURIComponent('displayName eq "Field Sales"');
    const groups = await call(groupsRoute.loader, scim("GET", `/scim/v2/Groups?filter=${byName}`));
    expect(parse(groups.body).totalResults).toBe(1);

    // Deactivate by PATCH (Entra ID's form): Dana is signed out and can no longer be found active.
    const off = await call(
      userRoute.action,
      scim("PATCH", `/scim/v2/Users/${dana.id}`, {
        schemas: [SCIM_PATCH],
        Operations: [{ op: "Replace", value: { active: false } }],
      }),
      { id: dana.id },
    );
    expect(parse(off.body).active).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: dana.id } })).active).toBe(false);
  });

  it("hands a deactivated manager's open case on and ends their sessions", async () => {
    const { id: incidentId } = await fileThreatReport(db, org, {
      narrative: "SCIM test narrative",
      contactIds: [],
      namedUserIds: [],
    });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).assigneeId).toBe(
      org.managerA.id,
    );
    await loginCookie(org.managerA.email);
    expect(await db.session.count({ where: { userId: org.managerA.id } })).toBeGreaterThan(0);

    const res = await call(
      userRoute.action,
      scim("PATCH", `/scim/v2/Users/${org.managerA.id}`, {
        schemas: [SCIM_PATCH],
        Operations: [{ op: "replace", path: "active", value: false }],
      }),
      { id: org.managerA.id },
    );
    expect(res.status).toBe(200);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.assigneeId).toBe(org.headOf.id);
    expect(await db.caseEvent.count({ where: { incidentId, type: "REASSIGNED" } })).toBe(1);
    expect(await db.session.count({ where: { userId: org.managerA.id } })).toBe(0);

    // DELETE deactivates too (and is idempotent).
    const del = await call(
      userRoute.action,
      scim("DELETE", `/scim/v2/Users/${org.colleagueA.id}`),
      {
        id: org.colleagueA.id,
      },
    );
    expect(del.status).toBe(204);
    expect((await db.user.findUniqueOrThrow({ where: { id: org.colleagueA.id } })).active).toBe(
      false,
    );
  });

  it("refuses bad input, unknown filters and tokens without the scim scope", async () => {
    const bad = await call(
      usersRoute.action,
      scim("POST", "/scim/v2/Users", { userName: "not-an-email" }),
    );
    expect(bad.status).toBe(400);
    expect(parse(bad.body)).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect(parse(bad.body).detail).toContain("userName");

    const filter = encodeURIComponent('emails co "x"');
    const f = await call(usersRoute.loader, scim("GET", `/scim/v2/Users?filter=${filter}`));
    expect(parse(f.body).scimType).toBe("invalidFilter");

    const unknownPath = await call(
      userRoute.action,
      scim("PATCH", `/scim/v2/Users/${org.employeeA.id}`, {
        schemas: [SCIM_PATCH],
        Operations: [{ op: "replace", path: "role", value: "ADMIN" }],
      }),
      { id: org.employeeA.id },
    );
    expect(unknownPath.status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: org.employeeA.id } })).role).toBe(
      "EMPLOYEE",
    );

    const wrong = await call(
      usersRoute.loader,
      scim("GET", "/scim/v2/Users", undefined, accountsToken),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get("Content-Type")).toBe("application/scim+json");
    const missing = await call(userRoute.loader, scim("GET", "/scim/v2/Users/nope"), {
      id: "nope",
    });
    expect(missing.status).toBe(404);
  });
});
