import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyIncidentChain } from "~/models/case-event.server";
import * as evidenceRoute from "~/routes/evidence.$id";
import * as newReportRoute from "~/routes/reports.new";
import * as reportRoute from "~/routes/reports.$reference";
import { evidenceDir } from "~/utils/evidence-storage.server";
import { TEST_APP_URL } from "../fixtures/database";
import {
  containsBytes,
  EML_BYTES,
  GPS_LATITUDE_MARK,
  HTML_BYTES,
  jpegWithGps,
  PDF_BYTES,
} from "../fixtures/evidence-files";
import { call, getRequest, loginCookie } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Evidence on the report form: streamed to disk, limits, type from the bytes, GPS removed,
// recorded with the report in one go, and downloadable only by those who may see it.

const { db, org } = await orgForThisFile();
const cookie = await loginCookie(org.employeeA.email);

type Reply = { error: Record<string, string[] | null>; initialValue: Record<string, unknown> };

function fields(overrides: Record<string, string | string[]> = {}) {
  return {
    submissionKey: crypto.randomUUID(), // the form carries one (rendered by the loader)
    accountId: org.account.id,
    occurredAt: "2026-11-20T10:15",
    timeZone: "Europe/London",
    channel: "EMAIL",
    severity: "HIGH",
    narrative: "The customer's CFO sent me a threatening e-mail; a photo of the letter attached.",
    ...overrides,
  };
}

function multipart(
  values: Record<string, string | string[]>,
  files: { name: string; bytes: Uint8Array; type?: string }[],
  c = cookie,
  to = "/reports/new",
): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of [v].flat()) form.append(k, x);
  if (files.length === 0) form.append("evidence", new File([], ""));
  for (const f of files) {
    form.append(
      "evidence",
      new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? "image/jpeg" }),
    );
  }
  return new Request(`${TEST_APP_URL}${to}`, {
    method: "POST",
    headers: { Cookie: c, Origin: TEST_APP_URL },
    body: form,
  });
}

async function file(req: Request) {
  return call(newReportRoute.action, req);
}

function storedFiles() {
  try {
    return readdirSync(evidenceDir());
  } catch {
    return [];
  }
}

