import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { can, type Capability } from "~/domain/permissions";
import type { Role } from "~/domain/vocabulary";
import { requestWitnessStatement } from "~/models/case-support.server";
import { addCaseNote, assessIncident, recordSanction } from "~/models/incident-handling.server";
import * as guidanceRoute from "~/routes/admin.critical-guidance";
import * as approvalsRoute from "~/routes/approvals";
import * as accountRoute from "~/routes/accounts.$id";
import * as adminRoute from "~/routes/admin._index";
import * as auditRoute from "~/routes/admin.audit";
import * as caseFileRoute from "~/routes/cases.$reference.case-file";
import * as caseRoute from "~/routes/cases.$reference/route";
import * as statementRoute from "~/routes/statements.$id";
import * as evidenceRoute from "~/routes/evidence.$id";
import * as hrAccountRoute from "~/routes/hr.accounts.$id";
import * as hrCasesRoute from "~/routes/hr.cases";
import * as hrCsvRoute from "~/routes/hr.cases.csv";
import * as hrContactRoute from "~/routes/hr.contacts.$id";
import * as hrEmployeeRoute from "~/routes/hr.employees.$id";
import * as hrVerifyRoute from "~/routes/hr.verify";
// People and teams (org)
import * as personRoute from "~/routes/admin.people.$id";
import * as peopleRoute from "~/routes/admin.people._index";
import * as peopleImportRoute from "~/routes/admin.people.import";
import * as newPersonRoute from "~/routes/admin.people.new";
import * as teamRoute from "~/routes/admin.teams.$id";
import * as teamsRoute from "~/routes/admin.teams._index";
import * as newTeamRoute from "~/routes/admin.teams.new";
import * as reportRoute from "~/routes/reports.$reference";
import * as casePeopleRoute from "~/routes/resources.case-people";
// Integrations
import * as integrationsRoute from "~/routes/admin.integrations";
// Webhooks
import { createWebhookEndpoint } from "~/models/webhook.server";
import * as webhookRoute from "~/routes/admin.webhooks.$id";
import * as webhooksRoute from "~/routes/admin.webhooks._index";
// Retention, legal hold and data rights (compliance)
import * as retentionRoute from "~/routes/admin.retention";
import * as bundlesRoute from "~/routes/hr.bundles";
import * as bundlesDownloadRoute from "~/routes/hr.bundles.download";
import * as dataRightsExportRoute from "~/routes/hr.data-rights.export";
import * as dataRightsRoute from "~/routes/hr.data-rights";
import * as holdsRoute from "~/routes/hr.holds";
// Jurisdiction templates and regulator records (compliance2)
import * as jurisdictionRoute from "~/routes/admin.jurisdiction";
import * as recordsRoute from "~/routes/hr.records._index";
import * as recordsDownloadRoute from "~/routes/hr.records.download";
import * as oshaRoute from "~/routes/hr.records.osha";
import * as ownAccountRoute from "~/routes/account";
import * as ownPasswordRoute from "~/routes/account_.password";
import * as ownTwoFactorRoute from "~/routes/account_.two-factor";
import * as offlinePageRoute from "~/routes/offline[.]html";
import * as forgotPasswordRoute from "~/routes/login_.forgot";
import { evidenceDir } from "~/utils/evidence-storage.server";
import { call, getRequest, loginCookie, postRequest, type Answer } from "../fixtures/http";
import { TEST_APP_URL } from "../fixtures/database";
import { PDF_BYTES } from "../fixtures/evidence-files";
import { fileThreatReport, orgForThisFile, RETENTION_FORM } from "../fixtures/org";

// The access rules as one table: every actor × every resource × every action, through the real
// loaders and actions. Denied is 404 (anonymous: the login redirect, or 401 for a POST) and the
// answer holds nothing of the report; an allowed answer holds only what the actor may see.

const NARRATIVE = "Matrix narrative: the customer said he would wait for me outside the office.";
const NOTE = "Matrix private note: checked the call recording.";
const ARR = "1,200,000"; // the account's ARR as the case page formats it

const ACTORS = [
  "anonymous",
  "reporter",
  "teamColleague",
  "otherTeamEmployee",
  "teamManager",
  "otherTeamManager",
  "headOfDepartment",
  "namedManager",
  "hr",
  "namedHr",
  "leadership",
  "escalatedLeadership",
  "admin",
] as const;
type Actor = (typeof ACTORS)[number];

const HANDLERS: Actor[] = ["teamManager", "hr", "escalatedLeadership"];

// Pages gated by role alone expect exactly the actors whose role the capability table allows
// (app/domain/permissions.ts): the matrix and the routes read the same table.
const ROLE_OF: Record<Exclude<Actor, "anonymous">, Role> = {
  reporter: "EMPLOYEE",
  teamColleague: "EMPLOYEE",
  otherTeamEmployee: "EMPLOYEE",
  teamManager: "MANAGER",
  otherTeamManager: "MANAGER",
  headOfDepartment: "MANAGER",
  namedManager: "MANAGER",
  hr: "HR",
  namedHr: "HR",
  leadership: "LEADERSHIP",
  escalatedLeadership: "LEADERSHIP",
  admin: "ADMIN",
};
const actorsWith = (capability: Capability): Actor[] =>
  ACTORS.filter((a) => a !== "anonymous" && can(ROLE_OF[a], capability));
const HR_ANY: Actor[] = ["hr", "namedHr"];
const SIGNED_IN: Actor[] = ACTORS.filter((a) => a !== "anonymous");

const { db, org } = await orgForThisFile("pm");
let reference: string;
let incidentId: string;
let evidenceId: string;
let actionId: string;
let contactId: string;
let statementId: string;
const people = {} as Record<Exclude<Actor, "anonymous">, { id: string; email: string }>;
const cookies = new Map<Actor, string | undefined>();

