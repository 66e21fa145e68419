import { beforeAll, describe, expect, it } from "vitest";
import { pageLanguage } from "~/i18n/i18n.server";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { createIncident } from "~/models/incident.server";
import * as accountRoute from "~/routes/account";
import * as offlinePageRoute from "~/routes/offline[.]html";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// Which language a page and a mail use, and the person's own language setting.

const { db, org } = await orgForThisFile("lang");
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
  return () => smtp.stop();
});

const withLanguage = (header: string) =>
  new Request(`${TEST_APP_URL}/login`, { headers: { "Accept-Language": header } });

describe("the page's language", () => {
  it("is the person's setting first, then the browser's, then English", async () => {
    expect(await pageLanguage(withLanguage("ja,en;q=0.5"))).toBe("ja");
    expect(await pageLanguage(withLanguage("es-MX,es;q=0.9"))).toBe("es");
    expect(await pageLanguage(withLanguage("fr-FR,fr;q=0.9"))).toBe("en");
    expect(await pageLanguage(new Request(`${TEST_APP_URL}/login`))).toBe("en");
    expect(await pageLanguage(withLanguage("ja"), "es")).toBe("es");
    // A setting the portal has no pages for yet (French) gives way to the browser's.
    expect(await pageLanguage(withLanguage("ja"), "fr")).toBe("ja");
  });
});

describe("the language setting on /account", () => {
  it("refuses a language that is not offered, with a message, and changes nothing", async () => {
    const cookie = await loginCookie(org.colleagueA.email);
    const answer = await call(
      accountRoute.action,
      postRequest("/account", { language: "xx" }, { cookie }),
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("Please choose a language from the list.");
    const row = await db.user.findUniqueOrThrow({ where: { id: org.colleagueA.id } });
    expect(row.language).toBe("en");
  });

  it("saves the person's own language and records it in the settings history", async () => {
    const cookie = await loginCookie(org.colleagueA.email);
    const answer = await call(
      accountRoute.action,
      postRequest("/account", { language: "ja" }, { cookie }),
    );
    expect(answer.status).toBe(200);
    const row = await db.user.findUniqueOrThrow({ where: { id: org.colleagueA.id } });
    expect(row.language).toBe("ja");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: org.colleagueA.id, action: "PERSON_UPDATED" },
      orderBy: { at: "desc" },
    });
    expect(audit.actorId).toBe(org.colleagueA.id);
    expect(JSON.parse(audit.data)).toEqual({ language: { from: "en", to: "ja" } });
    const page = await call(accountRoute.loader, getRequest("/account", cookie));
    expect((page.body as { language: string }).language).toBe("ja");
  });
});

describe("the no-connection page the service worker keeps", () => {
  const offlinePage = async (headers: Record<string, string>) => {
    const res = (await offlinePageRoute.loader({
      request: new Request(`${TEST_APP_URL}/offline.html`, { headers }),
      params: {},
      context: {},
    })) as Response;
    return { language: res.headers.get("Content-Language"), html: await res.text() };
  };

  it("is in the person's language, else the browser's, and holds nobody's data", async () => {
    const english = await offlinePage({});
    expect(english.language).toBe("en");
    expect(english.html).toContain("<h1>This page needs a connection</h1>");
    expect(english.html).not.toContain("<script");

    const browser = await offlinePage({ "Accept-Language": "ja,en;q=0.5" });
    expect(browser.language).toBe("ja");
    expect(browser.html).toContain('<html lang="ja">');
    expect(browser.html).toContain("このページを開くには接続が必要です");

    await db.user.update({ where: { id: org.employeeB.id }, data: { language: "es" } });
    const cookie = await loginCookie(org.employeeB.email);
    const person = await offlinePage({ Cookie: cookie, "Accept-Language": "ja" });
    expect(person.language).toBe("es");
    expect(person.html).toContain("Esta página necesita conexión");
    expect(person.html).not.toContain(org.employeeB.email);
    expect(person.html).not.toContain(org.employeeB.name);
  });
});

describe("mails", () => {
  it("go out in each recipient's language, looked up when sent", async () => {
    await db.user.update({ where: { id: org.employeeA.id }, data: { language: "es" } });
    await db.user.update({ where: { id: org.managerA.id }, data: { language: "en" } });
    const { reference } = await createIncident(db, {
      reporterId: org.employeeA.id,
      accountId: org.account.id,
      occurredAt: new Date(Date.now() - 3600_000),
      channel: "PHONE",
      severity: "CRITICAL",
      categories: [],
      narrative: "Dijo que me esperaría fuera.",
    });
    // Changed after the mails were queued: the manager's mail follows the new setting.
    await db.user.update({ where: { id: org.managerA.id }, data: { language: "ja" } });
    smtp.messages = [];
    await deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL });
    const toManager = smtp.messages.filter((m) =>
      JSON.stringify(m.to).includes(org.managerA.email),
    );
    expect(toManager.map((m) => m.subject)).toContain(
      `新しい報告 ${reference} の受領確認をお願いします`,
    );
    expect(toManager.every((m) => m.html && m.html.includes('<html lang="ja">'))).toBe(true);
    // Nothing of the report in any language.
    for (const m of smtp.messages) expect(m.text).not.toContain("esperaría");
  });
});
