import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import { hashToken, issuePasswordLink, sendPasswordLinkMail } from "~/models/password-link.server";
import { action, loader } from "~/routes/password.$token";
import { login } from "~/utils/auth.server";
import { smtpSender } from "~/utils/email.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile, TEST_PASSWORD } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// Single-use password links: invitation mail through real SMTP, the /password/:token page,
// reuse, expiry, and the password rule.

const { db, org } = await orgForThisFile("pl");
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
});
afterAll(() => smtp.stop());

async function newPerson(email: string) {
  return db.user.create({
    data: { email, name: "Nina New", role: "EMPLOYEE" },
    select: { id: true, email: true, name: true },
  });
}

function linkFromMail(text: string): string {
  const match = /(https?:\/\/\S+\/password\/[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error("no link in the mail");
  return new URL(match[1]).pathname;
}

const setPassword = (path: string, password: string, confirm = password) =>
  call(action, postRequest(path, { password, confirm }), { token: path.split("/").pop()! });

describe("password links", () => {
  it("an invited person sets a password from the mailed link, once", async () => {
    const person = await newPerson("nina.new@test.example");
    await db.$transaction((tx) => sendPasswordLinkMail(tx, { user: person, purpose: "INVITE" }));
    await deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL });
    const mail = smtp.messages.find((m) => m.subject?.includes("invited"));
    expect(mail).toBeTruthy();
    const path = linkFromMail(mail!.text ?? "");
    const token = path.split("/").pop()!;
    // Only the hash is stored, and the delivered mail's copy of the link is gone.
    expect(await db.passwordLink.count({ where: { tokenHash: token } })).toBe(0);
    expect(await db.passwordLink.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    const sent = await db.notification.findFirstOrThrow({ where: { template: "INVITATION" } });
    expect(sent.data).not.toContain(token);

    // Without a password the person cannot sign in.
    expect((await login(person.email, "")).ok).toBe(false);

    const page = await call(loader, getRequest(path), { token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ ok: true, email: person.email });

    const short = await setPassword(path, "short pass");
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain("at least 12 characters");
    const common = await setPassword(path, "unbelievable");
    expect(common.status).toBe(400);
    expect(JSON.stringify(common.body)).toContain("commonly used");
    const mismatch = await setPassword(path, "a long enough phrase", "a long enough phrasf");
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.body)).toContain("not the same");

    const ok = await setPassword(path, "kettle lantern orchard");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ done: true });
    expect((await login(person.email, "kettle lantern orchard")).ok).toBe(true);

    // The same link again: a clear 410 page and a refused form; the password is unchanged.
    expect((await call(loader, getRequest(path), { token })).status).toBe(410);
    const again = await setPassword(path, "another long phrase");
    expect(again.status).toBe(410);
    expect(JSON.stringify(again.body)).toContain("already been used");
    expect((await login(person.email, "kettle lantern orchard")).ok).toBe(true);
  });

  it("refuses an expired link, an unknown link, and a link of a deactivated person", async () => {
    const person = await newPerson("ex.pired@test.example");
    const past = new Date(Date.now() - 73 * 3_600_000);
    const { token } = await db.$transaction((tx) =>
      issuePasswordLink(tx, { userId: person.id, purpose: "INVITE", now: past }),
    );
    const expired = await call(loader, getRequest(`/password/${token}`), { token });
    expect(expired.status).toBe(410);
    expect(JSON.stringify(expired.body)).toContain("expired");
    expect((await setPassword(`/password/${token}`, "kettle lantern orchard")).status).toBe(410);

    const unknown = "A".repeat(43);
    expect(
      (await call(loader, getRequest(`/password/${unknown}`), { token: unknown })).status,
    ).toBe(404);
    const junk = "../../etc";
    expect((await call(loader, getRequest(`/password/x`), { token: junk })).status).toBe(404);

    const reset = await db.$transaction((tx) =>
      issuePasswordLink(tx, { userId: org.colleagueA.id, purpose: "RESET" }),
    );
    await db.user.update({ where: { id: org.colleagueA.id }, data: { active: false } });
    const inactive = await call(loader, getRequest(`/password/${reset.token}`), {
      token: reset.token,
    });
    expect(inactive.status).toBe(410);
    await db.user.update({ where: { id: org.colleagueA.id }, data: { active: true } });
  });

  it("a reset link lasts an hour, a newer link replaces an older one, and setting ends sessions", async () => {
    const cookie = await loginCookie(org.employeeB.email);
    const first = await db.$transaction((tx) =>
      issuePasswordLink(tx, { userId: org.employeeB.id, purpose: "RESET" }),
    );
    const second = await db.$transaction((tx) =>
      issuePasswordLink(tx, { userId: org.employeeB.id, purpose: "RESET" }),
    );
    const row = await db.passwordLink.findUniqueOrThrow({
      where: { tokenHash: hashToken(second.token) },
    });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(3_600_000);
    expect((await setPassword(`/password/${first.token}`, "kettle lantern orchard")).status).toBe(
      410,
    );
    expect((await setPassword(`/password/${second.token}`, "kettle lantern orchard")).status).toBe(
      200,
    );
    expect(await db.session.count({ where: { userId: org.employeeB.id } })).toBe(0);
    expect(cookie).toBeTruthy();
    expect((await login(org.employeeB.email, TEST_PASSWORD)).ok).toBe(false);
  });
});