beforeAll(async () => {
  const extra = async (name: string, role: string) =>
    db.user.create({
      data: {
        name,
        role,
        email: `pm.${name.toLowerCase().replace(/\s+/g, ".")}@test.example`,
        passwordHash: (await db.user.findUniqueOrThrow({ where: { id: org.hr.id } })).passwordHash,
        managerId: org.headOf.id,
      },
      select: { id: true, email: true },
    });
  const namedManager = await extra("Nora Named", "MANAGER");
  const escalatedLeadership = await extra("Leo Escalated", "LEADERSHIP");
  Object.assign(people, {
    reporter: org.employeeA,
    teamColleague: org.colleagueA,
    otherTeamEmployee: org.employeeB,
    teamManager: org.managerA,
    otherTeamManager: org.managerB,
    headOfDepartment: org.headOf,
    namedManager,
    hr: org.hr,
    namedHr: org.hr2,
    leadership: org.leadership,
    escalatedLeadership,
    admin: org.admin,
  });
  contactId = org.contact.id;
  const created = await fileThreatReport(db, org, {
    narrative: NARRATIVE,
    contactIds: [contactId],
    namedUserIds: [namedManager.id, org.hr2.id],
    // (casepage) support asked for, and a witness who is asked for a statement.
    supportKinds: ["TIME_OFF", "OFF_ACCOUNT"],
    witnessIds: [org.employeeB.id],
  });
  reference = created.reference;
  incidentId = created.id;
  statementId = (
    await requestWitnessStatement(db, {
      incidentId,
      actorId: org.managerA.id,
      witnessId: org.employeeB.id,
    })
  ).id;
  // Escalated to leadership, and (so the named rule must win) to the named manager as well.
  for (const userId of [escalatedLeadership.id, namedManager.id]) {
    await db.incidentParticipant.upsert({
      where: { incidentId_userId: { incidentId, userId } },
      create: { incidentId, userId, role: "ESCALATION" },
      update: {},
    });
  }
  await assessIncident(db, {
    incidentId,
    actorId: org.managerA.id,
    severity: "HIGH",
    categories: ["THREATS"],
  });
  await addCaseNote(db, { incidentId, actorId: org.managerA.id, text: NOTE });
  actionId = (
    await recordSanction(db, { incidentId, actorId: org.managerA.id, type: "WRITTEN_WARNING" })
  ).id;
  const storedName = randomUUID();
  await mkdir(evidenceDir(), { recursive: true });
  await writeFile(path.join(evidenceDir(), storedName), "matrix evidence bytes");
  evidenceId = (
    await db.evidence.create({
      data: {
        incidentId,
        fileName: "matrix.txt",
        storedName,
        mimeType: "text/plain",
        sizeBytes: 21,
        sha256: "0".repeat(64),
        uploadedById: org.employeeA.id,
      },
    })
  ).id;
  cookies.set("anonymous", undefined);
  for (const actor of ACTORS) {
    if (actor !== "anonymous") cookies.set(actor, await loginCookie(people[actor].email));
  }
});

type Fn = Parameters<typeof call>[0];
type Check = {
  resource: string;
  action: string;
  method: "GET" | "POST";
  fn: () => Fn;
  path: () => string;
  params: () => Record<string, string>;
  fields?: () => Record<string, string | string[]>;
  /** A file to send with the fields, as a multipart form. */
  file?: { name: string; bytes: Uint8Array; type: string };
  allowed: readonly Actor[];
  /** What an allowed answer must show (per actor), and must never show. */
  shows?: (actor: Actor) => string[];
  hides?: (actor: Actor) => string[];
  /**
   * How a signed-in person without access is answered when not 404: a download route sends
   * them back to its form with the same "no such case" message a wrong reference gets.
   */
  refusedWith?: { actors: Actor[]; status: number; location: RegExp };
};

const casePage = (extra: Partial<Check> & Pick<Check, "resource" | "action">): Check => ({
  method: "GET",
  fn: () => caseRoute.loader as Fn,
  path: () => `/cases/${reference}`,
  params: () => ({ reference }),
  allowed: HANDLERS,
  ...extra,
});

const caseAction = (action: string, fields: () => Record<string, string | string[]>): Check => ({
  resource: "case",
  action: `POST ${action}`,
  method: "POST",
  fn: () => caseRoute.action as Fn,
  path: () => `/cases/${reference}`,
  params: () => ({ reference }),
  fields,
  allowed: HANDLERS,
});

const hrGet = (
  resource: string,
  action: string,
  fn: () => Fn,
  p: () => string,
  params: () => Record<string, string>,
  opts: Partial<Check> = {},
): Check => ({
  resource,
  action,
  method: "GET",
  fn,
  path: p,
  params,
  allowed: HR_ANY,
  // HR named in the report sees the page, never the report.
  shows: (a) => (a === "hr" ? [reference] : []),
  hides: (a) => (a === "namedHr" ? [reference, NARRATIVE] : []),
  ...opts,
});

