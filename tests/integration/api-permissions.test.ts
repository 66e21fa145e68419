import { beforeAll, describe, expect, it } from "vitest";
import { API_SCOPES, type ApiScope } from "~/domain/api";
import { SCIM_PATCH } from "~/domain/scim";
import { createApiToken } from "~/models/api-token.server";
import * as accountRoute from "~/routes/api.v1.accounts.$crmId";
import * as aggregatesRoute from "~/routes/api.v1.accounts.$crmId.aggregates";
import * as accountsRoute from "~/routes/api.v1.accounts._index";
import * as accountBatchRoute from "~/routes/api.v1.accounts.batch";
import * as contactRoute from "~/routes/api.v1.contacts.$crmId";
import * as contactBatchRoute from "~/routes/api.v1.contacts.batch";
import * as groupRoute from "~/routes/scim.v2.Groups.$id";
import * as groupsRoute from "~/routes/scim.v2.Groups._index";
import * as userRoute from "~/routes/scim.v2.Users.$id";
import * as usersRoute from "~/routes/scim.v2.Users._index";
import { TEST_APP_URL } from "../fixtures/database";
import { call } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// The permission matrix for API tokens: every token (each scope alone, all scopes, none, an
// unknown one, none sent) × every operation of the REST API and SCIM. Allowed is 2xx; a known
// token without the scope is 403; anything else is 401. Nothing is written when refused.

type Fn = Parameters<typeof call>[0];
type Op = {
  name: string;
  scope: ApiScope;
  method: string;
  fn: () => Fn;
  path: () => string;
  params?: () => Record<string, string>;
  body?: () => unknown;
};

const { db, org } = await orgForThisFile("apm");
let serial = 0;
const account = (id: string) => ({ crm_id: id, name: `Matrix ${id}`, segment: "SMB", arr: "1.00" });

const OPS: Op[] = [
  {
    name: "GET accounts",
    scope: "accounts:read",
    method: "GET",
    fn: () => accountsRoute.loader as Fn,
    path: () => "/api/v1/accounts",
  },
  {
    name: "GET account",
    scope: "accounts:read",
    method: "GET",
    fn: () => accountRoute.loader as Fn,
    path: () => "/api/v1/accounts/PM-1",
    params: () => ({ crmId: "PM-1" }),
  },
  {
    name: "PUT account",
    scope: "accounts:write",
    method: "PUT",
    fn: () => accountRoute.action as Fn,
    path: () => "/api/v1/accounts/PM-1",
    params: () => ({ crmId: "PM-1" }),
    body: () => account("PM-1"),
  },
  {
    name: "POST accounts batch",
    scope: "accounts:write",
    method: "POST",
    fn: () => accountBatchRoute.action as Fn,
    path: () => "/api/v1/accounts/batch",
    body: () => ({ accounts: [account(`PM-B${++serial}`)] }),
  },
  {
    name: "PUT contact",
    scope: "contacts:write",
    method: "PUT",
    fn: () => contactRoute.action as Fn,
    path: () => "/api/v1/contacts/PMC-1",
    params: () => ({ crmId: "PMC-1" }),
    body: () => ({ crm_id: "PMC-1", account_crm_id: "PM-1", name: "Matrix Contact" }),
  },
  {
    name: "POST contacts batch",
    scope: "contacts:write",
    method: "POST",
    fn: () => contactBatchRoute.action as Fn,
    path: () => "/api/v1/contacts/batch",
    body: () => ({ contacts: [{ crm_id: `PMC-B${++serial}`, account_crm_id: "PM-1", name: "C" }] }),
  },
  {
    name: "GET aggregates",
    scope: "aggregates:read",
    method: "GET",
    fn: () => aggregatesRoute.loader as Fn,
    path: () => "/api/v1/accounts/PM-1/aggregates",
    params: () => ({ crmId: "PM-1" }),
  },
  {
    name: "GET SCIM users",
    scope: "scim",
    method: "GET",
    fn: () => usersRoute.loader as Fn,
    path: () => "/scim/v2/Users",
  },
  {
    name: "POST SCIM user",
    scope: "scim",
    method: "POST",
    fn: () => usersRoute.action as Fn,
    path: () => "/scim/v2/Users",
    body: () => ({ userName: `pm.scim${++serial}@test.example` }),
  },
  {
    name: "GET SCIM user",
    scope: "scim",
    method: "GET",
    fn: () => userRoute.loader as Fn,
    path: () => `/scim/v2/Users/${org.employeeB.id}`,
    params: () => ({ id: org.employeeB.id }),
  },
  {
    name: "PATCH SCIM user",
    scope: "scim",
    method: "PATCH",
    fn: () => userRoute.action as Fn,
    path: () => `/scim/v2/Users/${org.employeeB.id}`,
    params: () => ({ id: org.employeeB.id }),
    body: () => ({
      schemas: [SCIM_PATCH],
      Operations: [{ op: "replace", path: "displayName", value: org.employeeB.name }],
    }),
  },
  {
    name: "GET SCIM groups",
    scope: "scim",
    method: "GET",
    fn: () => groupsRoute.loader as Fn,
    path: () => "/scim/v2/Groups",
  },
  {
    name: "POST SCIM group",
    scope: "scim",
    method: "POST",
    fn: () => groupsRoute.action as Fn,
    path: () => "/scim/v2/Groups",
    body: () => ({ displayName: `pm SCIM team ${++serial}` }),
  },
  {
    name: "PATCH SCIM group",
    scope: "scim",
    method: "PATCH",
    fn: () => groupRoute.action as Fn,
    path: () => `/scim/v2/Groups/${org.teamB.id}`,
    params: () => ({ id: org.teamB.id }),
    body: () => ({
      schemas: [SCIM_PATCH],
      Operations: [{ op: "add", path: "members", value: [{ value: org.employeeB.id }] }],
    }),
  },
];

