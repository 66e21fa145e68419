import { describe, expect, it } from "vitest";
import * as newReportRoute from "~/routes/reports.new";
import { call, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Bad input gets a 4xx with a message per field and everything typed kept; never a 500.

const { db, org } = await orgForThisFile();
const cookie = await loginCookie(org.employeeA.email);

type Reply = {
  status: string;
  error: Record<string, string[] | null>;
  initialValue: Record<string, unknown>;
};

async function submit(fields: Record<string, string | string[]>) {
  const answer = await call(newReportRoute.action, postRequest("/reports/new", fields, { cookie }));
  return { status: answer.status, reply: answer.body as Reply };
}

const valid = () => ({
  submissionKey: crypto.randomUUID(), // the form carries one (rendered by the loader)
  accountId: org.account.id,
  occurredAt: "2026-11-20T10:15",
  channel: "EMAIL",
  severity: "MEDIUM",
  narrative: "Abusive email after the invoice was questioned.",
});

describe("the report form refuses bad input clearly", () => {
  it("names every missing required field", async () => {
    const { status, reply } = await submit({});
    expect(status).toBe(400);
    expect(Object.keys(reply.error).sort()).toEqual(
      ["accountId", "channel", "narrative", "occurredAt", "severity"].sort(),
    );
    expect(reply.error.narrative?.[0]).toBe("Please describe what happened.");
    expect(reply.error.severity?.[0]).toBe("Please choose how serious it was.");
  });

  it("refuses 100 kB of text and keeps it for the person to shorten", async () => {
    const long = "He kept shouting. ".repeat(6000).slice(0, 100_000);
    const { status, reply } = await submit({ ...valid(), narrative: long });
    expect(status).toBe(400);
    expect(reply.error.narrative?.[0]).toMatch(/under 20,000 characters/);
    expect(reply.initialValue.narrative).toBe(long);
    expect(reply.initialValue.accountId).toBe(org.account.id);
  });

  it("refuses control characters but accepts tabs and new lines", async () => {
    const bad = await submit({ ...valid(), narrative: "He said\u0000 something\u001b[31m" });
    expect(bad.status).toBe(400);
    expect(bad.reply.error.narrative?.[0]).toMatch(/control characters/);
    const fine = await call(
      newReportRoute.action,
      postRequest(
        "/reports/new",
        { ...valid(), narrative: "Line one\n\tLine two\r\nLine three" },
        { cookie },
      ),
    );
    expect(fine.status).toBe(302);
  });

  it("refuses unknown accounts, channels, severities and categories", async () => {
    const { status, reply } = await submit({
      ...valid(),
      accountId: "no-such-account",
      channel: "CARRIER_PIGEON",
      severity: "APOCALYPTIC",
      categories: ["VERBAL_ABUSE", "NOT_A_CATEGORY"],
    });
    expect(status).toBe(400);
    expect(reply.error.accountId?.[0]).toMatch(/choose an account/);
    expect(reply.error.channel?.[0]).toMatch(/how it happened/);
    expect(reply.error.severity?.[0]).toMatch(/how serious/);
    expect(JSON.stringify(reply.error)).toContain("Unknown category");
  });

  it("refuses a time in the future and impossible dates", async () => {
    const future = await submit({ ...valid(), occurredAt: "2099-01-01T10:00" });
    expect(future.status).toBe(400);
    expect(future.reply.error.occurredAt?.[0]).toMatch(/future/);
    const impossible = await submit({ ...valid(), occurredAt: "2026-13-45T99:99" });
    expect(impossible.status).toBe(400);
    expect(impossible.reply.error.occurredAt?.[0]).toBeTruthy();
    const garbage = await submit({ ...valid(), occurredAt: "yesterday-ish" });
    expect(garbage.status).toBe(400);
  });

  it("ignores an unknown time zone rather than failing", async () => {
    const answer = await call(
      newReportRoute.action,
      postRequest("/reports/new", { ...valid(), timeZone: "Mars/Olympus_Mons" }, { cookie }),
    );
    expect(answer.status).toBe(302);
  });

  it("answers an oversized body with 413, before reading it", async () => {
    const request = postRequest(
      "/reports/new",
      { ...valid(), narrative: "x".repeat(600_000) },
      { cookie },
    );
    const sized = new Request(request, {
      headers: { ...Object.fromEntries(request.headers), "Content-Length": "600200" },
    });
    const answer = await call(newReportRoute.action, sized);
    expect(answer.status).toBe(413);
  });

  it("files nothing when the input is refused", async () => {
    const before = await db.incident.count();
    await submit({ ...valid(), severity: "" });
    expect(await db.incident.count()).toBe(before);
  });
});
