import { beforeAll, describe, expect, it } from "vitest";
import { extractPdfText } from "../fixtures/pdf-text";
import { parseDateRange, type DateRange } from "~/domain/regulator-records";
import { verifyIncidentChain } from "~/models/case-event.server";
import { buildEvidencePack } from "~/models/evidence-pack.server";
import { exportOsha, exportSb553Log, saveOshaRecord } from "~/models/regulator-records.server";
import * as recordsRoute from "~/routes/hr.records._index";
import * as downloadRoute from "~/routes/hr.records.download";
import * as oshaRoute from "~/routes/hr.records.osha";
import { getDb, type Db } from "~/utils/db.server";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { useDemoData } from "../fixtures/demo-data";
import { call, getRequest, loginCookie, postRequest, type Answer } from "../fixtures/http";

// Regulator and counsel records on the demo data: the SB 553 log names nobody (checked against
// every person and customer contact in the database), OSHA privacy cases keep the name off the
// log, the evidence pack verifies the chains, every export is in the settings history, and bad
// input is answered next to the field.

const SEED_TIMEOUT = 600_000;
let db: Db;
let now: Date;
let hr: { id: string; name: string; role: "HR"; managedTeamIds: string[] };
let hrCookie: string;
let everything: DateRange;

/** A refused download is sent back to /hr/records (303); the page then answers. */
async function followBack(answer: Answer) {
  expect(answer.status).toBe(303);
  expect(answer.location).toMatch(/^\/hr\/records\?problem=/);
  return call(recordsRoute.loader, getRequest(answer.location!, hrCookie));
}

// PDFs are read through a real PDF parser (unpdf); line breaks become spaces.
const text = async (body: Uint8Array | string) =>
  typeof body === "string" ? body : (await extractPdfText(body)).replace(/\s+/g, " ");

beforeAll(async () => {
  ({ now } = await useDemoData());
  db = await getDb();
  const harper = await db.user.findFirstOrThrow({
    where: { role: "HR", active: true },
    orderBy: { email: "asc" },
  });
  hr = { id: harper.id, name: harper.name, role: "HR", managedTeamIds: [] };
  hrCookie = await loginCookie(harper.email, DEMO_PASSWORD);
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 4);
  const range = parseDateRange({
    from: from.toISOString().slice(0, 10),
    to: now.toISOString().slice(0, 10),
  });
  if (!range.ok) throw new Error("range");
  everything = range.value;
}, SEED_TIMEOUT);

