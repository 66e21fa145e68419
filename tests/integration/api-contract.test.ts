import { beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "~/domain/api";
import { createApiToken } from "~/models/api-token.server";
import * as accountRoute from "~/routes/api.v1.accounts.$crmId";
import * as aggregatesRoute from "~/routes/api.v1.accounts.$crmId.aggregates";
import * as accountsRoute from "~/routes/api.v1.accounts._index";
import * as accountBatchRoute from "~/routes/api.v1.accounts.batch";
import * as contactRoute from "~/routes/api.v1.contacts.$crmId";
import * as contactBatchRoute from "~/routes/api.v1.contacts.batch";
import * as openApiRoute from "~/routes/api.v1.openapi[.]json";
import { TEST_APP_URL } from "../fixtures/database";
import { call } from "../fixtures/http";
import { checkSchema } from "../fixtures/json-schema";
import { orgForThisFile } from "../fixtures/org";

// Walks /api/v1/openapi.json: every operation is called with a valid and an invalid request
// (and without a token, and with a token lacking its scope); each answer's status must be one
// the document lists for the operation and its body must match the schema documented for it.

type Json = Record<string, unknown>;
type Op = {
  path: string;
  method: string;
  operationId: string;
  "x-required-scope": ApiScope;
  requestBody?: { content: { "application/json": { schema: Json } } };
  responses: Record<string, { content: Record<string, { schema: Json }> }>;
};

const MODULES: Record<string, { loader?: unknown; action?: unknown }> = {
  "/api/v1/accounts": accountsRoute,
  "/api/v1/accounts/{crmId}": accountRoute,
  "/api/v1/accounts/batch": accountBatchRoute,
  "/api/v1/accounts/{crmId}/aggregates": aggregatesRoute,
  "/api/v1/contacts/{crmId}": contactRoute,
  "/api/v1/contacts/batch": contactBatchRoute,
};

const ACCOUNT = { name: "Contract Ltd", segment: "ENTERPRISE", arr: "125000.00" };

/** A valid request per operation, and one that breaks the documented schema at `field`. */
const EXAMPLES: Record<string, { crmId?: string; body?: Json; bad: Json | null; field: string }> = {
  listAccounts: { bad: null, field: "limit" },
  getAccount: { crmId: "CT-1", bad: null, field: "" },
  upsertAccount: {
    crmId: "CT-1",
    body: { crm_id: "CT-1", ...ACCOUNT },
    bad: { crm_id: "CT-1", ...ACCOUNT, segment: "HUGE" },
    field: "/segment",
  },
  upsertAccounts: {
    body: { accounts: [{ crm_id: "CT-2", ...ACCOUNT }] },
    bad: {
      accounts: [
        { crm_id: "CT-3", ...ACCOUNT },
        { crm_id: "CT-4", name: "No ARR" },
      ],
    },
    field: "/accounts/1/",
  },
  upsertContact: {
    crmId: "CC-1",
    body: { crm_id: "CC-1", account_crm_id: "CT-1", name: "Pat Buyer" },
    bad: { crm_id: "CC-1", account_crm_id: "CT-1", name: "Pat", email: "not-an-email" },
    field: "/email",
  },
  upsertContacts: {
    body: { contacts: [{ crm_id: "CC-2", account_crm_id: "CT-1", name: "Sam Buyer" }] },
    bad: { contacts: [{ crm_id: "CC-3", name: "No account" }] },
    field: "/contacts/0/account_crm_id",
  },
  getAccountAggregates: { crmId: "CT-1", bad: null, field: "" },
};

const { db, org } = await orgForThisFile("contract");
let doc: { paths: Record<string, Record<string, Op>> };
const tokens = {} as Record<ApiScope | "none", string>;

beforeAll(async () => {
  for (const scope of [
    "accounts:read",
    "accounts:write",
    "contacts:write",
    "aggregates:read",
    "scim",
  ] as const) {
    tokens[scope] = (
      await createApiToken(db, org.admin.id, { name: scope, scopes: [scope], lifetime: "30" })
    ).secret;
  }
  const res = await call(
    openApiRoute.loader as never,
    new Request(`${TEST_APP_URL}/api/v1/openapi.json`),
  );
  doc = JSON.parse(String(res.body)) as typeof doc;
});

function operations(): Op[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...op, path, method })),
  );
}

function request(op: Op, opts: { token?: string; body?: unknown; query?: string }) {
  const ex = EXAMPLES[op.operationId];
  const path = op.path.replace("{crmId}", encodeURIComponent(ex.crmId ?? ""));
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  return new Request(`${TEST_APP_URL}${path}${opts.query ?? ""}`, {
    method: op.method.toUpperCase(),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}

async function send(op: Op, req: Request, crmIdParam?: string) {
  const mod = MODULES[op.path];
  const fn = (op.method === "get" ? mod.loader : mod.action) as Parameters<typeof call>[0];
  const crmId = crmIdParam ?? EXAMPLES[op.operationId].crmId;
  const res = await call(fn, req, crmId ? { crmId } : {});
  const documented = op.responses[String(res.status)];
  expect(documented, `${op.operationId} answered ${res.status}, not in the document`).toBeDefined();
  const [type, media] = Object.entries(documented.content)[0];
  expect(res.headers.get("Content-Type")).toBe(type);
  const body = JSON.parse(String(res.body)) as unknown;
  expect(checkSchema(media.schema, body), `${op.operationId} ${res.status}`).toEqual([]);
  return { status: res.status, body: body as Json };
}

describe("the OpenAPI document", () => {
  it("lists every operation we have examples for, each with a scope", () => {
    const ids = operations().map((o) => o.operationId);
    expect(ids.sort()).toEqual(Object.keys(EXAMPLES).sort());
    for (const op of operations()) expect(op["x-required-scope"]).toBeTruthy();
  });

  it("answers every operation as documented: valid, invalid, no token, wrong scope", async () => {
    // Writes first, so the reads find what was written.
    const ordered = operations().sort(
      (a, b) => (a.method === "get" ? 1 : 0) - (b.method === "get" ? 1 : 0),
    );
    for (const op of ordered) {
      const ex = EXAMPLES[op.operationId];
      const scope = op["x-required-scope"];

      const ok = await send(op, request(op, { token: tokens[scope], body: ex.body }));
      expect(ok.status, op.operationId).toBe(200);

      if (ex.bad) {
        const bad = await send(op, request(op, { token: tokens[scope], body: ex.bad }));
        expect(bad.status, op.operationId).toBe(400);
        const pointers = (bad.body.errors as { pointer: string }[]).map((e) => e.pointer);
        expect(
          pointers.some((p) => p.startsWith(ex.field)),
          `${op.operationId}: ${pointers.join()}`,
        ).toBe(true);
      } else if (op.operationId === "listAccounts") {
        const bad = await send(op, request(op, { token: tokens[scope], query: "?limit=0" }));
        expect(bad.status).toBe(400);
      } else {
        const missing = await send(op, request(op, { token: tokens[scope] }), "NOPE");
        expect(missing.status, op.operationId).toBe(404);
      }

      const anonymous = await send(op, request(op, { body: ex.body }));
      expect(anonymous.status).toBe(401);
      const other = scope === "scim" ? "accounts:read" : "scim";
      const wrong = await send(op, request(op, { token: tokens[other], body: ex.body }));
      expect(wrong.status).toBe(403);
    }
  });
});
