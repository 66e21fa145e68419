import { beforeAll, describe, expect, it } from "vitest";
import { postCaseMessage } from "~/models/case-message.server";
import { resolveIncident } from "~/models/incident-handling.server";
import { createIncident } from "~/models/incident.server";
import { runRetention } from "~/models/retention.server";
import * as rightsRoute from "~/routes/hr.data-rights";
import * as holdsRoute from "~/routes/hr.holds";
import { call, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Export and erasure for one person: the archive holds their data and nobody else's; erasure
// is refused while a hold (or a duty to keep) covers one of their cases, and done once not.

const { db, org } = await orgForThisFile("dr");
let hrCookie: string;
let mine: { id: string; reference: string };
const MY_NARRATIVE = "Rights narrative: the caller mocked my accent for ten minutes.";
const OTHER_NARRATIVE = "Someone else's narrative that must not appear.";

beforeAll(async () => {
  const base = {
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "PHONE" as const,
    severity: "MEDIUM" as const,
    categories: ["VERBAL_ABUSE" as const],
  };
  mine = await createIncident(db, {
    ...base,
    reporterId: org.employeeA.id,
    narrative: MY_NARRATIVE,
    witnessIds: [org.colleagueA.id],
  });
  await postCaseMessage(db, {
    incidentId: mine.id,
    authorId: org.employeeA.id,
    body: "My own message.",
  });
  await postCaseMessage(db, {
    incidentId: mine.id,
    authorId: org.managerA.id,
    body: "Manager's reply.",
  });
  await createIncident(db, { ...base, reporterId: org.employeeB.id, narrative: OTHER_NARRATIVE });
  hrCookie = await loginCookie(org.hr.email);
});

const post = (fields: Record<string, string>) =>
  rightsRoute.action({
    request: postRequest("/hr/data-rights", fields, { cookie: hrCookie }),
    params: {},
    context: {},
  });

describe("people's data rights", () => {
  it("exports one person's data and none of another person's, recorded on the timeline", async () => {
    const before = await db.incident.findUniqueOrThrow({ where: { id: mine.id } });
    const res = (await post({ email: org.employeeA.email, intent: "export" })) as Response;
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const text = await res.text();
    const archive = JSON.parse(text) as { summary: string[]; asReporter: { narrative: string }[] };
    expect(archive.summary.join(" ")).toContain("Reported 1 case(s)");
    expect(archive.asReporter[0].narrative).toBe(MY_NARRATIVE);
    expect(text).toContain("My own message.");
    expect(text).not.toContain("Manager's reply.");
    expect(text).not.toContain(OTHER_NARRATIVE);
    const others = await db.user.findMany({
      where: { id: { not: org.employeeA.id } },
      select: { name: true, email: true },
    });
    for (const o of others) {
      expect(text).not.toContain(o.email);
      expect(text).not.toContain(o.name);
    }
    const after = await db.incident.findUniqueOrThrow({ where: { id: mine.id } });
    expect(after.chainLength).toBe(before.chainLength + 1);
    expect(
      await db.auditEvent.count({
        where: { action: "PERSON_DATA_EXPORTED", subjectId: org.employeeA.id },
      }),
    ).toBe(1);
  });

  it("refuses an unknown email with a message, keeping what was typed", async () => {
    const answer = await call(
      rightsRoute.action,
      postRequest(
        "/hr/data-rights",
        { email: "nobody@x.example", intent: "export" },
        { cookie: hrCookie },
      ),
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("nobody@x.example");
  });

  it("refuses erasure while a hold covers one of their cases, and erases once nothing stands in the way", async () => {
    await resolveIncident(db, {
      incidentId: mine.id,
      actorId: org.managerA.id,
      outcome: "NOT_SUBSTANTIATED",
    });
    await call(
      holdsRoute.action,
      postRequest(
        "/hr/holds",
        {
          intent: "place",
          scope: "CASE",
          target: mine.reference,
          matter: "Accent claim",
          reason: "Tribunal claim filed",
        },
        { cookie: hrCookie },
      ),
    );
    const refused = await call(
      rightsRoute.action,
      postRequest(
        "/hr/data-rights",
        { email: org.colleagueA.email, intent: "erase", confirm: "yes" },
        { cookie: hrCookie },
      ),
    );
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain(
      `${mine.reference} is under a legal hold (matter: Accent claim)`,
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: org.colleagueA.id } })).name).not.toBe(
      "Erased person",
    );
    expect(await db.auditEvent.count({ where: { action: "PERSON_ERASURE_REFUSED" } })).toBe(1);

    // Hold released: the duty to keep the resolved case still stands, with its date.
    const hold = await db.legalHold.findFirstOrThrow({ where: { matter: "Accent claim" } });
    await call(
      holdsRoute.action,
      postRequest(
        "/hr/holds",
        { intent: "release", holdId: hold.id, releaseReason: "Claim dismissed" },
        { cookie: hrCookie },
      ),
    );
    const kept = await call(
      rightsRoute.action,
      postRequest(
        "/hr/data-rights",
        { email: org.colleagueA.email, intent: "erase", confirm: "yes" },
        { cookie: hrCookie },
      ),
    );
    expect(kept.status).toBe(409);
    expect(JSON.stringify(kept.body)).toContain("must be kept until");

    // Once retention has purged the case, the erasure goes through.
    await runRetention(db, { now: new Date(Date.now() + 6 * 366 * 86_400_000) });
    const done = await call(
      rightsRoute.action,
      postRequest(
        "/hr/data-rights",
        { email: org.colleagueA.email, intent: "erase", confirm: "yes" },
        { cookie: hrCookie },
      ),
    );
    expect(done.status).toBe(200);
    const erased = await db.user.findUniqueOrThrow({ where: { id: org.colleagueA.id } });
    expect(erased.name).toBe("Erased person");
    expect(erased.email).not.toContain(org.colleagueA.email);
    expect(erased.active).toBe(false);
  });
});