describe("SB 553 violent incident log", () => {
  it("lists the demo's threats and physical aggression with no person's name or email, as CSV and PDF", async () => {
    const csv = await exportSb553Log(db, { viewer: hr, range: everything, format: "CSV" });
    const pdf = await exportSb553Log(db, { viewer: hr, range: everything, format: "PDF" });
    expect(csv.count).toBeGreaterThan(5);
    expect(pdf.count).toBe(csv.count);
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines[0]).toContain("violence_type");
    expect(lines).toHaveLength(csv.count + 1);
    expect(String(csv.body)).toMatch(/PHYSICAL_ATTACK|THREAT/);
    const pdfText = await text(pdf.body);
    expect(pdfText).toContain("Violent incident log");
    // Every person the database knows, staff and customer contacts alike, read a page at a time.
    const people: { name: string; email: string | null }[] = [
      ...(await db.user.findMany({ select: { name: true, email: true } })),
      ...(await db.customerContact.findMany({ select: { name: true, email: true } })),
    ];
    expect(people.length).toBeGreaterThan(50);
    const haystacks = [String(csv.body).toLowerCase(), pdfText.toLowerCase()];
    for (const p of people) {
      for (const h of haystacks) {
        expect(h, p.name).not.toContain(p.name.toLowerCase());
        if (p.email) expect(h, p.email).not.toContain(p.email.toLowerCase());
      }
    }
    // No customer's name either: an account can be a person trading on their own.
    const accounts = await db.customerAccount.findMany({ select: { name: true } });
    for (const a of accounts) expect(String(csv.body)).not.toContain(a.name);
    const logged = await db.auditEvent.findMany({ where: { action: "RECORDS_EXPORTED" } });
    expect(logged.filter((e) => e.data.includes("SB 553")).length).toBeGreaterThanOrEqual(2);
  });

  it("is downloaded with a button on /hr/records; bad dates come back next to the field", async () => {
    const ok = await call(
      downloadRoute.action,
      postRequest(
        "/hr/records/download",
        { intent: "sb553", format: "CSV", from: everything.fromText, to: everything.toText },
        { cookie: hrCookie },
      ),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Disposition")).toContain("violent-incident-log_");
    const bad = await call(
      downloadRoute.action,
      postRequest(
        "/hr/records/download",
        { intent: "sb553", format: "CSV", from: "2026-02-30", to: "yesterday" },
        { cookie: hrCookie },
      ),
    );
    // Sent back to the page, which shows the message next to the field with a 400.
    const back = await followBack(bad);
    expect(back.status).toBe(400);
    expect(JSON.stringify(back.body)).toContain("Enter the first day as YYYY-MM-DD.");
    expect(JSON.stringify(back.body)).toContain("yesterday");
    const tooLong = await call(
      downloadRoute.action,
      postRequest(
        "/hr/records/download",
        { intent: "sb553", format: "PDF", from: "2015-01-01", to: "2026-01-01" },
        { cookie: hrCookie },
      ),
    );
    const tooLongBack = await followBack(tooLong);
    expect(tooLongBack.status).toBe(400);
    expect(JSON.stringify(tooLongBack.body)).toContain("at most 5 years");
    // Opening the download address answers 405 and records nothing.
    const exports = await db.auditEvent.count({ where: { action: "RECORDS_EXPORTED" } });
    const get = await call(downloadRoute.loader, getRequest("/hr/records/download", hrCookie));
    expect(get.status).toBe(405);
    expect(await db.auditEvent.count({ where: { action: "RECORDS_EXPORTED" } })).toBe(exports);
  });
});

