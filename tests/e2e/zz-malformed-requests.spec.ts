import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers";

// A fuzz pass over the built app's real HTTP server: malformed requests to every form and URL
// parameter, as a signed-in person of each role. Content types a browser would not send,
// broken multipart, huge numbers, prototype names, impossible dates, control characters,
// missing fields. Any answer of 500 or more fails the test, listed with its request.
// (Named "zz-" so it runs last: the refused requests change nothing, but a few odd-but-valid
// ones may, and no other browser test should see that.)

const port = Number(process.env.E2E_PORT ?? 3100);
const BASE = `http://localhost:${port}`;

const ROLES = {
  employee: "sam.employee@demo.example",
  manager: "morgan.manager@demo.example",
  hr: "harper.hr@demo.example",
  leadership: "lee.leadership@demo.example",
  admin: "alex.admin@demo.example",
} as const;
type Role = keyof typeof ROLES;

const WEIRD = [
  "",
  "__proto__",
  "constructor",
  "toString",
  "9007199254740993",
  "1e309",
  "-1",
  "NaN",
  "99999999999999999999999999999",
  "2026-02-30",
  "2026-13-45T25:61",
  "0000-00-00",
  "a\u0000b",
  "amount \u202E0001 due",
  "%",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "x".repeat(30_000),
  "../../etc/passwd",
];

const BROKEN_BODIES: { label: string; type: string | null; body: string }[] = [
  { label: "JSON", type: "application/json", body: '{"intent":"note","__proto__":{"x":1}}' },
  { label: "text/plain", type: "text/plain", body: "intent=note&text=hi" },
  { label: "no Content-Type", type: null, body: "intent=note&text=hi" },
  {
    label: "broken multipart",
    type: "multipart/form-data; boundary=zz",
    body: '--zz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nnote\r\n--zz\r\nContent-Dispo',
  },
  { label: "multipart without boundary", type: "multipart/form-data", body: "--zz--" },
  {
    label: "urlencoded with broken %",
    type: "application/x-www-form-urlencoded",
    body: "a=%&b=%zz",
  },
];

type Ids = { report: string; case: string; account: string; contact: string; calendar: string };

type Target = {
  path: (ids: Ids) => string;
  roles: Role[];
  intents: (string | undefined)[];
  fields: string[];
};

const ALL: Role[] = ["employee", "manager", "hr", "leadership", "admin"];

const POSTS: Target[] = [
  { path: () => "/login", roles: ALL, intents: [undefined], fields: ["email", "password"] },
  {
    path: () => "/reports/new",
    roles: ["employee", "manager"],
    intents: [undefined],
    fields: [
      "submissionKey",
      "accountId",
      "occurredAt",
      "timeZone",
      "channel",
      "severity",
      "categories",
      "narrative",
      "impact",
      "contactId",
      "newAccountName",
      "newContactName",
      "witnessIds",
      "namedUserIds",
      "support",
    ],
  },
  {
    path: (i) => `/reports/${i.report}`,
    roles: ["employee"],
    intents: ["message", "evidence", "other"],
    fields: ["body"],
  },
  {
    path: (i) => `/cases/${i.case}`,
    roles: ["manager", "hr"],
    intents: [
      "assess",
      "note",
      "message",
      "update",
      "protect",
      "sanction",
      "action-status",
      "reassign",
      "resolve",
      "reopen",
      "decide",
      "unknown",
    ],
    fields: [
      "severity",
      "categories",
      "text",
      "body",
      "measure",
      "sanction",
      "ownerId",
      "dueAt",
      "reason",
      "actionId",
      "status",
      "outcome",
      "toUserId",
      "decision",
      "rationale",
      "approverId",
      "consulted",
      "watch",
    ],
  },
  { path: (i) => `/cases/${i.case}/case-file`, roles: ["hr"], intents: [undefined], fields: [] },
  {
    path: () => "/hr/cases/csv?from=2026-02-30&q=%00",
    roles: ["hr"],
    intents: [undefined],
    fields: [],
  },
  {
    path: (i) => `/accounts/${i.account}`,
    roles: ["leadership", "hr"],
    intents: ["decide", "other"],
    fields: ["decision", "rationale", "approverId", "consulted", "watch"],
  },
  {
    path: (i) => `/accounts/${i.account}/edit`,
    roles: ["admin", "hr"],
    intents: [undefined],
    fields: [
      "name",
      "segment",
      "ownerId",
      "arr",
      "contractValue",
      "currency",
      "contractStart",
      "contractEnd",
      "renewalDate",
      "noticeDate",
      "paymentStatus",
      "daysOverdue",
      "conductStatus",
      "confirmed",
    ],
  },
  {
    path: (i) => `/accounts/${i.account}/contacts/${i.contact}`,
    roles: ["admin", "hr"],
    intents: [undefined],
    fields: ["name", "jobTitle", "email", "phone", "confirmed"],
  },
  {
    path: () => "/accounts/import",
    roles: ["admin"],
    intents: ["preview", "confirm"],
    fields: ["csv", "file"],
  },
  {
    path: () => "/admin/deadlines",
    roles: ["admin"],
    intents: ["save-policy", "new-calendar"],
    fields: [
      "name",
      "calendarId",
      "LOW.ACKNOWLEDGE.amount",
      "LOW.ACKNOWLEDGE.unit",
      "HIGH.RESOLVE.amount",
    ],
  },
  {
    path: (i) => `/admin/calendars/${i.calendar}`,
    roles: ["admin"],
    intents: ["save", "add-holiday", "remove-holiday"],
    fields: ["name", "timeZone", "dayStart", "dayEnd", "workingDays", "date", "holidayId"],
  },
  {
    path: () => "/admin/outbox",
    roles: ["admin"],
    intents: ["retry", "retry-all"],
    fields: ["id"],
  },
];