describe("evidence on the report form", () => {
  let evidenceIds: string[] = [];
  let reference = "";

  it("stores a photo, a PDF and a saved e-mail with the report, GPS removed", async () => {
    const jpeg = jpegWithGps();
    expect(containsBytes(jpeg, GPS_LATITUDE_MARK)).toBe(true);
    const answer = await file(
      multipart(fields(), [
        { name: "letter.jpg", bytes: jpeg },
        { name: "invoice.pdf", bytes: PDF_BYTES, type: "application/pdf" },
        { name: "threat.eml", bytes: EML_BYTES, type: "message/rfc822" },
      ]),
    );
    expect(answer.status).toBe(302);
    reference = answer.location!.split("/")[2].split("?")[0];
    const incident = await db.incident.findUniqueOrThrow({
      where: { reference },
      include: { evidence: { orderBy: { fileName: "asc" } }, events: { orderBy: { seq: "asc" } } },
    });
    expect(incident.evidence.map((e) => [e.fileName, e.mimeType])).toEqual([
      ["invoice.pdf", "application/pdf"],
      ["letter.jpg", "image/jpeg"],
      ["threat.eml", "message/rfc822"],
    ]);
    expect(incident.events.map((e) => e.type)).toEqual(["SUBMITTED", "ASSIGNED", "EVIDENCE_ADDED"]);
    expect(await verifyIncidentChain(db, incident.id)).toMatchObject({ ok: true, length: 3 });
    evidenceIds = incident.evidence.map((e) => e.id);

    const photo = incident.evidence.find((e) => e.mimeType === "image/jpeg")!;
    expect(photo.storedName).toMatch(/^[0-9a-f-]{36}$/);
    expect(evidenceDir()).not.toContain(`${path.sep}public`);
    const stored = new Uint8Array(readFileSync(path.join(evidenceDir(), photo.storedName)));
    expect([stored[0], stored[1]]).toEqual([0xff, 0xd8]);
    expect(containsBytes(stored, GPS_LATITUDE_MARK)).toBe(false);
    expect(containsBytes(stored, new TextEncoder().encode("Exif"))).toBe(false);
    expect(containsBytes(stored, [0xff, 0xdb])).toBe(true); // the image itself is kept
    expect(photo.sizeBytes).toBe(stored.length);
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(storedFiles().filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("serves a file to its reporter and handlers as a download, and 404 to anyone else", async () => {
    const pdf = await db.evidence.findFirstOrThrow({
      where: { id: { in: evidenceIds }, mimeType: "application/pdf" },
    });
    for (const who of [org.employeeA, org.managerA, org.hr]) {
      const answer = await call(
        evidenceRoute.loader,
        getRequest(`/evidence/${pdf.id}`, await loginCookie(who.email)),
        { id: pdf.id },
      );
      expect(answer.status, who.email).toBe(200);
      expect(answer.headers.get("Content-Disposition")).toMatch(
        /^attachment; filename="invoice.pdf"/,
      );
      expect(answer.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(answer.headers.get("Content-Type")).toBe("application/pdf");
      expect(answer.body).toBe(new TextDecoder().decode(PDF_BYTES));
    }
    for (const who of [org.employeeB, org.colleagueA, org.managerB, org.leadership]) {
      const answer = await call(
        evidenceRoute.loader,
        getRequest(`/evidence/${pdf.id}`, await loginCookie(who.email)),
        { id: pdf.id },
      );
      expect(answer.status, who.email).toBe(404);
    }
    const missing = await call(evidenceRoute.loader, getRequest(`/evidence/nope`, cookie), {
      id: "nope",
    });
    expect(missing.status).toBe(404);
  });

  it("refuses an HTML page named .jpg and keeps what was typed", async () => {
    const before = storedFiles().length;
    const answer = await file(multipart(fields(), [{ name: "photo.jpg", bytes: HTML_BYTES }]));
    expect(answer.status).toBe(400);
    const reply = answer.body as Reply;
    expect(reply.error.evidence?.[0]).toMatch(/photo\.jpg" does not contain what its name says/);
    expect(reply.initialValue.narrative).toBe(fields().narrative);
    expect(storedFiles().length).toBe(before);
  });

  it("refuses HTML whatever its name, and unknown binary files", async () => {
    const html = await file(multipart(fields(), [{ name: "notes.txt", bytes: HTML_BYTES }]));
    expect(html.status).toBe(400);
    const binary = await file(
      multipart(fields(), [{ name: "tool.exe", bytes: new Uint8Array([0x4d, 0x5a, 0, 1, 2, 0]) }]),
    );
    expect(binary.status).toBe(400);
    expect((binary.body as Reply).error.evidence?.[0]).toMatch(/not a type we accept/);
  });

  it("refuses an empty file", async () => {
    const answer = await file(
      multipart(fields(), [{ name: "blank.png", bytes: new Uint8Array() }]),
    );
    expect(answer.status).toBe(400);
    expect((answer.body as Reply).error.evidence?.[0]).toMatch(/blank\.png" is empty/);
  });

  it("refuses a file over 25 MB without keeping it, with the typed values", async () => {
    const before = storedFiles().length;
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const answer = await file(multipart(fields(), [{ name: "huge.jpg", bytes: big }]));
    expect(answer.status).toBe(400);
    const reply = answer.body as Reply;
    expect(reply.error.evidence?.[0]).toMatch(/huge\.jpg" is larger than 25 MB/);
    expect(reply.initialValue.narrative).toBe(fields().narrative);
    expect(reply.initialValue.channel).toBe("EMAIL");
    expect(storedFiles().length).toBe(before);
  });

  it("refuses more than 100 MB in one report", async () => {
    const before = storedFiles().length;
    const chunk = new Uint8Array(24 * 1024 * 1024);
    chunk.set(PDF_BYTES);
    const last = new Uint8Array(5 * 1024 * 1024);
    last.set(PDF_BYTES);
    // 4 × 24 MB + 5 MB: each file is within its limit, together they are not.
    const files = [chunk, chunk, chunk, chunk, last].map((bytes, i) => ({
      name: `scan-${i + 1}.pdf`,
      bytes,
      type: "application/pdf",
    }));
    const answer = await file(multipart(fields(), files));
    expect(answer.status).toBe(400);
    expect((answer.body as Reply).error.evidence).toContain(
      "Together these files are larger than 100 MB. Please send fewer or smaller files.",
    );
    expect(storedFiles().length).toBe(before);
  });

  it("files a report once when sent twice with the same key, files and all", async () => {
    const submissionKey = crypto.randomUUID();
    const send = () =>
      file(multipart(fields({ submissionKey }), [{ name: "letter.jpg", bytes: jpegWithGps() }]));
    const [a, b] = await Promise.all([send(), send()]).catch(async () => [
      await send(),
      await send(),
    ]);
    expect(a.status).toBe(302);
    expect(b.status).toBe(302);
    expect(a.location).toBe(b.location);
    const incident = await db.incident.findUniqueOrThrow({
      where: { submissionKey },
      include: { evidence: true },
    });
    expect(incident.evidence).toHaveLength(1);
    const onDisk = new Set(storedFiles());
    const recorded = await db.evidence.findMany({ select: { storedName: true } });
    // Every file on disk belongs to a recorded piece of evidence (the duplicate's was removed).
    expect([...onDisk].filter((f) => !recorded.some((r) => r.storedName === f))).toEqual([]);
  });
});

describe("evidence added to a report already sent", () => {
  let reference = "";
  let incidentId = "";
  type Added = { intent: string; ok: boolean; error: string | null; added: number };
  const add = (files: { name: string; bytes: Uint8Array; type?: string }[], c = cookie) =>
    call(reportRoute.action, multipart({ intent: "evidence" }, files, c, `/reports/${reference}`), {
      reference,
    });

  beforeAll(async () => {
    const answer = await file(multipart(fields({ narrative: "Filed first, photo later." }), []));
    reference = answer.location!.split("/")[2].split("?")[0];
    incidentId = (await db.incident.findUniqueOrThrow({ where: { reference } })).id;
  });

  it("stores the file without its location, on the timeline, and tells the handler", async () => {
    const answer = await add([{ name: "later.jpg", bytes: jpegWithGps() }]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ intent: "evidence", ok: true, added: 1 });
    const evidence = await db.evidence.findMany({ where: { incidentId } });
    expect(evidence.map((e) => e.fileName)).toEqual(["later.jpg"]);
    const stored = new Uint8Array(readFileSync(path.join(evidenceDir(), evidence[0].storedName)));
    expect(containsBytes(stored, GPS_LATITUDE_MARK)).toBe(false);
    const events = await db.caseEvent.findMany({ where: { incidentId }, orderBy: { seq: "asc" } });
    expect(events.at(-1)).toMatchObject({ type: "EVIDENCE_ADDED", visibleToReporter: true });
    expect(await verifyIncidentChain(db, incidentId)).toMatchObject({ ok: true });
    const mails = await db.notification.findMany({
      where: { incidentId, template: "EVIDENCE_ADDED" },
    });
    expect(mails.map((m) => m.toEmail)).toEqual([org.managerA.email]);
    expect(mails[0].data).not.toContain("later.jpg");

    const page = await call(reportRoute.loader, getRequest(`/reports/${reference}`, cookie), {
      reference,
    });
    expect(JSON.stringify(page.body)).toContain("later.jpg");
  });

  it("refuses no file, a mislabelled file and anything past the report's 100 MB", async () => {
    const before = await db.evidence.count({ where: { incidentId } });
    const none = await add([]);
    expect(none.status).toBe(400);
    expect((none.body as Added).error).toBe("Please choose a file to add.");
    const html = await add([{ name: "photo.jpg", bytes: HTML_BYTES }]);
    expect(html.status).toBe(400);
    expect((html.body as Added).error).toMatch(/does not contain what its name says/);

    // 90 MB recorded already: 20 MB more would pass each file's limit but not the report's.
    await db.evidence.update({
      where: { id: (await db.evidence.findFirstOrThrow({ where: { incidentId } })).id },
      data: { sizeBytes: 90 * 1024 * 1024 },
    });
    const scan = new Uint8Array(20 * 1024 * 1024);
    scan.set(PDF_BYTES);
    const tooMuch = await add([{ name: "scan.pdf", bytes: scan, type: "application/pdf" }]);
    expect(tooMuch.status).toBe(400);
    expect((tooMuch.body as Added).error).toMatch(/larger than 100 MB/);
    expect(await db.evidence.count({ where: { incidentId } })).toBe(before);
    expect(storedFiles().filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("answers 404 to anyone but the reporter, and keeps nothing", async () => {
    const before = storedFiles().length;
    for (const who of [org.employeeB, org.managerA, org.hr]) {
      const answer = await add([{ name: "x.pdf", bytes: PDF_BYTES }], await loginCookie(who.email));
      expect(answer.status, who.email).toBe(404);
    }
    expect(storedFiles().length).toBe(before);
  });
});

describe("evidence names, counts and unreadable photos", () => {
  it("files evidence whose names hold ; = quotes and line breaks, stored with a clean name", async () => {
    const answer = await file(
      multipart(fields(), [
        { name: "a;b=c.pdf", bytes: PDF_BYTES, type: "application/pdf" },
        { name: 'say "hello".eml', bytes: EML_BYTES, type: "message/rfc822" },
        { name: 'line\r\nbreak;x="y".jpg', bytes: jpegWithGps() },
      ]),
    );
    expect(answer.status).toBe(302);
    const reference = answer.location!.split("/")[2].split("?")[0];
    const rows = await db.evidence.findMany({
      where: { incident: { reference } },
      orderBy: { fileName: "asc" },
    });
    expect(rows.map((r) => r.fileName)).toEqual([
      "a;b=c.pdf",
      "line break;x=y.jpg",
      "say hello.eml",
    ]);
  });

  it("files a hand-written body with a raw quote, semicolon and CR/LF inside a file name", async () => {
    const boundary = "----portal-test-boundary";
    const enc = new TextEncoder();
    const parts: Uint8Array[] = [];
    for (const [k, v] of Object.entries(fields())) {
      parts.push(
        enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      );
    }
    parts.push(
      enc.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="raw"quote;x=1\r\nnext.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF_BYTES,
      enc.encode(`\r\n--${boundary}--\r\n`),
    );
    const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      body.set(p, at);
      at += p.length;
    }
    const answer = await file(
      new Request(`${TEST_APP_URL}/reports/new`, {
        method: "POST",
        headers: {
          Cookie: cookie,
          Origin: TEST_APP_URL,
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
        },
        body,
      }),
    );
    expect(answer.status).toBe(302);
    const reference = answer.location!.split("/")[2].split("?")[0];
    const row = await db.evidence.findFirstOrThrow({ where: { incident: { reference } } });
    expect(row.fileName).toBe("rawquote;x=1 next.pdf");
  });

  it("refuses more than 20 files with a message next to the field, keeping nothing", async () => {
    const before = storedFiles().length;
    const many = Array.from({ length: 21 }, (_, i) => ({
      name: `note-${i}.txt`,
      bytes: new TextEncoder().encode(`Note ${i}: what was said on the phone.`),
      type: "text/plain",
    }));
    const answer = await file(multipart(fields(), many));
    expect(answer.status).toBe(400);
    const reply = answer.body as Reply;
    expect(reply.error.evidence?.join(" ")).toMatch(/can hold 20 files/);
    expect(reply.initialValue.narrative).toBe(fields().narrative);
    expect(storedFiles().length).toBe(before);

    // Twenty go in; a report that holds 19 takes one more and refuses a second.
    const twenty = await file(multipart(fields(), many.slice(0, 19)));
    expect(twenty.status).toBe(302);
    const reference = twenty.location!.split("/")[2].split("?")[0];
    const add = (n: number) =>
      call(
        reportRoute.action,
        multipart({ intent: "evidence" }, many.slice(0, n), cookie, `/reports/${reference}`),
        { reference },
      );
    const two = await add(2);
    expect(two.status).toBe(400);
    expect((two.body as { error: string }).error).toMatch(/room for 1 more/);
    expect((await add(1)).status).toBe(200);
    expect(await db.evidence.count({ where: { incident: { reference } } })).toBe(20);
  });

  it("refuses a malformed JPEG rather than store it with its GPS position", async () => {
    const before = storedFiles().length;
    const good = jpegWithGps();
    const broken = good.slice(0, good.length - 3); // cut off inside the image data
    expect(containsBytes(broken, GPS_LATITUDE_MARK)).toBe(true);
    const answer = await file(multipart(fields(), [{ name: "cut.jpg", bytes: broken }]));
    expect(answer.status).toBe(400);
    const reply = answer.body as Reply;
    expect(reply.error.evidence?.join(" ")).toMatch(
      /"cut.jpg" could not be read as a photo, so we cannot remove its location/,
    );
    expect(storedFiles().length).toBe(before);
  });
});

describe("the evidence orphan sweep", () => {
  it("places a file whose row committed, removes old files without a row, spares fresh ones", async () => {
    const { sweepEvidenceOrphans } = await import("~/utils/evidence-storage.server");
    const { storedNamesWithRows } = await import("~/models/evidence.server");
    const { randomUUID } = await import("node:crypto");
    const { mkdirSync, writeFileSync, utimesSync, existsSync } = await import("node:fs");
    mkdirSync(evidenceDir(), { recursive: true });
    const incident = await db.incident.findFirstOrThrow({ select: { id: true } });
    const names = {
      committedPart: randomUUID(), // row written, process died before the rename
      orphanPart: randomUUID(), // upload cut off by a crash
      orphanPlaced: randomUUID(), // a file placed but never recorded
      freshPart: randomUUID(), // an upload in flight
      recorded: randomUUID(), // an ordinary stored file
    };
    const at = (n: string) => path.join(evidenceDir(), n);
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const [file, aged] of [
      [`${names.committedPart}.part`, true],
      [`${names.orphanPart}.part`, true],
      [names.orphanPlaced, true],
      [`${names.freshPart}.part`, false],
      [names.recorded, true],
    ] as const) {
      writeFileSync(at(file), "bytes");
      if (aged) utimesSync(at(file), old, old);
    }
    for (const storedName of [names.committedPart, names.recorded]) {
      await db.evidence.create({
        data: {
          incidentId: incident.id,
          uploadedById: org.employeeA.id,
          fileName: "x.txt",
          storedName,
          mimeType: "text/plain",
          sizeBytes: 5,
          sha256: "0".repeat(64),
        },
      });
    }
    const swept = await sweepEvidenceOrphans((n) => storedNamesWithRows(db, n), {
      minAgeMs: 3_600_000,
    });
    expect(swept).toMatchObject({ placed: 1 });
    expect(swept.removed).toBeGreaterThanOrEqual(2);
    expect(existsSync(at(names.committedPart))).toBe(true);
    expect(existsSync(at(`${names.committedPart}.part`))).toBe(false);
    expect(existsSync(at(`${names.orphanPart}.part`))).toBe(false);
    expect(existsSync(at(names.orphanPlaced))).toBe(false);
    expect(existsSync(at(`${names.freshPart}.part`))).toBe(true);
    expect(existsSync(at(names.recorded))).toBe(true);
  });
});