// ---------------------------------------------------------------------------------------------
// People and teams (org): admins edit, HR reads, nobody else learns the pages exist.
const ADMIN_HR: Actor[] = actorsWith("people:view");
let orgSerial = 0;
const orgGet = (
  action: string,
  fn: () => Fn,
  p: () => string,
  allowed: Actor[],
  params = () => ({}),
): Check => ({
  resource: "people and teams",
  action,
  method: "GET",
  fn,
  path: p,
  params,
  allowed,
  hides: () => [NARRATIVE, NOTE],
});
const orgPost = (
  action: string,
  fn: () => Fn,
  p: () => string,
  fields: () => Record<string, string>,
  params: () => Record<string, string> = () => ({}),
): Check => ({
  resource: "people and teams",
  action,
  method: "POST",
  fn,
  path: p,
  params,
  fields,
  allowed: ["admin"],
});
const employeeBForm = () => ({
  name: org.employeeB.name,
  email: org.employeeB.email,
  role: "EMPLOYEE",
  teamId: org.teamB.id,
  managerRef: org.managerB.email,
  timeZone: "Europe/London",
  language: "en",
  active: "on",
});
const ORG_CHECKS: Check[] = [
  orgGet(
    "GET people",
    () => peopleRoute.loader as Fn,
    () => "/admin/people",
    ADMIN_HR,
  ),
  orgGet(
    "GET new person",
    () => newPersonRoute.loader as Fn,
    () => "/admin/people/new",
    ["admin"],
  ),
  orgPost(
    "POST new person",
    () => newPersonRoute.action as Fn,
    () => "/admin/people/new",
    () => ({
      name: "Matrix Newcomer",
      email: `pm.newcomer${++orgSerial}@test.example`,
      role: "EMPLOYEE",
      timeZone: "Europe/London",
      language: "en",
      active: "on",
    }),
  ),
  orgGet(
    "GET person",
    () => personRoute.loader as Fn,
    () => `/admin/people/${org.employeeB.id}`,
    ADMIN_HR,
    () => ({ id: org.employeeB.id }),
  ),
  orgPost(
    "POST save person",
    () => personRoute.action as Fn,
    () => `/admin/people/${org.employeeB.id}`,
    employeeBForm,
    () => ({ id: org.employeeB.id }),
  ),
  orgPost(
    "POST new invitation",
    () => personRoute.action as Fn,
    () => `/admin/people/${org.employeeB.id}`,
    () => ({ intent: "reinvite" }),
    () => ({ id: org.employeeB.id }),
  ),
  orgGet(
    "GET teams",
    () => teamsRoute.loader as Fn,
    () => "/admin/teams",
    ADMIN_HR,
  ),
  orgGet(
    "GET new team",
    () => newTeamRoute.loader as Fn,
    () => "/admin/teams/new",
    ["admin"],
  ),
  orgPost(
    "POST new team",
    () => newTeamRoute.action as Fn,
    () => "/admin/teams/new",
    () => ({
      name: `pm Matrix team ${++orgSerial}`,
    }),
  ),
  orgGet(
    "GET team",
    () => teamRoute.loader as Fn,
    () => `/admin/teams/${org.teamB.id}`,
    ADMIN_HR,
    () => ({ id: org.teamB.id }),
  ),
  orgPost(
    "POST save team",
    () => teamRoute.action as Fn,
    () => `/admin/teams/${org.teamB.id}`,
    () => ({ name: "pm Team B", managerRef: org.managerB.email }),
    () => ({ id: org.teamB.id }),
  ),
  orgGet(
    "GET people import",
    () => peopleImportRoute.loader as Fn,
    () => "/admin/people/import",
    ["admin"],
  ),
  orgPost(
    "POST people import",
    () => peopleImportRoute.action as Fn,
    () => "/admin/people/import",
    () => ({
      intent: "confirm",
      csv: "employee_id,email,name\nPM1,pm.imported@test.example,Pat Imported\n",
    }),
  ),
];
// ---------------------------------------------------------------------------------------------
// Retention, legal hold and data rights (compliance): HR places holds and exports, admins set
// retention. An allowed POST changes state, so each actor's call gets its own hold to release
// and its own person to erase (fields() runs once per actor).
const releasable: string[] = [];
const erasable: string[] = [];
let releaseSerial = 0;
let eraseSerial = 0;
beforeAll(async () => {
  for (const actor of ACTORS) {
    const hold = await db.legalHold.create({
      data: {
        scope: "EMPLOYEE",
        userId: org.employeeB.id,
        matter: `Matrix matter ${actor}`,
        reason: "Matrix hold",
        placedById: org.hr.id,
        placedAt: new Date(),
      },
    });
    releasable.push(hold.id);
    const leaver = await db.user.create({
      data: {
        name: `Matrix Leaver ${actor}`,
        email: `pm.leaver.${actor.toLowerCase()}@test.example`,
        role: "EMPLOYEE",
      },
    });
    erasable.push(leaver.email);
  }
});
const compliance = (
  action: string,
  fn: () => Fn,
  p: string,
  allowed: Actor[],
  fields?: () => Record<string, string>,
  extra: Partial<Check> = {},
): Check => ({
  resource: "retention and legal hold",
  action,
  method: fields ? "POST" : "GET",
  fn,
  path: () => p,
  params: () => ({}),
  ...(fields ? { fields } : {}),
  allowed,
  hides: () => [NARRATIVE, NOTE],
  ...extra,
});
const retentionFields = () => ({ ...RETENTION_FORM });
const COMPLIANCE_CHECKS: Check[] = [
  compliance("GET legal holds", () => holdsRoute.loader as Fn, "/hr/holds", HR_ANY),
  compliance(
    "POST place hold",
    () => holdsRoute.action as Fn,
    "/hr/holds",
    HR_ANY,
    () => ({
      intent: "place",
      scope: "EMPLOYEE",
      target: org.employeeB.email,
      matter: "Matrix placed matter",
      reason: "Matrix reason for a hold",
    }),
  ),
  compliance(
    "POST release hold",
    () => holdsRoute.action as Fn,
    "/hr/holds",
    HR_ANY,
    () => ({
      intent: "release",
      holdId: releasable[releaseSerial++ % releasable.length],
      releaseReason: "Matrix release reason",
    }),
  ),
  compliance(
    "GET retention",
    () => retentionRoute.loader as Fn,
    "/admin/retention",
    actorsWith("settings:manage"),
  ),
  compliance(
    "POST retention rules",
    () => retentionRoute.action as Fn,
    "/admin/retention",
    ["admin"],
    retentionFields,
  ),
  compliance("GET investigator bundles", () => bundlesRoute.loader as Fn, "/hr/bundles", HR_ANY),
  compliance(
    "POST investigator bundle",
    () => bundlesRoute.action as Fn,
    "/hr/bundles",
    // HR named in the case gets the 404 anyone gets for a case they may not see.
    ["hr"],
    () => ({ reference }),
    { shows: () => ["ustar", "verify.mjs"], hides: () => [] },
  ),
  // The download buttons post to resource routes that run the same rules.
  compliance(
    "POST investigator bundle (download route)",
    () => bundlesDownloadRoute.action as Fn,
    "/hr/bundles/download",
    ["hr"],
    () => ({ reference }),
    {
      shows: () => ["ustar", "verify.mjs"],
      hides: () => [],
      // Others without the capability get the usual 404 before the action runs.
      refusedWith: {
        actors: ["namedHr"],
        status: 303,
        location: /^\/hr\/bundles\?problem=There\+is\+no\+case/,
      },
    },
  ),
  compliance("GET data rights", () => dataRightsRoute.loader as Fn, "/hr/data-rights", HR_ANY),
  compliance(
    "POST data export (download route)",
    () => dataRightsExportRoute.action as Fn,
    "/hr/data-rights/export",
    HR_ANY,
    () => ({ email: org.employeeB.email, intent: "export" }),
    { shows: () => [org.employeeB.email] },
  ),
  compliance(
    "POST data export",
    () => dataRightsRoute.action as Fn,
    "/hr/data-rights",
    HR_ANY,
    () => ({ email: org.employeeB.email, intent: "export" }),
    { shows: () => [org.employeeB.email] },
  ),
  compliance(
    "POST erasure",
    () => dataRightsRoute.action as Fn,
    "/hr/data-rights",
    HR_ANY,
    () => ({ email: erasable[eraseSerial++ % erasable.length], intent: "erase", confirm: "yes" }),
  ),
];
// ---- end of retention, legal hold and data rights
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Integrations: only admins see and manage API tokens (what each token may do through the
// API and SCIM is in tests/integration/api-permissions.test.ts).
const INTEGRATIONS_CHECKS: Check[] = [
  {
    resource: "integrations",
    action: "GET API tokens",
    method: "GET",
    fn: () => integrationsRoute.loader as Fn,
    path: () => "/admin/integrations",
    params: () => ({}),
    allowed: ["admin"],
    hides: () => [NARRATIVE, NOTE],
  },
  {
    resource: "integrations",
    action: "POST create token",
    method: "POST",
    fn: () => integrationsRoute.action as Fn,
    path: () => "/admin/integrations",
    params: () => ({}),
    fields: () => ({
      intent: "create",
      name: "Matrix CRM",
      scopes: "accounts:read",
      lifetime: "30",
    }),
    allowed: ["admin"],
  },
];
// ---------------------------------------------------------------------------------------------
// ---- Webhooks (integrations): only admins see, register and manage endpoints and their log.
const webhookFixture = { id: "", secret: "" };
beforeAll(async () => {
  const endpoint = await createWebhookEndpoint(db, org.admin.id, {
    url: "https://hooks.example.com/matrix",
    events: ["case.resolved"],
  });
  Object.assign(webhookFixture, { id: endpoint.id, secret: endpoint.secret });
});
const WEBHOOK_CHECKS: Check[] = [
  {
    resource: "webhooks",
    action: "GET endpoints and delivery log",
    method: "GET",
    fn: () => webhooksRoute.loader as Fn,
    path: () => "/admin/webhooks",
    params: () => ({}),
    allowed: ["admin"],
    shows: () => ["https://hooks.example.com/matrix"],
    hides: () => [NARRATIVE, NOTE, webhookFixture.secret],
  },
  {
    resource: "webhooks",
    action: "POST register endpoint",
    method: "POST",
    fn: () => webhooksRoute.action as Fn,
    path: () => "/admin/webhooks",
    params: () => ({}),
    fields: () => ({
      intent: "create",
      url: "https://hooks.example.com/matrix-new",
      events: ["case.resolved"],
    }),
    allowed: ["admin"],
  },
  {
    resource: "webhook",
    action: "GET one endpoint",
    method: "GET",
    fn: () => webhookRoute.loader as Fn,
    path: () => `/admin/webhooks/${webhookFixture.id}`,
    params: () => ({ id: webhookFixture.id }),
    allowed: ["admin"],
    // The secret is shown once, at registration, never again.
    hides: () => [webhookFixture.secret],
  },
  {
    resource: "webhook",
    action: "POST save",
    method: "POST",
    fn: () => webhookRoute.action as Fn,
    path: () => `/admin/webhooks/${webhookFixture.id}`,
    params: () => ({ id: webhookFixture.id }),
    fields: () => ({
      intent: "save",
      url: "https://hooks.example.com/matrix",
      events: ["case.resolved", "incident.filed"],
      active: "on",
    }),
    allowed: ["admin"],
  },
  {
    resource: "webhook",
    action: "POST send a test event",
    method: "POST",
    fn: () => webhookRoute.action as Fn,
    path: () => `/admin/webhooks/${webhookFixture.id}`,
    params: () => ({ id: webhookFixture.id }),
    fields: () => ({ intent: "test" }),
    allowed: ["admin"],
  },
];
// ---- end of webhooks
// ---------------------------------------------------------------------------------------------
// ---- Approvals of decisions on accounts (handling) ----
// Decisions need an approver from leadership or HR who is none of the actors below, and a
// pending proposal on the account (not on the case: refusals must leave the case untouched)
// that names leadership as its approver. Only that approver may answer it.
const approvals = { approverId: "", forLeadership: "" };
beforeAll(async () => {
  const hash = (await db.user.findUniqueOrThrow({ where: { id: org.hr.id } })).passwordHash;
  approvals.approverId = (
    await db.user.create({
      data: {
        name: "Abe Approver",
        role: "HR",
        email: "pm.abe.approver@test.example",
        passwordHash: hash,
      },
      select: { id: true },
    })
  ).id;
  approvals.forLeadership = (
    await db.decision.create({
      data: {
        accountId: org.account.id,
        decision: "SUSPEND",
        rationale: "Matrix proposal",
        decidedById: org.hr.id,
        approverId: org.leadership.id,
        status: "PROPOSED",
      },
      select: { id: true },
    })
  ).id;
});
const APPROVERS: Actor[] = actorsWith("decisions:approve");
const HANDLING_CHECKS: Check[] = [
  {
    resource: "approvals",
    action: "GET approvals page",
    method: "GET",
    fn: () => approvalsRoute.loader as Fn,
    path: () => "/approvals",
    params: () => ({}),
    allowed: APPROVERS,
  },
  {
    resource: "approvals",
    action: "POST answer to a proposal naming leadership",
    method: "POST",
    fn: () => approvalsRoute.action as Fn,
    path: () => "/approvals",
    params: () => ({}),
    fields: () => ({
      decisionId: approvals.forLeadership,
      answer: "reject",
      comment: "Matrix rejection",
    }),
    allowed: ["leadership"],
  },
  {
    resource: "approvals",
    action: "POST answer to an unknown proposal",
    method: "POST",
    fn: () => approvalsRoute.action as Fn,
    path: () => "/approvals",
    params: () => ({}),
    fields: () => ({ decisionId: "no-such-decision", answer: "approve", comment: "" }),
    allowed: [],
  },
  {
    resource: "critical guidance",
    action: "GET admin guidance page",
    method: "GET",
    fn: () => guidanceRoute.loader as Fn,
    path: () => "/admin/critical-guidance",
    params: () => ({}),
    allowed: ["admin"],
  },
  {
    resource: "critical guidance",
    action: "POST admin guidance",
    method: "POST",
    fn: () => guidanceRoute.action as Fn,
    path: () => "/admin/critical-guidance",
    params: () => ({}),
    fields: () => ({ guidance: "Security desk: extension 4400." }),
    allowed: ["admin"],
  },
];
// ---- end of approvals

// ---------------------------------------------------------------------------------------------
// ---- Jurisdiction templates and regulator records (compliance2) ----
// Admins apply templates and edit the categories; HR downloads the records and marks cases
// recordable. HR named in the matrix case may download, but the case is left out of what they
// get, and marking it recordable is the 404 of a case they may not see.
const recordsRange = () => {
  const today = new Date();
  const from = new Date(today.getTime() - 30 * 24 * 3600_000);
  return { from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
};
const records = (
  action: string,
  fn: () => Fn,
  p: string,
  allowed: Actor[],
  fields?: () => Record<string, string | string[]>,
  extra: Partial<Check> = {},
): Check => ({
  resource: "regulator records and jurisdiction",
  action,
  method: fields ? "POST" : "GET",
  fn,
  path: () => p,
  params: () => ({}),
  ...(fields ? { fields } : {}),
  allowed,
  hides: () => [NARRATIVE, NOTE],
  ...extra,
});
const RECORDS_CHECKS: Check[] = [
  records("GET records", () => recordsRoute.loader as Fn, "/hr/records", HR_ANY),
  records(
    "POST SB 553 log (CSV)",
    () => recordsDownloadRoute.action as Fn,
    "/hr/records/download",
    HR_ANY,
    () => ({ intent: "sb553", format: "CSV", ...recordsRange() }),
    {
      shows: (a) => (a === "hr" ? ["violence_type", reference] : ["violence_type"]),
      hides: (a) =>
        a === "namedHr" ? [reference, NARRATIVE, NOTE] : [NARRATIVE, NOTE, "Matrix", "pm."],
    },
  ),
  records(
    "POST SB 553 log (PDF)",
    () => recordsDownloadRoute.action as Fn,
    "/hr/records/download",
    HR_ANY,
    () => ({ intent: "sb553", format: "PDF", ...recordsRange() }),
    { shows: () => ["%PDF"] },
  ),
  records(
    "POST OSHA 300 log",
    () => recordsDownloadRoute.action as Fn,
    "/hr/records/download",
    HR_ANY,
    () => ({ intent: "osha", kind: "300", year: String(new Date().getUTCFullYear()) }),
    { shows: () => ["case_no"] },
  ),
  records(
    "POST evidence pack",
    () => recordsDownloadRoute.action as Fn,
    "/hr/records/download",
    HR_ANY,
    () => ({ intent: "pack", account: org.account.name, ...recordsRange() }),
    { shows: () => ["%PDF"] },
  ),
  records("GET OSHA recordable cases", () => oshaRoute.loader as Fn, "/hr/records/osha", HR_ANY),
  records(
    "POST mark recordable",
    () => oshaRoute.action as Fn,
    "/hr/records/osha",
    ["hr"],
    () => ({
      reference,
      jobTitle: "Account manager",
      location: "Head office, reception",
      injuryDescription: "Bruised arm",
      whatHappened: "Matrix: the customer grabbed the employee's arm.",
      classification: "OTHER_RECORDABLE",
      injuryType: "INJURY",
    }),
  ),
  records(
    "GET jurisdiction templates",
    () => jurisdictionRoute.loader as Fn,
    "/admin/jurisdiction",
    ["admin"],
  ),
  records(
    "POST apply template",
    () => jurisdictionRoute.action as Fn,
    "/admin/jurisdiction",
    ["admin"],
    () => ({ template: "EU_WHISTLEBLOWING" }),
  ),
  records(
    "POST jurisdiction categories",
    () => jurisdictionRoute.action as Fn,
    "/admin/jurisdiction",
    ["admin"],
    () => ({
      intent: "categories",
      hrCategories: [
        "THREATS",
        "SEXUAL_HARASSMENT",
        "DISCRIMINATORY_REMARKS",
        "PHYSICAL_AGGRESSION",
      ],
      violenceCategories: ["THREATS", "PHYSICAL_AGGRESSION"],
    }),
  ),
];
// ---- end of jurisdiction templates and regulator records
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// ---- Case page pickers (pickers): /resources/case-people answers only those who may act on
// the case, and never lists the reporter or anyone named in it (decision 125).
const casePeople = (pick: string, q: string, shows: string[], hides: string[]): Check => ({
  resource: "case people picker",
  action: `GET for=${pick} q=${q}`,
  method: "GET",
  fn: () => casePeopleRoute.loader as Fn,
  path: () => `/resources/case-people?reference=${reference}&for=${pick}&q=${q}`,
  params: () => ({}),
  allowed: HANDLERS,
  shows: () => shows,
  hides: () => [...hides, "Erin Employee", NARRATIVE],
});
const PICKER_CHECKS: Check[] = [
  casePeople("handler", "a", ["Max Manager", "Hana HR"], ["Hal HR", "Nora Named", "Lena Lead"]),
  casePeople("owner", "n", ["Max Manager", "Lena Lead"], ["Nora Named"]),
  casePeople("approver", "l", ["Lena Lead"], ["Hal HR", "Max Manager", "Nora Named"]),
  {
    resource: "case people picker",
    action: "GET unknown reference",
    method: "GET",
    fn: () => casePeopleRoute.loader as Fn,
    path: () => `/resources/case-people?reference=INC-1999-9999&for=owner&q=a`,
    params: () => ({}),
    allowed: [],
  },
];
// ---- end of case page pickers
// ---------------------------------------------------------------------------------------------

const CHECKS: Check[] = [
  {
    resource: "report",
    action: "GET reporter view",
    method: "GET",
    fn: () => reportRoute.loader as Fn,
    path: () => `/reports/${reference}`,
    params: () => ({ reference }),
    allowed: ["reporter"],
    shows: () => [NARRATIVE],
    hides: () => [NOTE],
  },
  casePage({ resource: "report", action: "GET case page", shows: () => [NARRATIVE, reference] }),
  casePage({ resource: "notes", action: "GET notes", shows: () => [NOTE] }),
  casePage({ resource: "timeline", action: "GET timeline", shows: () => ["Harm assessed"] }),
  casePage({ resource: "account figures", action: "GET on case page", shows: () => [ARR] }),
  casePage({
    resource: "report",
    action: "GET unknown reference",
    path: () => `/cases/INC-1999-9999`,
    params: () => ({ reference: "INC-1999-9999" }),
    allowed: [],
  }),
  {
    resource: "evidence",
    action: "GET download",
    method: "GET",
    fn: () => evidenceRoute.loader as Fn,
    path: () => `/evidence/${evidenceId}`,
    params: () => ({ id: evidenceId }),
    allowed: ["reporter", ...HANDLERS],
    shows: () => ["matrix evidence bytes"],
  },
  {
    resource: "evidence",
    action: "GET unknown file",
    method: "GET",
    fn: () => evidenceRoute.loader as Fn,
    path: () => `/evidence/nope`,
    params: () => ({ id: "nope" }),
    allowed: [],
  },
  {
    resource: "account figures",
    action: "GET unknown account history",
    method: "GET",
    fn: () => hrAccountRoute.loader as Fn,
    path: () => `/hr/accounts/nope`,
    params: () => ({ id: "nope" }),
    allowed: [],
  },
  hrGet(
    "audit/verify",
    "GET verify case",
    () => hrVerifyRoute.loader as Fn,
    () => `/hr/verify?reference=${reference}`,
    () => ({}),
    { allowed: ["hr"] },
  ),
  hrGet(
    "audit/verify",
    "GET verify all",
    () => hrVerifyRoute.loader as Fn,
    () => `/hr/verify?all=1`,
    () => ({}),
    { shows: () => [] },
  ),
  hrGet(
    "audit/verify",
    "GET histories search",
    () => hrCasesRoute.loader as Fn,
    () => `/hr/cases`,
    () => ({}),
  ),
  hrGet(
    "audit/verify",
    "GET employee history",
    () => hrEmployeeRoute.loader as Fn,
    () => `/hr/employees/${people.reporter.id}`,
    () => ({ id: people.reporter.id }),
  ),
  hrGet(
    "audit/verify",
    "GET contact history",
    () => hrContactRoute.loader as Fn,
    () => `/hr/contacts/${contactId}`,
    () => ({ id: contactId }),
  ),
  hrGet(
    "account figures",
    "GET account history",
    () => hrAccountRoute.loader as Fn,
    () => `/hr/accounts/${org.account.id}`,
    () => ({ id: org.account.id }),
    {
      shows: (a) => (a === "hr" ? [reference, "1,200,000"] : ["1,200,000"]),
    },
  ),
  {
    resource: "admin",
    action: "GET admin",
    method: "GET",
    fn: () => adminRoute.loader as Fn,
    path: () => `/admin`,
    params: () => ({}),
    allowed: actorsWith("settings:manage"),
    hides: () => [NARRATIVE, NOTE],
  },
  {
    resource: "admin",
    action: "GET settings history",
    method: "GET",
    fn: () => auditRoute.loader as Fn,
    path: () => `/admin/audit`,
    params: () => ({}),
    allowed: actorsWith("settings:view"),
    hides: () => [NARRATIVE, NOTE],
  },
  {
    resource: "report",
    action: "POST reporter message",
    method: "POST",
    fn: () => reportRoute.action as Fn,
    path: () => `/reports/${reference}`,
    params: () => ({ reference }),
    fields: () => ({ intent: "message", body: "A message from the reporter." }),
    allowed: ["reporter"],
  },
  {
    resource: "evidence",
    action: "POST add to a sent report",
    method: "POST",
    fn: () => reportRoute.action as Fn,
    path: () => `/reports/${reference}`,
    params: () => ({ reference }),
    fields: () => ({ intent: "evidence" }),
    file: { name: "later.pdf", bytes: PDF_BYTES, type: "application/pdf" },
    allowed: ["reporter"],
  },
  {
    resource: "account figures",
    action: "POST decision from the account page",
    method: "POST",
    fn: () => accountRoute.action as Fn,
    path: () => `/accounts/${org.account.id}`,
    params: () => ({ id: org.account.id }),
    fields: () => ({
      intent: "decide",
      decision: "KEEP",
      rationale: "Matrix decision on the account",
      approverId: approvals.approverId,
      consulted: "yes",
    }),
    allowed: actorsWith("account:decide"),
  },
  caseAction("acknowledge", () => ({ intent: "acknowledge" })),
  caseAction("assess", () => ({ intent: "assess", severity: "HIGH", categories: ["THREATS"] })),
  caseAction("note", () => ({ intent: "note", text: "Another private note" })),
  caseAction("update", () => ({ intent: "update", text: "We are on it." })),
  caseAction("message", () => ({ intent: "message", body: "A message from the case page." })),
  caseAction("protect", () => ({ intent: "protect", measure: "DEBRIEF" })),
  caseAction("sanction", () => ({ intent: "sanction", sanction: "RECORD_FACTS" })),
  caseAction("no action", () => ({ intent: "sanction", sanction: "NO_ACTION", reason: "Test" })),
  caseAction("reassign", () => ({
    intent: "reassign",
    toUserId: org.managerA.id,
    reason: "Keep it where it is",
  })),
  caseAction("action status", () => ({
    intent: "action-status",
    actionId,
    status: "IN_PROGRESS",
    outcome: "Letter drafted",
  })),
  caseAction("decide", () => ({
    intent: "decide",
    decision: "KEEP",
    rationale: "Matrix decision",
    approverId: approvals.approverId,
    consulted: "yes",
  })),
  // ---- Case page (casepage): support answers, witness statements. The witness is the
  // other team's employee; the page shows them only their own request.
  caseAction("arrange support", () => ({
    intent: "support-answer",
    kind: "TIME_OFF",
    answer: "ARRANGED",
  })),
  caseAction("decline support", () => ({
    intent: "support-answer",
    kind: "OFF_ACCOUNT",
    answer: "DECLINED",
    reason: "Nobody else knows this account yet",
  })),
  caseAction("ask a witness", () => ({ intent: "witness-request", witnessId: org.employeeB.id })),
  caseAction("log a view", () => ({ intent: "view" })),
  {
    resource: "witness statement",
    action: "GET own request",
    method: "GET",
    fn: () => statementRoute.loader as Fn,
    path: () => `/statements/${statementId}`,
    params: () => ({ id: statementId }),
    allowed: ["otherTeamEmployee"],
    shows: () => [reference],
    hides: () => [NARRATIVE, NOTE, org.employeeA.name, org.account.name],
  },
  {
    resource: "witness statement",
    action: "GET unknown request",
    method: "GET",
    fn: () => statementRoute.loader as Fn,
    path: () => "/statements/nope0000000",
    params: () => ({ id: "nope0000000" }),
    allowed: [],
  },
  {
    resource: "witness statement",
    action: "POST statement",
    method: "POST",
    fn: () => statementRoute.action as Fn,
    path: () => `/statements/${statementId}`,
    params: () => ({ id: statementId }),
    fields: () => ({ statement: "I heard the customer raise his voice on the call." }),
    allowed: ["otherTeamEmployee"],
    hides: () => [NARRATIVE, NOTE],
  },
  // ---- end of case page (casepage)
  caseAction("resolve", () => ({ intent: "resolve", outcome: "SUBSTANTIATED" })),
  caseAction("reopen", () => ({ intent: "reopen", reason: "Matrix reopen" })),
  caseAction("update again", () => ({ intent: "update", text: "Still on it." })),

  // ── Exports are POSTs (they write EXPORTED events); a GET is 405 for everyone, tested in
  // hr-review.test.ts. ──
  {
    resource: "exports",
    action: "POST case file of unknown reference",
    method: "POST",
    fn: () => caseFileRoute.action as Fn,
    path: () => `/cases/INC-1999-9999/case-file`,
    params: () => ({ reference: "INC-1999-9999" }),
    fields: () => ({}),
    allowed: [],
  },
  {
    resource: "exports",
    action: "POST case file PDF",
    method: "POST",
    fn: () => caseFileRoute.action as Fn,
    path: () => `/cases/${reference}/case-file`,
    params: () => ({ reference }),
    fields: () => ({}),
    allowed: ["hr"],
    shows: () => ["%PDF-"],
  },
  {
    ...hrGet(
      "exports",
      "POST case list CSV",
      () => hrCsvRoute.action as Fn,
      () => `/hr/cases/csv`,
      () => ({}),
    ),
    method: "POST",
    fields: () => ({}),
  },
  // ── end of exports ──

  // ---- Sign-in and account pages (auth): every signed-in person manages their own account;
  // "forgot password" is open to anyone and answers the same whoever asks.
  {
    resource: "own account",
    action: "GET overview",
    method: "GET",
    fn: () => ownAccountRoute.loader as Fn,
    path: () => "/account",
    params: () => ({}),
    allowed: SIGNED_IN,
    shows: (a) => (a === "anonymous" ? [] : [people[a].email]),
    hides: () => [NARRATIVE],
  },
  {
    resource: "own account",
    action: "GET change password",
    method: "GET",
    fn: () => ownPasswordRoute.loader as Fn,
    path: () => "/account/password",
    params: () => ({}),
    allowed: SIGNED_IN,
  },
  {
    resource: "own account",
    action: "GET two-step setup",
    method: "GET",
    fn: () => ownTwoFactorRoute.loader as Fn,
    path: () => "/account/two-factor",
    params: () => ({}),
    allowed: SIGNED_IN,
  },
  {
    resource: "own account",
    action: "POST new recovery codes",
    method: "POST",
    fn: () => ownTwoFactorRoute.action as Fn,
    path: () => "/account/two-factor",
    params: () => ({}),
    fields: () => ({ intent: "new-codes" }),
    allowed: SIGNED_IN,
  },
  {
    resource: "password reset",
    action: "POST forgot password",
    method: "POST",
    fn: () => forgotPasswordRoute.action as Fn,
    path: () => "/login/forgot",
    params: () => ({}),
    fields: () => ({ email: "someone@test.example" }),
    allowed: [...ACTORS],
  },
  // ---- end of sign-in and account pages

  // ---- Languages (i18n): each person sets their own language on /account, nobody else's.
  {
    resource: "own account",
    action: "POST language",
    method: "POST",
    fn: () => ownAccountRoute.action as Fn,
    path: () => "/account",
    params: () => ({}),
    fields: () => ({ language: "en" }),
    allowed: SIGNED_IN,
  },
  // ---- end of languages

  // ---- Offline page (t-auth): the "no connection" page the service worker keeps is open to
  // anyone, in the asker's language, and holds nobody's data (decision 108).
  {
    resource: "offline page",
    action: "GET no-connection page",
    method: "GET",
    fn: () => offlinePageRoute.loader as Fn,
    path: () => "/offline.html",
    params: () => ({}),
    allowed: [...ACTORS],
    shows: () => ["This page needs a connection"],
    hides: (a) => (a === "anonymous" ? [NARRATIVE] : [NARRATIVE, people[a].email]),
  },
  // ---- end of offline page
  ...ORG_CHECKS,
  ...INTEGRATIONS_CHECKS,
  ...WEBHOOK_CHECKS,
  ...HANDLING_CHECKS,
  ...COMPLIANCE_CHECKS,
  ...RECORDS_CHECKS,
  ...PICKER_CHECKS,
];

async function bodyText(answer: Answer): Promise<string> {
  return typeof answer.body === "string"
    ? answer.body
    : JSON.stringify(answer.body, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
}

function multipartRequest(
  p: string,
  fields: Record<string, string | string[]>,
  file: NonNullable<Check["file"]>,
  cookie: string | undefined,
): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
  form.append(
    "evidence",
    new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }),
  );
  const headers: Record<string, string> = { Origin: TEST_APP_URL };
  if (cookie) headers.Cookie = cookie;
  return new Request(TEST_APP_URL + p, { method: "POST", headers, body: form });
}

