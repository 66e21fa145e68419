import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiToken, revokeApiToken } from "~/models/api-token.server";
import * as adminRoute from "~/routes/admin.integrations";
import * as auditRoute from "~/routes/admin.audit";
import * as accountRoute from "~/routes/api.v1.accounts.$crmId";
import * as aggregatesRoute from "~/routes/api.v1.accounts.$crmId.aggregates";
import * as accountsRoute from "~/routes/api.v1.accounts._index";
import * as batchRoute from "~/routes/api.v1.accounts.batch";
import { API_RATE, setApiRateForTests } from "~/utils/api.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Tokens through the real routes: created on the admin page (secret shown once, stored
// hashed), refused when unknown, expired, revoked or out of scope (and logged without the
// secret), rate limited with Retry-After; batches are all or nothing with their history row.

const { db, org } = await orgForThisFile("tok");
const adminCookie = await loginCookie(org.admin.email);

afterEach(() => {
  setApiRateForTests(API_RATE.points, API_RATE.duration);
  vi.restoreAllMocks();
});

const api = (method: string, path: string, token: string | null, body?: unknown) =>
  new Request(`${TEST_APP_URL}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const row = (crmId: string, extra: Record<string, unknown> = {}) => ({
  crm_id: crmId,
  name: `Account ${crmId}`,
  segment: "SMB",
  arr: "1000.00",
  ...extra,
});

async function newToken(scopes: Parameters<typeof createApiToken>[2]["scopes"]) {
  return (
    await createApiToken(db, org.admin.id, { name: `t-${scopes.join()}`, scopes, lifetime: "30" })
  ).secret;
}

describe("the admin page", () => {
  it("creates a token, shows its secret once, stores only its hash and lists it", async () => {
    const res = await call(
      adminRoute.action,
      postRequest(
        "/admin/integrations",
        {
          intent: "create",
          name: "Salesforce sync",
          scopes: ["accounts:write", "accounts:read"],
          lifetime: "90",
        },
        { cookie: adminCookie },
      ),
    );
    expect(res.status).toBe(200);
    const secret = (res.body as { secret: string }).secret;
    expect(secret).toMatch(/^ipt_[A-Za-z0-9_-]{43}$/);
    const stored = await db.apiToken.findFirstOrThrow({ where: { name: "Salesforce sync" } });
    expect(stored.tokenHash).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.scopes).toBe("accounts:read accounts:write");

    const page = await call(adminRoute.loader, getRequest("/admin/integrations", adminCookie));
    expect(JSON.stringify(page.body)).toContain("Salesforce sync");
    expect(JSON.stringify(page.body)).not.toContain(secret);

    const history = await call(
      auditRoute.loader,
      getRequest("/admin/audit?subject=API_TOKEN", adminCookie),
    );
    expect(JSON.stringify(history.body)).toContain("Created the API token “Salesforce sync”");
  });

  it("keeps what was typed and names the field when the form is incomplete", async () => {
    const res = await call(
      adminRoute.action,
      postRequest(
        "/admin/integrations",
        { intent: "create", name: "No scopes", lifetime: "30" },
        { cookie: adminCookie },
      ),
    );
    expect(res.status).toBe(400);
    const body = res.body as { fieldErrors: Record<string, string[]>; values: { name: string } };
    expect(body.fieldErrors.scopes[0]).toMatch(/at least one permission/);
    expect(body.values.name).toBe("No scopes");
  });

  it("revokes a token, which then gets 401", async () => {
    const secret = await newToken(["accounts:read"]);
    const ok = await call(accountsRoute.loader, api("GET", "/api/v1/accounts", secret));
    expect(ok.status).toBe(200);
    const token = await db.apiToken.findFirstOrThrow({ where: { prefix: secret.slice(0, 12) } });
    expect(token.lastUsedAt).not.toBeNull();
    const res = await call(
      adminRoute.action,
      postRequest(
        "/admin/integrations",
        { intent: "revoke", id: token.id },
        { cookie: adminCookie },
      ),
    );
    expect(res.status).toBe(200);
    const refused = await call(accountsRoute.loader, api("GET", "/api/v1/accounts", secret));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("Content-Type")).toBe("application/problem+json");
    expect(JSON.parse(String(refused.body)).detail).toMatch(/revoked/);
    expect(await revokeApiToken(db, org.admin.id, token.id)).toBe(false);
  });
});

describe("token checks", () => {
  it("refuses an unknown or expired token with 401 and logs without the secret", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const unknown = "ipt_" + "x".repeat(43);
    const res = await call(accountsRoute.loader, api("GET", "/api/v1/accounts", unknown));
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toContain("invalid_token");

    const expired = await createApiToken(
      db,
      org.admin.id,
      { name: "old", scopes: ["accounts:read"], lifetime: "30" },
      new Date(Date.now() - 31 * 86_400_000),
    );
    const late = await call(accountsRoute.loader, api("GET", "/api/v1/accounts", expired.secret));
    expect(late.status).toBe(401);
    expect(JSON.parse(String(late.body)).detail).toMatch(/expired/);

    const logged = warn.mock.calls.map((c) => c.join(" ")).join("\n");
    warn.mockRestore(); // files share a worker's modules and console (vitest.config.ts)
    expect(logged).toContain("unknown token");
    expect(logged).toContain("expired token");
    expect(logged).not.toContain(unknown);
    expect(logged).not.toContain(expired.secret);
  });

  it("answers 429 with Retry-After past the token's rate, per token", async () => {
    setApiRateForTests(3, 60);
    const a = await newToken(["accounts:read"]);
    const b = await newToken(["accounts:read"]);
    for (let i = 0; i < 3; i++) {
      expect((await call(accountsRoute.loader, api("GET", "/api/v1/accounts", a))).status).toBe(
        200,
      );
    }
    const limited = await call(accountsRoute.loader, api("GET", "/api/v1/accounts", a));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(JSON.parse(String(limited.body)).title).toBe("Too many requests");
    expect((await call(accountsRoute.loader, api("GET", "/api/v1/accounts", b))).status).toBe(200);
  });
});

describe("writes", () => {
  it("writes nothing when one row of a batch is bad, and names that row", async () => {
    const token = await newToken(["accounts:write"]);
    const rows = Array.from({ length: 50 }, (_, i) => row(`ATOM-${i}`));
    rows[37] = row("ATOM-37", { arr: "12,5" });
    const before = await db.auditEvent.count();
    const res = await call(
      batchRoute.action,
      api("POST", "/api/v1/accounts/batch", token, { accounts: rows }),
    );
    expect(res.status).toBe(400);
    const body = JSON.parse(String(res.body));
    expect(body.errors).toEqual([
      { pointer: "/accounts/37/arr", detail: expect.stringMatching(/plain number/) },
    ]);
    expect(await db.customerAccount.count({ where: { crmId: { startsWith: "ATOM-" } } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(before);

    const dup = [row("ATOM-1"), row("ATOM-2"), row("ATOM-1")];
    const dupRes = await call(
      batchRoute.action,
      api("POST", "/api/v1/accounts/batch", token, { accounts: dup }),
    );
    expect(dupRes.status).toBe(400);
    expect(JSON.parse(String(dupRes.body)).errors[0].pointer).toBe("/accounts/2/crm_id");

    const owner = [row("ATOM-1", { owner_email: "nobody@nowhere.example" })];
    const ownerRes = await call(
      batchRoute.action,
      api("POST", "/api/v1/accounts/batch", token, { accounts: owner }),
    );
    expect(JSON.parse(String(ownerRes.body)).errors[0].pointer).toBe("/accounts/0/owner_email");
    expect(await db.customerAccount.count({ where: { crmId: { startsWith: "ATOM-" } } })).toBe(0);
  });

  it("creates then updates by CRM id, each request with its settings-history row", async () => {
    const token = await newToken(["accounts:write", "accounts:read"]);
    const first = await call(
      batchRoute.action,
      api("POST", "/api/v1/accounts/batch", token, { accounts: [row("UP-1"), row("UP-2")] }),
    );
    expect(JSON.parse(String(first.body))).toEqual({ created: 2, updated: 0 });
    const second = await call(
      accountRoute.action,
      api("PUT", "/api/v1/accounts/UP-1", token, {
        name: "Renamed",
        segment: "ENTERPRISE",
        arr: 5000,
        days_overdue: 3,
      }),
      { crmId: "UP-1" },
    );
    expect(JSON.parse(String(second.body))).toEqual({ created: 0, updated: 1 });
    const read = await call(accountRoute.loader, api("GET", "/api/v1/accounts/UP-1", token), {
      crmId: "UP-1",
    });
    expect(JSON.parse(String(read.body))).toMatchObject({
      name: "Renamed",
      arr: "5000.00",
      days_overdue: 3,
    });

    const mismatch = await call(
      accountRoute.action,
      api("PUT", "/api/v1/accounts/UP-1", token, row("UP-9")),
      { crmId: "UP-1" },
    );
    expect(mismatch.status).toBe(400);
    expect(JSON.parse(String(mismatch.body)).errors[0].pointer).toBe("/crm_id");

    const rows = await db.auditEvent.findMany({
      where: { action: "API_ACCOUNTS_UPSERTED" },
      orderBy: { at: "asc" },
    });
    expect(rows.map((r) => JSON.parse(r.data))).toEqual([
      { created: 2, updated: 0, crmIds: ["UP-1", "UP-2"] },
      { created: 0, updated: 1, crmIds: ["UP-1"] },
    ]);
  });

  it("pages accounts by CRM id and reads figures without names or narratives", async () => {
    const token = await newToken(["accounts:read", "aggregates:read"]);
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await call(
        accountsRoute.loader,
        api("GET", `/api/v1/accounts?limit=2${cursor ? `&cursor=${cursor}` : ""}`, token),
      );
      const page = JSON.parse(String(res.body)) as {
        accounts: { crm_id: string }[];
        next_cursor: string | null;
      };
      seen.push(...page.accounts.map((a) => a.crm_id));
      cursor = page.next_cursor;
    }
    expect(seen.length).toBe(await db.customerAccount.count());
    expect([...seen].sort()).toEqual(seen);

    const account = await db.customerAccount.findUniqueOrThrow({ where: { id: org.account.id } });
    await db.incident.create({
      data: {
        reference: "INC-API-1",
        reporterId: org.employeeA.id,
        accountId: account.id,
        occurredAt: new Date(),
        channel: "PHONE",
        reporterSeverity: "HIGH",
        narrative: "Secret narrative that must not leak",
      },
    });
    const res = await call(
      aggregatesRoute.loader,
      api("GET", `/api/v1/accounts/${account.crmId}/aggregates`, token),
      { crmId: account.crmId },
    );
    const text = String(res.body);
    expect(JSON.parse(text)).toMatchObject({
      incidents: 1,
      open: 1,
      last_90_days: 1,
      by_severity: { HIGH: 1 },
    });
    expect(text).not.toContain("Secret narrative");
    expect(text).not.toContain(org.employeeA.name);
  });
});
