import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as newReportRoute from "~/routes/reports.new";
import { TEST_APP_URL } from "../fixtures/database";
import { EML_BYTES, jpegWithGps, PDF_BYTES } from "../fixtures/evidence-files";
import { call, loginCookie } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// `npm run backup` while reports are being filed, `npm run restore` into a fresh folder: every
// report acknowledged before the backup began is there with its timeline and evidence, nothing
// half-filed is, and the hash chains verify.

const { org } = await orgForThisFile("bk");
const cookie = await loginCookie(org.employeeA.email);
const work = path.join(
  os.tmpdir(),
  `portal-backup-${process.pid}-${randomBytes(3).toString("hex")}`,
);
const tsx = path.resolve("node_modules/.bin/tsx");
const sqlite = (process.env.DATABASE_URL ?? "").startsWith("file:");

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function report(n: number): Request {
  const form = new FormData();
  const values: Record<string, string> = {
    submissionKey: crypto.randomUUID(), // the form carries one (rendered by the loader)
    accountId: org.account.id,
    occurredAt: "2026-11-20T10:15",
    timeZone: "Europe/London",
    channel: "PHONE",
    severity: "MEDIUM",
    narrative: `Report ${n}: the caller shouted and swore at me for ten minutes.`,
  };
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  const files = [
    new File([jpegWithGps() as Uint8Array<ArrayBuffer>], `photo-${n}.jpg`, { type: "image/jpeg" }),
    new File([PDF_BYTES as Uint8Array<ArrayBuffer>], `letter-${n}.pdf`, {
      type: "application/pdf",
    }),
  ];
  if (n % 3 === 0) files.push(new File([EML_BYTES as Uint8Array<ArrayBuffer>], `mail-${n}.eml`));
  for (const f of files) form.append("evidence", f);
  return new Request(`${TEST_APP_URL}/reports/new`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: TEST_APP_URL },
    body: form,
  });
}

/** Files reports one after another on `lanes` parallel lanes until `until` settles. */
async function fileWhile(until: Promise<unknown>, lanes: number) {
  const acknowledged: { reference: string; at: number }[] = [];
  let done = false;
  void until.finally(() => (done = true));
  let n = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (!done) {
        const answer = await call(newReportRoute.action, report(n++));
        expect(answer.status).toBe(302);
        acknowledged.push({
          reference: answer.location!.split("/")[2].split("?")[0],
          at: Date.now(),
        });
      }
    }),
  );
  return acknowledged;
}

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(tsx, [script, ...args], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

// The backup reads a SQLite file; a PostgreSQL run checks the pointer to pg_dump instead.
if (sqlite)
  describe("backup and restore (SQLite)", () => {
    it("backs up while reports arrive and restores every acknowledged one, evidence and chains intact", async () => {
      // Some reports before, so the backup has work to do; then the backup races the filings.
      const before = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const answer = await call(newReportRoute.action, report(1000 + i));
          expect(answer.status).toBe(302);
          return { reference: answer.location!.split("/")[2].split("?")[0], at: Date.now() };
        }),
      );
      const out = path.join(work, "backup");
      const started = Date.now();
      const backup = run("scripts/backup.ts", ["--out", out]);
      const during = await fileWhile(backup, 3);
      const result = await backup;
      expect(result.out).toContain("Backup written to");
      expect(result.code).toBe(0);
      const mustHave = [...before, ...during.filter((a) => a.at < started)].map((a) => a.reference);
      const all = new Set([...before, ...during].map((a) => a.reference));
      expect(mustHave.length).toBeGreaterThanOrEqual(6);
      expect(during.length).toBeGreaterThan(0); // reports were filed while the backup ran

      const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8"));
      expect(manifest.missingEvidence).toEqual([]);

      // Restore into a fresh folder.
      const target = path.join(work, "restored");
      const dbUrl = `file:${path.join(target, "portal.db")}`;
      const evidenceDir = path.join(target, "evidence");
      const restored = await run("scripts/restore.ts", [
        out,
        "--database",
        dbUrl,
        "--evidence-dir",
        evidenceDir,
      ]);
      expect(restored.out).toContain("Restored");
      expect(restored.code).toBe(0);

      const copy = new Database(path.join(target, "portal.db"), { readonly: true });
      try {
        const references = new Set(
          (copy.prepare('SELECT "reference" FROM "Incident"').all() as { reference: string }[]).map(
            (r) => r.reference,
          ),
        );
        expect(mustHave.filter((r) => !references.has(r))).toEqual([]);
        // Nothing the app did not acknowledge (the org's own data aside, there is none).
        expect([...references].filter((r) => !all.has(r))).toEqual([]);
        for (const reference of references) {
          const incident = copy
            .prepare('SELECT "id" FROM "Incident" WHERE "reference" = ?')
            .get(reference) as {
            id: string;
          };
          const events = copy
            .prepare('SELECT "type" FROM "CaseEvent" WHERE "incidentId" = ? ORDER BY "seq"')
            .all(incident.id) as { type: string }[];
          expect(
            events.map((e) => e.type),
            reference,
          ).toEqual(["SUBMITTED", "ASSIGNED", "EVIDENCE_ADDED"]);
          const evidence = copy
            .prepare('SELECT "storedName", "sha256" FROM "Evidence" WHERE "incidentId" = ?')
            .all(incident.id) as { storedName: string; sha256: string }[];
          expect(evidence.length, reference).toBeGreaterThanOrEqual(2);
          for (const e of evidence) {
            const file = path.join(evidenceDir, e.storedName);
            expect(existsSync(file), `${reference} ${e.storedName}`).toBe(true);
            expect(sha256(file)).toBe(e.sha256);
          }
        }
      } finally {
        copy.close();
      }

      const verify = spawnSync(tsx, ["scripts/verify-chains.ts"], {
        env: { ...process.env, DATABASE_URL: dbUrl },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(verify.stdout).toContain("all intact");
      expect(verify.status).toBe(0);

      // Restoring again over what is there is refused without --force, done with it.
      const again = await run("scripts/restore.ts", [
        out,
        "--database",
        dbUrl,
        "--evidence-dir",
        evidenceDir,
      ]);
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/already holds data.*--force/);
      const forced = await run("scripts/restore.ts", [
        out,
        "--database",
        dbUrl,
        "--evidence-dir",
        evidenceDir,
        "--force",
      ]);
      expect(forced.code).toBe(0);
    }, 300_000);

    it("refuses a damaged backup", async () => {
      const out = path.join(work, "damaged");
      expect((await run("scripts/backup.ts", ["--out", out])).code).toBe(0);
      const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8"));
      const victim = path.join(out, "evidence", manifest.evidence[0].storedName);
      writeFileSync(victim, "changed");
      const target = path.join(work, "from-damaged");
      const r = await run("scripts/restore.ts", [
        out,
        "--database",
        `file:${path.join(target, "portal.db")}`,
        "--evidence-dir",
        path.join(target, "evidence"),
      ]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/does not match its manifest/);
      expect(existsSync(path.join(target, "portal.db"))).toBe(false);
    }, 120_000);
  });
else
  describe("backup on PostgreSQL", () => {
    it("points to pg_dump rather than copying anything", async () => {
      const r = await run("scripts/backup.ts", ["--out", path.join(work, "pg")], {
        DATABASE_URL: process.env.DATABASE_URL!,
      });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/pg_dump/);
    });
  });
