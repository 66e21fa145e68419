import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { postCaseMessage } from "~/models/case-message.server";
import { verifyChains } from "~/models/case-history.server";
import { resolveIncident } from "~/models/incident-handling.server";
import { createIncident } from "~/models/incident.server";
import { runRetention, previewPurge } from "~/models/retention.server";
import * as holdsRoute from "~/routes/hr.holds";
import * as retentionRoute from "~/routes/admin.retention";
import { evidenceDir } from "~/utils/evidence-storage.server";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile, RETENTION_FORM } from "../fixtures/org";

// Retention with legal hold: with the clock six years ahead, due cases lose their content, held
// ones keep it, a case whose chain is broken is refused, and every chain still verifies and
// names its purge.

const { db, org } = await orgForThisFile("rt");
let hrCookie: string;
let adminCookie: string;
const SIX_YEARS = new Date(Date.now() + 6 * 365.25 * 24 * 3600 * 1000);
const cases = {} as Record<
  "due" | "kept" | "caseHeld" | "accountHeld" | "employeeHeld" | "tampered",
  { id: string; reference: string }
>;
let otherAccount: { id: string; crmId: string };
let storedName: string;

async function file(
  narrative: string,
  outcome: "SUBSTANTIATED" | "NOT_SUBSTANTIATED",
  opts: { reporterId?: string; accountId?: string } = {},
) {
  const c = await createIncident(db, {
    reporterId: opts.reporterId ?? org.employeeA.id,
    accountId: opts.accountId ?? org.account.id,
    occurredAt: new Date(),
    channel: "PHONE",
    severity: "MEDIUM",
    categories: ["VERBAL_ABUSE"],
    narrative,
  });
  await resolveIncident(db, { incidentId: c.id, actorId: org.managerA.id, outcome });
  return { id: c.id, reference: c.reference };
}

beforeAll(async () => {
  otherAccount = await db.customerAccount.create({
    data: { crmId: "rt-CRM-2", name: "rt Initech", segment: "SMB" },
    select: { id: true, crmId: true },
  });
  cases.due = await file("Due narrative: he shouted at me on the phone.", "NOT_SUBSTANTIATED");
  cases.kept = await file("Kept narrative: substantiated, seven years.", "SUBSTANTIATED");
  cases.caseHeld = await file("Case-held narrative.", "NOT_SUBSTANTIATED");
  cases.accountHeld = await file("Account-held narrative.", "NOT_SUBSTANTIATED", {
    accountId: otherAccount.id,
  });
  cases.employeeHeld = await file("Employee-held narrative.", "NOT_SUBSTANTIATED", {
    reporterId: org.employeeB.id,
  });
  cases.tampered = await file("Tampered narrative.", "NOT_SUBSTANTIATED");
  await postCaseMessage(db, {
    incidentId: cases.due.id,
    authorId: org.employeeA.id,
    body: "A message that retention removes.",
  });
  storedName = randomUUID();
  await mkdir(evidenceDir(), { recursive: true });
  await writeFile(path.join(evidenceDir(), storedName), "retention evidence bytes");
  await db.evidence.create({
    data: {
      incidentId: cases.due.id,
      fileName: "shout.txt",
      storedName,
      mimeType: "text/plain",
      sizeBytes: 24,
      sha256: "ab".repeat(32),
      uploadedById: org.employeeA.id,
    },
  });
  hrCookie = await loginCookie(org.hr.email);
  adminCookie = await loginCookie(org.admin.email);
});

async function place(fields: Record<string, string>) {
  return call(holdsRoute.action, postRequest("/hr/holds", fields, { cookie: hrCookie }));
}

