import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEOPLE_COLUMNS } from "~/domain/people-import";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { createAdmin } from "~/models/people.server";
import * as indexRoute from "~/routes/_index";
import * as personRoute from "~/routes/admin.people.$id";
import * as importRoute from "~/routes/admin.people.import";
import * as passwordRoute from "~/routes/password.$token";
import * as newReportRoute from "~/routes/reports.new";
import * as setupRoute from "~/routes/setup";
import { login } from "~/utils/auth.server";
import { getDb, type Db } from "~/utils/db.server";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { toastIn } from "../fixtures/flash-toast";
import { call, getRequest, postRequest } from "../fixtures/http";
import { TestSmtpServer } from "../fixtures/smtp";

// The "done when", from an empty database: the first admin, an import of 500 people in
// five teams, an invitation used from the captured mail, a report that reaches the manager the
// import named, and that manager's deactivation handing the case to their own manager by mail.

let db: Db;
const smtp = new TestSmtpServer();

beforeAll(async () => {
  db = await getDb();
  await smtp.start();
});
afterAll(() => smtp.stop());

/** Every due mail, however many batches that takes. */
async function deliver() {
  for (;;) {
    const r = await deliverDueNotifications(db, smtpSender(smtp.url), {
      appUrl: TEST_APP_URL,
      batchSize: 500,
    });
    if (r.sent + r.failed + r.dead === 0) return;
  }
}

function linkPathFor(email: string): string {
  const mail = [...smtp.messages].reverse().find((m) => {
    const to = Array.isArray(m.to) ? m.to : [m.to];
    return to.some((t) => t?.text.includes(email));
  });
  if (!mail) throw new Error(`no mail for ${email}`);
  const match = /https?:\/\/\S+(\/password\/[A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  if (!match) throw new Error(`no link in the mail to ${email}`);
  return match[1];
}

async function setPasswordFromMail(email: string, password: string) {
  const path = linkPathFor(email);
  const token = path.split("/").pop()!;
  const answer = await call(
    passwordRoute.action,
    postRequest(path, { password, confirm: password }),
    { token },
  );
  expect(answer.status).toBe(200);
  const result = await login(email, password);
  if (!result.ok) throw new Error(`cannot sign in as ${email}`);
  return result.cookie.split(";")[0];
}

/** Five teams of 99 under five managers, who report to a head of operations, plus HR. */
function orgCsv(): string {
  const rows: Record<string, string>[] = [
    { employee_id: "E0000", email: "head@org.example", name: "Hana Head", role: "MANAGER" },
    { employee_id: "E0001", email: "hr@org.example", name: "Hal HR", role: "HR" },
  ];
  for (let t = 1; t <= 5; t++) {
    rows.push({
      employee_id: `M${t}`,
      email: `manager${t}@org.example`,
      name: `Manager ${t}`,
      team: `Team ${t}`,
      manager: "head@org.example",
      role: "MANAGER",
      time_zone: "Europe/Paris",
    });
  }
  for (let i = 0; rows.length < 500; i++) {
    const t = (i % 5) + 1;
    rows.push({
      employee_id: `E${String(i + 100).padStart(4, "0")}`,
      email: `person${i}@org.example`,
      name: `Person ${i}`,
      team: `Team ${t}`,
      manager: `M${t}`,
      role: "",
      time_zone: "",
    });
  }
  return stringify(rows, { header: true, columns: [...PEOPLE_COLUMNS] });
}

function importRequest(cookie: string, intent: "preview" | "confirm", csv: string): Request {
  const form = new FormData();
  form.append("intent", intent);
  if (intent === "preview")
    form.append("file", new File([csv], "people.csv", { type: "text/csv" }));
  else form.append("csv", csv);
  return new Request(`${TEST_APP_URL}/admin/people/import`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: TEST_APP_URL },
    body: form,
  });
}