describe("OSHA 300 and 301", () => {
  it("writes a privacy case as “Privacy case” and keeps its name on the confidential list only", async () => {
    const privacy = await db.oshaRecord.findFirstOrThrow({ where: { privacyCase: true } });
    const incident = await db.incident.findUniqueOrThrow({
      where: { id: privacy.incidentId },
      select: { reference: true, reporter: { select: { name: true } } },
    });
    const log = await exportOsha(db, { viewer: hr, year: privacy.year, kind: "300" });
    expect(String(log.body)).toContain("Privacy case");
    expect(String(log.body)).not.toContain(incident.reporter.name);
    const forms = await exportOsha(db, { viewer: hr, year: privacy.year, kind: "301" });
    const formsText = await text(forms.body);
    expect(formsText).toContain(incident.reference);
    expect(formsText).not.toContain(incident.reporter.name);
    const list = await exportOsha(db, { viewer: hr, year: privacy.year, kind: "PRIVACY" });
    expect(String(list.body)).toContain(incident.reporter.name);
    expect(list.count).toBe(1);
  });

  it("marks a case recordable on its own page: numbered per year, on the timeline, chain intact", async () => {
    const target = await db.incident.findFirstOrThrow({
      where: { categories: { some: { category: "THREATS" } }, namedUsers: { none: {} } },
      orderBy: { occurredAt: "desc" },
      select: { id: true, reference: true, occurredAt: true },
    });
    const year = target.occurredAt.getUTCFullYear();
    const before = await db.oshaRecord.count({ where: { year } });
    const fields = {
      reference: target.reference.toLowerCase(),
      jobTitle: "Support engineer",
      location: "Head office, reception",
      injuryDescription: "Bruised shoulder",
      whatHappened: "The visitor pushed the employee into a door frame.",
      classification: "OTHER_RECORDABLE",
      injuryType: "INJURY",
      daysAway: "0",
      daysRestricted: "2",
    };
    const saved = await call(
      oshaRoute.action,
      postRequest("/hr/records/osha", fields, { cookie: hrCookie }),
    );
    expect(saved.status).toBe(302);
    const record = await db.oshaRecord.findUniqueOrThrow({ where: { incidentId: target.id } });
    expect(record.caseNumber).toBe(before + 1);
    const event = await db.caseEvent.findFirstOrThrow({
      where: { incidentId: target.id, type: "OSHA_RECORDABLE_MARKED" },
    });
    expect(event.data).not.toContain("door frame");
    expect((await verifyIncidentChain(db, target.id)).ok).toBe(true);
    // Saving again updates the same record, keeping its number.
    const again = await saveOshaRecord(db, {
      viewer: hr,
      input: {
        ...fields,
        reference: target.reference,
        classification: "DAYS_AWAY",
        injuryType: "INJURY",
        daysAway: 3,
        daysRestricted: 0,
        privacyCase: true,
        treatedInEr: false,
        hospitalized: false,
      },
    });
    expect(again).toMatchObject({ ok: true, caseNumber: before + 1, created: false });
    const page = await call(
      oshaRoute.loader,
      getRequest(`/hr/records/osha?year=${year}&reference=${target.reference}`, hrCookie),
    );
    expect(JSON.stringify(page.body)).toContain("Support engineer");
    // Bad input: the messages next to the fields, what was typed kept, nothing written.
    const bad = await call(
      oshaRoute.action,
      postRequest(
        "/hr/records/osha",
        { ...fields, jobTitle: "", daysAway: "-1", classification: "MAYBE" },
        { cookie: hrCookie },
      ),
    );
    expect(bad.status).toBe(400);
    const body = JSON.stringify(bad.body);
    expect(body).toContain("Enter a whole number of days from 0 to 180.");
    expect(body).toContain("Choose how the case is classified.");
    expect(body).toContain("Bruised shoulder");
    const unknown = await call(
      oshaRoute.action,
      postRequest(
        "/hr/records/osha",
        { ...fields, reference: "INC-1999-0001" },
        { cookie: hrCookie },
      ),
    );
    expect(unknown.status).toBe(404);
  });
});

describe("all reasonable steps evidence pack", () => {
  it("gathers an account's incidents, actions, decisions with approvers and clocks, with the chain result", async () => {
    const busiest = await db.incident.groupBy({
      by: ["accountId"],
      _count: { _all: true },
      orderBy: { _count: { accountId: "desc" } },
      take: 1,
    });
    const account = await db.customerAccount.findUniqueOrThrow({
      where: { id: busiest[0].accountId },
    });
    const pack = await buildEvidencePack(db, {
      viewer: hr,
      account: account.crmId,
      range: everything,
    });
    if (!pack.ok) throw new Error(pack.error);
    expect(pack.incidents).toBeGreaterThan(1);
    const pdf = await text(pack.pdf);
    expect(pdf).toContain(account.name);
    expect(pdf).toMatch(/Hash chains verified: all \d+ case timelines are unbroken\./);
    expect(pdf).toMatch(/Clocks: \d+ met on time, \d+ missed/);
    const decision = await db.decision.findFirst({
      where: { accountId: account.id, createdAt: { gte: everything.from } },
      select: { approver: { select: { name: true } } },
    });
    if (decision) expect(pdf).toContain(decision.approver.name);
    // No report text: the narratives stay out.
    const narrative = await db.incident.findFirstOrThrow({
      where: { accountId: account.id },
      select: { narrative: true },
    });
    expect(pdf).not.toContain(narrative.narrative.slice(0, 40));
    const missing = await call(
      downloadRoute.action,
      postRequest(
        "/hr/records/download",
        {
          intent: "pack",
          account: "No such account",
          from: everything.fromText,
          to: everything.toText,
        },
        { cookie: hrCookie },
      ),
    );
    const missingBack = await followBack(missing);
    expect(missingBack.status).toBe(404);
    expect(JSON.stringify(missingBack.body)).toContain(
      "There is no account with this CRM id or name.",
    );
    expect(JSON.stringify(missingBack.body)).toContain("No such account");
  });
});