describe("legal holds", () => {
  it("refuses a hold without a matter or with an unknown target, keeping what was typed", async () => {
    const empty = await place({
      intent: "place",
      scope: "CASE",
      target: cases.caseHeld.reference,
      matter: "",
      reason: "Claim expected",
    });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain("Name the matter");
    expect(JSON.stringify(empty.body)).toContain(cases.caseHeld.reference);
    const unknown = await place({
      intent: "place",
      scope: "CASE",
      target: "INC-1999-0001",
      matter: "Smith v Co",
      reason: "Claim expected",
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain("Nothing matches");
    expect(await db.legalHold.count()).toBe(0);
  });

  it("places holds on a case, an account and an employee, each on the timelines and in the history", async () => {
    for (const [scope, target] of [
      ["CASE", cases.caseHeld.reference],
      ["ACCOUNT", otherAccount.crmId],
      ["EMPLOYEE", org.employeeB.email],
    ]) {
      const answer = await place({
        intent: "place",
        scope,
        target,
        matter: `Matter ${scope}`,
        reason: "Employment tribunal claim filed",
      });
      expect(answer.status).toBe(302);
    }
    for (const c of [cases.caseHeld, cases.accountHeld, cases.employeeHeld]) {
      const events = await db.caseEvent.findMany({
        where: { incidentId: c.id, type: "LEGAL_HOLD_PLACED" },
      });
      expect(events).toHaveLength(1);
    }
    expect(
      await db.caseEvent.count({ where: { incidentId: cases.due.id, type: "LEGAL_HOLD_PLACED" } }),
    ).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "LEGAL_HOLD_PLACED" } })).toBe(3);
    const page = await call(holdsRoute.loader, getRequest("/hr/holds", hrCookie));
    expect(JSON.stringify(page.body)).toContain("Matter ACCOUNT");
  });

  it("releases a hold once, with a reason, on the timeline and in the history", async () => {
    const extra = await place({
      intent: "place",
      scope: "CASE",
      target: cases.kept.reference,
      matter: "Short matter",
      reason: "Checking a complaint",
    });
    expect(extra.status).toBe(302);
    const hold = await db.legalHold.findFirstOrThrow({ where: { matter: "Short matter" } });
    const noReason = await call(
      holdsRoute.action,
      postRequest(
        "/hr/holds",
        { intent: "release", holdId: hold.id, releaseReason: "" },
        { cookie: hrCookie },
      ),
    );
    expect(noReason.status).toBe(400);
    const ok = await call(
      holdsRoute.action,
      postRequest(
        "/hr/holds",
        { intent: "release", holdId: hold.id, releaseReason: "Complaint withdrawn" },
        { cookie: hrCookie },
      ),
    );
    expect(ok.status).toBe(302);
    const again = await call(
      holdsRoute.action,
      postRequest(
        "/hr/holds",
        { intent: "release", holdId: hold.id, releaseReason: "Complaint withdrawn" },
        { cookie: hrCookie },
      ),
    );
    expect(again.status).toBe(409);
    expect(
      await db.caseEvent.count({
        where: { incidentId: cases.kept.id, type: "LEGAL_HOLD_RELEASED" },
      }),
    ).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "LEGAL_HOLD_RELEASED" } })).toBe(1);
  });
});