describe("bringing an organisation in, from an empty database", () => {
  it("admin, import, invitation, report to the imported manager, deactivation hands it up", async () => {
    // An empty installation sends visitors to the setup page, which says what to run.
    const home = await call(indexRoute.loader, getRequest("/"));
    expect(home.status).toBe(302);
    expect(home.location).toBe("/setup");
    expect((await call(setupRoute.loader, getRequest("/setup"))).status).toBe(200);

    // The first admin: created without a password, a one-time setup link.
    const created = await createAdmin(db, { email: "Ada@Org.example", name: "Ada Admin" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const token = created.token;
    expect(
      (
        await call(
          passwordRoute.action,
          postRequest(`/password/${token}`, {
            password: "first admin passphrase",
            confirm: "first admin passphrase",
          }),
          { token },
        )
      ).status,
    ).toBe(200);
    const adminLogin = await login("ada@org.example", "first admin passphrase");
    expect(adminLogin.ok).toBe(true);
    if (!adminLogin.ok) return;
    const admin = adminLogin.cookie.split(";")[0];
    // Now that an admin exists, the setup page is gone.
    expect((await call(setupRoute.loader, getRequest("/setup"))).status).toBe(404);

    // Import 500 people in five teams: preview, then confirm.
    const csv = orgCsv();
    const preview = await call(importRoute.action, importRequest(admin, "preview", csv));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ step: "preview", creates: 500, updates: 0, badCount: 0 });
    const done = await call(importRoute.action, importRequest(admin, "confirm", csv));
    expect(done.body).toMatchObject({ step: "done", created: 500, updated: 0, deactivated: 0 });
    expect(await db.user.count({ where: { active: true } })).toBe(501);
    expect(await db.team.count()).toBe(5);
    expect(await db.notification.count({ where: { template: "INVITATION" } })).toBe(500);

    // The same file again changes nothing.
    const again = await call(importRoute.action, importRequest(admin, "preview", csv));
    expect(again.body).toMatchObject({
      creates: 0,
      updates: 0,
      unchanged: 500,
      deactivateCount: 0,
    });
    const auditsBefore = await db.auditEvent.count();
    const rerun = await call(importRoute.action, importRequest(admin, "confirm", csv));
    expect(rerun.body).toMatchObject({ step: "done", created: 0, updated: 0, deactivated: 0 });
    expect(await db.auditEvent.count()).toBe(auditsBefore);

    // An invited person sets their password from the mail they received, and files a report.
    await deliver();
    const reporterEmail = "person7@org.example"; // team 3, managed by M3
    const reporterCookie = await setPasswordFromMail(reporterEmail, "blue kettle on a hill");
    const account = await db.customerAccount.create({
      data: { crmId: "CRM-1", name: "Acme Ltd", segment: "SMB" },
    });
    const filed = await call(
      newReportRoute.action,
      postRequest(
        "/reports/new",
        {
          accountId: account.id,
          occurredAt: "2026-11-20T10:15",
          timeZone: "Europe/London",
          channel: "PHONE",
          severity: "HIGH",
          narrative: "The customer shouted at me and called me useless for ten minutes.",
          submissionKey: crypto.randomUUID(), // the form carries one (rendered by the loader)
        },
        { cookie: reporterCookie },
      ),
    );
    expect(filed.status).toBe(302);
    const reference = filed.location!.split("/")[2].split("?")[0];
    const manager3 = await db.user.findUniqueOrThrow({ where: { employeeId: "M3" } });
    const head = await db.user.findUniqueOrThrow({ where: { employeeId: "E0000" } });
    const incident = await db.incident.findUniqueOrThrow({ where: { reference } });
    expect(incident.assigneeId).toBe(manager3.id);

    // Deactivating that manager (admin's person page) moves the case to their manager by mail.
    smtp.messages = [];
    const form = {
      name: manager3.name,
      email: manager3.email,
      employeeId: "M3",
      role: "MANAGER",
      teamId: manager3.teamId ?? "",
      managerRef: "E0000",
      timeZone: manager3.timeZone,
      language: "en",
      // "active" left out: the box is unticked
    };
    const saved = await call(
      personRoute.action,
      postRequest(`/admin/people/${manager3.id}`, form, { cookie: admin }),
      { id: manager3.id },
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/admin/people/${manager3.id}`);
    // The toast says how many open cases were handed on.
    expect(await toastIn(saved)).toMatchObject({
      key: "toast.adminPersonDeactivated",
      values: { count: 1 },
    });
    const moved = await db.incident.findUniqueOrThrow({
      where: { reference },
      include: { events: { orderBy: { seq: "asc" } } },
    });
    expect(moved.assigneeId).toBe(head.id);
    const last = moved.events[moved.events.length - 1];
    expect(last.type).toBe("REASSIGNED");
    expect(JSON.parse(last.data)).toMatchObject({ fromUserId: manager3.id, assigneeId: head.id });
    expect(await db.session.count({ where: { userId: manager3.id } })).toBe(0);
    const history = await db.auditEvent.findFirstOrThrow({
      where: { action: "PERSON_UPDATED", subjectId: manager3.id },
      orderBy: { at: "desc" },
    });
    expect(JSON.parse(history.data)).toMatchObject({ active: { from: true, to: false } });

    await deliver();
    const toHead = smtp.messages.filter((m) =>
      (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(head.email)),
    );
    expect(toHead.map((m) => m.subject)).toEqual([
      `New report ${reference} needs your acknowledgement`,
    ]);
  });
});