async function run(check: Check, actor: Actor): Promise<Answer> {
  const cookie = cookies.get(actor);
  const request =
    check.method === "GET"
      ? getRequest(check.path(), cookie)
      : check.file
        ? multipartRequest(check.path(), check.fields!(), check.file, cookie)
        : postRequest(check.path(), check.fields!(), { cookie });
  const answer = await call(check.fn(), request, check.params());
  if (
    answer.body instanceof ReadableStream ||
    answer.headers.get("Content-Type") === "application/pdf"
  ) {
    return answer;
  }
  return answer;
}

const TABLE = CHECKS.flatMap((check) =>
  ACTORS.map((actor) => ({
    actor,
    check,
    allowed: check.allowed.includes(actor),
    name: `${actor} × ${check.resource} × ${check.action}`,
  })),
);

describe("permissions matrix", () => {
  it("covers at least 400 cases", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(400);
  });

  it.each(TABLE)("$name", async ({ actor, check, allowed }) => {
    const before = await db.incident.findUniqueOrThrow({
      where: { id: incidentId },
      select: { chainLength: true },
    });
    const answer = await run(check, actor);
    const text = await bodyText(answer);
    if (allowed) {
      expect([200, 302]).toContain(answer.status);
      for (const s of check.shows?.(actor) ?? []) expect(text).toContain(s);
      for (const s of check.hides?.(actor) ?? []) expect(text).not.toContain(s);
      return;
    }
    if (actor === "anonymous") {
      if (check.method === "GET") {
        expect(answer.status).toBe(302);
        expect(answer.location).toMatch(/^\/login\?redirectTo=/);
      } else {
        expect(answer.status).toBe(401);
      }
    } else if (check.refusedWith?.actors.includes(actor)) {
      expect(answer.status).toBe(check.refusedWith.status);
      expect(answer.location).toMatch(check.refusedWith.location);
    } else {
      expect(answer.status).toBe(404);
    }
    for (const secret of [NARRATIVE, NOTE, ARR, "matrix evidence bytes", "Globex"]) {
      expect(text).not.toContain(secret);
    }
    // A refused request leaves no trace on the case (not even a view).
    const after = await db.incident.findUniqueOrThrow({
      where: { id: incidentId },
      select: { chainLength: true },
    });
    expect(after.chainLength).toBe(before.chainLength);
  });
});