describe("retention six years ahead", () => {
  it("saves the rules from the admin page and refuses a bad value", async () => {
    const fields = { ...RETENTION_FORM };
    const bad = await call(
      retentionRoute.action,
      postRequest(
        "/admin/retention",
        { ...fields, substantiatedYears: "seven" },
        { cookie: adminCookie },
      ),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("whole number of years");
    expect(JSON.stringify(bad.body)).toContain("seven");
    const ok = await call(
      retentionRoute.action,
      postRequest("/admin/retention", fields, { cookie: adminCookie }),
    );
    expect(ok.status).toBe(302);
    expect(await db.auditEvent.count({ where: { action: "RETENTION_POLICY_SAVED" } })).toBe(1);
  });

  it("previews what is due now (nothing) and six years ahead (held cases marked)", async () => {
    expect((await previewPurge(db)).total).toBe(0);
    const ahead = await previewPurge(db, SIX_YEARS);
    const refs = ahead.cases.map((c) => c.reference);
    expect(refs).toContain(cases.due.reference);
    expect(refs).not.toContain(cases.kept.reference);
    expect(ahead.cases.find((c) => c.reference === cases.caseHeld.reference)?.heldBy).toEqual([
      "Matter CASE",
    ]);
  });

  it("purges due cases, leaves held ones, refuses a broken chain, and every chain still verifies", async () => {
    // Someone edits the tampered case's timeline in the database.
    const original = await db.caseEvent.findFirstOrThrow({
      where: { incidentId: cases.tampered.id, seq: 1 },
    });
    await db.caseEvent.update({ where: { id: original.id }, data: { data: "{}" } });
    const logged: string[] = [];
    const run = await runRetention(db, { now: SIX_YEARS, log: (m) => logged.push(m) });
    expect(run).toEqual({ purged: 1, held: 3, refused: 1 });
    expect(logged.join("\n")).toContain(
      `${cases.tampered.reference} not purged: its timeline does not verify`,
    );
    expect(
      await db.auditEvent.count({
        where: { action: "RETENTION_PURGE_REFUSED", subjectId: cases.tampered.id },
      }),
    ).toBe(1);

    const purged = await db.incident.findUniqueOrThrow({ where: { id: cases.due.id } });
    expect(purged.narrative).toBe("");
    expect(await db.caseMessage.count({ where: { incidentId: cases.due.id } })).toBe(0);
    expect(await db.evidence.count({ where: { incidentId: cases.due.id } })).toBe(0);
    await expect(readFile(path.join(evidenceDir(), storedName))).rejects.toThrow();
    const tomb = await db.caseEvent.findFirstOrThrow({
      where: { incidentId: cases.due.id, type: "RETENTION_PURGED" },
    });
    const data = JSON.parse(tomb.data) as {
      rule: string;
      removed: { messages: unknown[]; evidence: { sha256: string }[] };
    };
    expect(data.rule).toContain("not substantiated: kept 5 years");
    expect(data.removed.messages).toHaveLength(1);
    expect(data.removed.evidence[0].sha256).toBe("ab".repeat(32));
    expect(tomb.data).not.toContain("shouted");

    for (const c of [
      cases.kept,
      cases.caseHeld,
      cases.accountHeld,
      cases.employeeHeld,
      cases.tampered,
    ]) {
      const row = await db.incident.findUniqueOrThrow({ where: { id: c.id } });
      expect(row.narrative).not.toBe("");
    }
    // Put the edited row back, as a restore from backup would, so every chain verifies.
    await db.caseEvent.update({ where: { id: original.id }, data: { data: original.data } });

    const verdict = await verifyChains(db, {});
    expect(verdict.broken).toEqual([]);
    expect(verdict.purges.map((p) => p.reference)).toEqual([cases.due.reference]);
    const cli = spawnSync("npx", ["tsx", "scripts/verify-chains.ts"], {
      env: process.env,
      encoding: "utf8",
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`PURGED ${cases.due.reference}`);

    // The next run purges the repaired case; the one after finds nothing more to do.
    expect(await runRetention(db, { now: SIX_YEARS })).toEqual({ purged: 1, held: 3, refused: 0 });
    expect(await runRetention(db, { now: SIX_YEARS })).toEqual({ purged: 0, held: 3, refused: 0 });
    expect((await verifyChains(db, {})).broken).toEqual([]);
  });

  it("purges a case once its hold is released", async () => {
    const hold = await db.legalHold.findFirstOrThrow({ where: { matter: "Matter CASE" } });
    await call(
      holdsRoute.action,
      postRequest(
        "/hr/holds",
        { intent: "release", holdId: hold.id, releaseReason: "Claim settled" },
        { cookie: hrCookie },
      ),
    );
    expect(await runRetention(db, { now: SIX_YEARS })).toEqual({ purged: 1, held: 2, refused: 0 });
    const events = await db.caseEvent.findMany({
      where: { incidentId: cases.caseHeld.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type).slice(-3)).toEqual([
      "LEGAL_HOLD_PLACED",
      "LEGAL_HOLD_RELEASED",
      "RETENTION_PURGED",
    ]);
  });
});