type Holder = "none sent" | "unknown" | "no scope" | "all scopes" | ApiScope;
const HOLDERS: Holder[] = ["none sent", "unknown", "all scopes", ...API_SCOPES];
const secrets = new Map<Holder, string | null>();

beforeAll(async () => {
  await db.customerAccount.create({ data: { crmId: "PM-1", name: "Matrix PM-1", segment: "SMB" } });
  const make = async (scopes: ApiScope[]) =>
    (await createApiToken(db, org.admin.id, { name: scopes.join(","), scopes, lifetime: "30" }))
      .secret;
  secrets.set("none sent", null);
  secrets.set("unknown", "ipt_" + "0".repeat(43));
  secrets.set("all scopes", await make([...API_SCOPES]));
  for (const s of API_SCOPES) secrets.set(s, await make([s]));
});

const expected = (holder: Holder, op: Op) =>
  holder === "none sent" || holder === "unknown"
    ? 401
    : holder === "all scopes" || holder === op.scope
      ? "2xx"
      : 403;

describe("API tokens by scope", () => {
  const rows = HOLDERS.flatMap((holder) => OPS.map((op) => ({ holder, op })));
  it.each(rows.map((r) => [`${r.holder} × ${r.op.name}`, r] as const))(
    "%s",
    async (_, { holder, op }) => {
      const secret = secrets.get(holder);
      const body = op.body?.();
      const request = new Request(`${TEST_APP_URL}${op.path()}`, {
        method: op.method,
        headers: {
          ...(secret ? { Authorization: `Bearer ${secret}` } : {}),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const audits = await db.auditEvent.count();
      const res = await call(op.fn(), request, op.params?.() ?? {});
      const want = expected(holder, op);
      if (want === "2xx") {
        expect(res.status, String(res.body)).toBeGreaterThanOrEqual(200);
        expect(res.status, String(res.body)).toBeLessThan(300);
      } else {
        expect(res.status).toBe(want);
        expect(await db.auditEvent.count()).toBe(audits);
      }
    },
  );
});