const GETS: { path: (ids: Ids) => string; params: string[] }[] = [
  { path: () => "/dashboard", params: ["sort", "months", "segment", "quadrant", "flagged", "all"] },
  {
    path: () => "/hr/cases",
    params: [
      "q",
      "from",
      "to",
      "page",
      "severity",
      "category",
      "status",
      "team",
      "account",
      "employee",
      "contact",
    ],
  },
  { path: () => "/hr/verify", params: ["reference", "all"] },
  { path: () => "/queue", params: ["page", "sort"] },
  { path: () => "/reports", params: ["page"] },
  { path: () => "/accounts", params: ["q", "page", "review"] },
  { path: () => "/admin/audit", params: ["page", "subject"] },
  { path: () => "/resources/accounts", params: ["q"] },
  { path: () => "/resources/colleagues", params: ["q"] },
  { path: () => "/resources/contacts", params: ["accountId"] },
  { path: () => "/resources/case-people", params: ["reference", "for", "q"] },
  { path: () => "/login", params: ["redirectTo"] },
  { path: (i) => `/accounts/${i.account}`, params: ["months", "saved"] },
  { path: (i) => `/reports/${i.report}`, params: ["filed"] },
  { path: () => "/admin/deadlines", params: ["created", "deleted", "saved"] },
];

const SEGMENTS = [
  "__proto__",
  "%",
  "%E0%A4%A",
  "x".repeat(300),
  "INC-9999-99999999999999",
  "..%2F..%2Fetc",
];
const ID_PAGES: ((s: string) => string)[] = [
  (s) => `/reports/${s}`,
  (s) => `/cases/${s}`,
  (s) => `/accounts/${s}`,
  (s) => `/hr/employees/${s}`,
  (s) => `/hr/contacts/${s}`,
  (s) => `/hr/accounts/${s}`,
  (s) => `/evidence/${s}`,
  (s) => `/admin/calendars/${s}`,
];

