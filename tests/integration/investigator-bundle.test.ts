import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readTar } from "~/domain/tar";
import { addCaseNote } from "~/models/incident-handling.server";
import { createIncident } from "~/models/incident.server";
import * as bundleRoute from "~/routes/hr.bundles";
import { evidenceDir } from "~/utils/evidence-storage.server";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// The investigator bundle: a .tar with the timeline, the evidence and a verifier that runs on
// plain Node. It passes on the bundle as downloaded and names the event when one byte changes.

const { db, org } = await orgForThisFile("ib");
let reference: string;
let incidentId: string;
const EVIDENCE = new TextEncoder().encode("bundle evidence: a screenshot stands in here");

beforeAll(async () => {
  const c = await createIncident(db, {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "CHAT",
    severity: "HIGH",
    categories: ["THREATS"],
    narrative: "Bundle narrative: threats in the support chat.",
    namedUserIds: [org.hr2.id],
  });
  ({ reference, id: incidentId } = c);
  await addCaseNote(db, { incidentId, actorId: org.managerA.id, text: "Read the chat log." });
  const storedName = randomUUID();
  await mkdir(evidenceDir(), { recursive: true });
  await writeFile(path.join(evidenceDir(), storedName), EVIDENCE);
  await db.evidence.create({
    data: {
      incidentId,
      fileName: "chat log.txt",
      storedName,
      mimeType: "text/plain",
      sizeBytes: EVIDENCE.length,
      sha256: createHash("sha256").update(EVIDENCE).digest("hex"),
      uploadedById: org.employeeA.id,
    },
  });
});

async function download(email: string, ref: string) {
  const cookie = await loginCookie(email);
  const request = postRequest("/hr/bundles", { reference: ref }, { cookie });
  try {
    return (await bundleRoute.action({ request, params: {}, context: {} })) as unknown;
  } catch (thrown) {
    return thrown;
  }
}

function runVerifier(dir: string) {
  return spawnSync(process.execPath, [path.join(dir, "verify.mjs")], { encoding: "utf8" });
}

describe("investigator bundle", () => {
  it("downloads a tar whose verifier passes, and records the export on the timeline", async () => {
    const before = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    const answer = await download(org.hr.email, reference.toLowerCase());
    expect(answer).toBeInstanceOf(Response);
    const res = answer as Response;
    expect(res.headers.get("Content-Type")).toBe("application/x-tar");
    const files = readTar(new Uint8Array(await res.arrayBuffer()));
    const names = [...files.keys()];
    expect(names).toContain(`${reference}/timeline.json`);
    expect(names).toContain(`${reference}/verify.mjs`);
    const evidenceName = names.find((n) => n.includes("/evidence/"));
    expect(evidenceName).toMatch(/chat_log\.txt$/);

    const dir = await mkdtemp(path.join(tmpdir(), "bundle-"));
    for (const [name, bytes] of files) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), bytes);
    }
    const root = path.join(dir, reference);
    const ok = runVerifier(root);
    expect(ok.stdout).toContain(`OK: ${reference}`);
    expect(ok.status).toBe(0);

    const after = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(after.chainLength).toBe(before.chainLength + 1);
    const last = await db.caseEvent.findFirstOrThrow({
      where: { incidentId, seq: after.chainLength },
    });
    expect(last.type).toBe("EXPORTED");
    expect(last.data).toContain("investigator bundle");

    // One byte changed in the JSON: the note's text.
    const jsonPath = path.join(root, "timeline.json");
    const json = await readFile(jsonPath, "utf8");
    const note = JSON.parse(json).events.find((e: { type: string }) => e.type === "NOTE") as {
      seq: number;
    };
    await writeFile(jsonPath, json.replace("Read the chat log.", "Read the chat log!"));
    const bad = runVerifier(root);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`event ${note.seq} (NOTE): the event was changed`);

    // And a changed evidence file is named too.
    await writeFile(jsonPath, json);
    await writeFile(path.join(dir, evidenceName!), "changed");
    const badFile = runVerifier(root);
    expect(badFile.status).toBe(1);
    expect(badFile.stdout).toContain("do not match the recorded hash");
  });

  it("answers 404 with the same message for HR named in the case and for an unknown case", async () => {
    const before = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    for (const [email, ref] of [
      [org.hr2.email, reference],
      [org.hr.email, "INC-1999-0001"],
    ]) {
      const answer = await call(
        bundleRoute.action,
        postRequest("/hr/bundles", { reference: ref }, { cookie: await loginCookie(email) }),
      );
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).toContain("There is no case with this reference.");
    }
    const bad = await call(
      bundleRoute.action,
      postRequest(
        "/hr/bundles",
        { reference: "nonsense" },
        { cookie: await loginCookie(org.hr.email) },
      ),
    );
    expect(bad.status).toBe(400);
    const after = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(after.chainLength).toBe(before.chainLength);
  });

  it("shows a refused download's message when it comes back, and never words of a crafted link", async () => {
    const cookie = await loginCookie(org.hr.email);
    const back = (query: string) =>
      call(bundleRoute.loader, getRequest(`/hr/bundles?${query}`, cookie));
    const refused = await back(
      "problem=There+is+no+case+with+this+reference.&reference=INC-1999-0001",
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("There is no case with this reference.");
    expect(JSON.stringify(refused.body)).toContain("INC-1999-0001");
    const crafted = await back("problem=Your+session+expired.+Call+555-0100+to+restore+it.");
    expect(crafted.status).toBe(200);
    expect(JSON.stringify(crafted.body)).not.toContain("555-0100");
  });
});