async function signIn(role: Role): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({
    baseURL: BASE,
    extraHTTPHeaders: { Origin: BASE },
  });
  const res = await ctx.post("/login", {
    form: { email: ROLES[role], password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in of ${role}`).toBe(302);
  return ctx;
}

async function firstMatch(ctx: APIRequestContext, path: string, re: RegExp): Promise<string> {
  const html = await (await ctx.get(path)).text();
  const m = re.exec(html);
  if (!m) throw new Error(`nothing matching ${re} on ${path}`);
  return m[1];
}

test("malformed requests as every role: never an answer of 500 or more", async () => {
  test.setTimeout(600_000);
  const ctx = {} as Record<Role, APIRequestContext>;
  for (const role of Object.keys(ROLES) as Role[]) ctx[role] = await signIn(role);
  const account = await firstMatch(ctx.leadership, "/dashboard", /href="\/accounts\/([^"/?]+)"/);
  const ids: Ids = {
    report: await firstMatch(ctx.employee, "/reports", /href="\/reports\/(INC-\d{4}-\d{4,})"/),
    case: await firstMatch(ctx.manager, "/queue", /href="\/cases\/(INC-\d{4}-\d{4,})"/),
    account,
    contact: await firstMatch(ctx.hr, `/accounts/${account}`, /\/contacts\/([^"/?]+)"/).catch(
      () => "no-contact",
    ),
    calendar: await firstMatch(
      ctx.admin,
      "/admin/deadlines",
      /href="\/admin\/calendars\/([^"/?]+)"/,
    ),
  };

  const failures: string[] = [];
  let sent = 0;
  const check = async (label: string, run: () => Promise<{ status: () => number }>) => {
    sent++;
    try {
      const res = await run();
      if (res.status() >= 500) failures.push(`${res.status()} ${label}`);
    } catch (error) {
      failures.push(`no answer (${String(error).split("\n")[0]}) ${label}`);
    }
  };

  // Every odd value reaches every target, but spread over intents, parameters and roles
  // rather than all combinations, so the pass stays a few hundred requests.
  let turn = 0;
  const some = <T>(values: T[], n: number): T[] =>
    Array.from({ length: n }, () => values[turn++ % values.length]);

  for (const target of POSTS) {
    const path = target.path(ids);
    // Bodies that are not forms: from a role that uses the form, and from an employee.
    for (const role of new Set<Role>([target.roles[0], "employee"])) {
      for (const b of BROKEN_BODIES) {
        await check(`${role} POST ${path} ${b.label}`, () =>
          ctx[role].post(path, {
            headers: b.type ? { "Content-Type": b.type } : {},
            data: b.body,
            maxRedirects: 0,
          }),
        );
      }
    }
    // Forms whose every field holds one odd value, per intent, from the roles that use it.
    for (const intent of target.intents) {
      const [role] = some(target.roles, 1);
      await check(`${role} POST ${path} intent=${intent} (no fields)`, () =>
        ctx[role].post(path, { form: intent ? { intent } : {}, maxRedirects: 0 }),
      );
      for (const value of some(WEIRD, 8)) {
        const form: Record<string, string> = {};
        for (const f of target.fields) form[f] = value;
        if (intent) form.intent = intent;
        await check(
          `${role} POST ${path} intent=${intent} all fields=${JSON.stringify(value.slice(0, 40))}`,
          () => ctx[role].post(path, { form, maxRedirects: 0 }),
        );
      }
      // An odd value as a multipart form (as the report and evidence forms send), with a file.
      const [value] = some(WEIRD.slice(0, 8), 1);
      await check(`${role} POST ${path} intent=${intent} multipart=${JSON.stringify(value)}`, () =>
        ctx[role].post(path, {
          multipart: {
            ...(intent ? { intent } : {}),
            ...Object.fromEntries(target.fields.map((f) => [f, value])),
            evidence: {
              name: `a;b=c${value}.txt`,
              mimeType: "text/plain",
              buffer: Buffer.from("hello"),
            },
          },
          maxRedirects: 0,
        }),
      );
    }
  }

  for (const g of GETS) {
    const path = g.path(ids);
    for (const param of g.params) {
      for (const value of some(WEIRD, 6)) {
        const [role] = some(ALL, 1);
        await check(`${role} GET ${path}?${param}=${JSON.stringify(value.slice(0, 40))}`, () =>
          ctx[role].get(`${path}?${new URLSearchParams({ [param]: value.slice(0, 2000) })}`, {
            maxRedirects: 0,
          }),
        );
      }
      const [raw] = some(["%", "%E0%A4%A", "%00"], 1);
      await check(`GET ${path}?${param}=${raw} (raw)`, () =>
        ctx.hr.get(`${path}?${param}=${raw}`, { maxRedirects: 0 }),
      );
    }
  }

  for (const page of ID_PAGES) {
    for (const segment of SEGMENTS) {
      const [role] = some(ALL, 1);
      await check(`${role} GET ${page(segment)}`, () =>
        ctx[role].get(page(segment), { maxRedirects: 0 }),
      );
    }
  }

  // A broken cookie beside a good session, on a page and on the login page.
  for (const path of ["/", "/login", "/reports/new", "/dashboard"]) {
    await check(`GET ${path} with Cookie x=%`, () =>
      ctx.employee.get(path, { headers: { Cookie: "x=%; y=%E0%A4%A" }, maxRedirects: 0 }),
    );
  }

  console.log(`${sent} malformed requests sent; ${failures.length} answered 5xx or not at all.`);
  expect(sent).toBeGreaterThanOrEqual(500);
  expect(failures, failures.join("\n")).toEqual([]);
});
