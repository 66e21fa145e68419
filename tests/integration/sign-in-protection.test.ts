import { generateTOTP } from "@epic-web/totp";
import type { ParsedMail } from "mailparser";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueNotifications } from "~/jobs/outbox.server";
import * as accountRoute from "~/routes/account";
import * as changePasswordRoute from "~/routes/account_.password";
import * as accountTwoFactorRoute from "~/routes/account_.two-factor";
import * as loginRoute from "~/routes/login";
import * as codeRoute from "~/routes/login_.code";
import * as forgotRoute from "~/routes/login_.forgot";
import * as setupRoute from "~/routes/login_.two-factor-setup";
import * as passwordLinkRoute from "~/routes/password.$token";
import { smtpSender } from "~/utils/email.server";
import { resetEnvCache } from "~/utils/env.server";
import { readToast } from "~/utils/toast.server";
import { TEST_APP_URL } from "../fixtures/database";
import { call, getRequest, loginCookie, postRequest, type Answer } from "../fixtures/http";
import { orgForThisFile, TEST_PASSWORD } from "../fixtures/org";
import { TestSmtpServer } from "../fixtures/smtp";

// Throttling, the safe redirect, two-step sign-in, change and forgotten passwords, through the
// real route modules on a real database and a real SMTP server.

const { db, org } = await orgForThisFile("sp");
const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
});
afterAll(async () => {
  delete process.env.TWO_FACTOR_REQUIRED;
  resetEnvCache();
  await smtp.stop();
});

type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

/** Like fixtures' call(), with the client address server.ts would put in the context. */
async function callFrom(address: string, fn: Fn, request: Request): Promise<Answer> {
  return call((args) => fn({ ...args, context: { clientAddress: address } }), request);
}

const signIn = (email: string, password: string, address = "203.0.113.7", extra = {}) =>
  callFrom(address, loginRoute.action, postRequest("/login", { email, password, ...extra }));

function cookiesOf(answer: Answer): string {
  // "a=1; Path=/; …, b=2; Path=/…" → "a=1; b=2", skipping cleared cookies.
  const raw = answer.headers.get("Set-Cookie") ?? "";
  return raw
    .split(/,(?=\s*[a-z_]+=)/i)
    .map((c) => c.trim().split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

function recipients(mail: ParsedMail): string {
  return [mail.to ?? []]
    .flat()
    .map((a) => a.text)
    .join(" ");
}

function text(answer: Answer) {
  return JSON.stringify(answer.body);
}

async function lengthenThrottleWindows() {
  // Moves every counter's window an hour ahead, as if the wait were long.
  await db.loginThrottle.updateMany({ data: { expire: new Date(Date.now() + 3_600_000) } });
}

async function expireThrottleWindows() {
  // Moves every counter's window into the past, as if the waiting time had gone by.
  await db.loginThrottle.updateMany({ data: { expire: new Date(Date.now() - 1000) } });
}

describe("login throttling", () => {
  it("slows 50 wrong passwords for one account from one address, then lets the right one in once the window has passed", async () => {
    const email = org.employeeA.email;
    const statuses: number[] = [];
    let lastThrottled: Answer | undefined;
    for (let i = 0; i < 50; i++) {
      const a = await signIn(email, `wrong password ${i}`);
      statuses.push(a.status);
      if (a.status === 429) lastThrottled = a;
      // The wait set by the sixth failure lasts while the test runs, however slow the machine:
      // what is checked is what happens during a wait, not how long the first one is.
      if (i === 5) await lengthenThrottleWindows();
    }
    // Five free failures, the sixth sets a wait, and every attempt during the wait is refused
    // before the password is even checked.
    expect(statuses.slice(0, 6)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
    expect(lastThrottled?.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(text(lastThrottled!)).toMatch(/Too many attempts.*please wait \d+ (seconds?|minutes?)/);
    expect(lastThrottled?.headers.get("Set-Cookie") ?? null).toBeNull();

    // The right password is refused too while the wait lasts…
    expect((await signIn(email, TEST_PASSWORD)).status).toBe(429);
    // …but a stranger cannot lock the real person out elsewhere: from another address the
    // account's own wait has not started (its free failures are counted apart).
    const elsewhere = await signIn(email, TEST_PASSWORD, "198.51.100.20");
    expect(elsewhere.status).toBe(302);
    // Other people at the same address are not affected.
    expect((await signIn(org.colleagueA.email, TEST_PASSWORD)).status).toBe(302);

    await expireThrottleWindows();
    const again = await signIn(email, TEST_PASSWORD);
    expect(again.status).toBe(302);
    expect(again.headers.get("Set-Cookie")).toMatch(/^portal_session=/);
  });

  it("doubles the wait with each failure past the free ones (a delay, never a lock)", async () => {
    const email = org.employeeB.email;
    for (let i = 0; i < 5; i++) expect((await signIn(email, "nope nope nope")).status).toBe(400);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect((await signIn(email, "nope nope nope")).status).toBe(400);
      const blocked = await signIn(email, "nope nope nope");
      expect(blocked.status).toBe(429);
      waits.push(Number(blocked.headers.get("Retry-After")));
      // End only the current wait (not the failure count), as if it had been sat out.
      await db.loginThrottle.updateMany({
        where: { key: { startsWith: "wait:" } },
        data: { expire: new Date(Date.now() - 1000) },
      });
    }
    expect(waits).toEqual([2, 4, 8]);
    await expireThrottleWindows();
  });

  it("keeps the counters in the database, not in this process", async () => {
    expect(await db.loginThrottle.count()).toBeGreaterThan(0);
    const row = await db.loginThrottle.findFirstOrThrow();
    expect(row.key).not.toContain("@"); // emails and addresses are hashed
  });
});

describe("redirect after sign-in", () => {
  it.each([
    "/\\evil.example",
    "/\\/",
    "/\t/evil.example",
    "//evil.example",
    "https://evil.example",
  ])("never leaves the site for %j", async (redirectTo) => {
    const a = await signIn(org.colleagueA.email, TEST_PASSWORD, "192.0.2.50", { redirectTo });
    expect(a.status).toBe(302);
    expect(a.location).toBe("/");
  });

  it("keeps a local path", async () => {
    const a = await signIn(org.colleagueA.email, TEST_PASSWORD, "192.0.2.50", {
      redirectTo: "/reports?page=2",
    });
    expect(a.location).toBe("/reports?page=2");
  });
});

describe("two-step sign-in (required for HR, leadership and admins)", () => {
  beforeAll(() => {
    process.env.TWO_FACTOR_REQUIRED = "true";
    resetEnvCache();
  });

  it("an employee signs in with a password alone", async () => {
    const a = await signIn(org.employeeB.email, TEST_PASSWORD, "192.0.2.60");
    expect(a.status).toBe(302);
    expect(a.headers.get("Set-Cookie")).toMatch(/^portal_session=/);
  });

  let secret = "";
  let recoveryCodes: string[] = [];

  it("HR sets up an authenticator app right after the password, then gets a session and recovery codes", async () => {
    const a = await signIn(org.hr.email, TEST_PASSWORD, "192.0.2.61", { redirectTo: "/hr/cases" });
    expect(a.status).toBe(302);
    expect(a.location).toBe("/login/two-factor-setup?redirectTo=%2Fhr%2Fcases");
    const pending = cookiesOf(a);
    expect(pending).toMatch(/^portal_2fa=/);
    expect(pending).not.toContain("portal_session");

    const page = await call(setupRoute.loader, getRequest(a.location!, pending));
    expect(page.status).toBe(200);
    const body = page.body as { secret: string; qr: string };
    expect(body.qr).toMatch(/^<svg/);
    secret = body.secret;
    // The same secret is shown on a reload, until it is confirmed.
    const again = await call(setupRoute.loader, getRequest(a.location!, pending));
    expect((again.body as { secret: string }).secret).toBe(secret);

    const wrong = await callFrom(
      "192.0.2.61",
      setupRoute.action,
      postRequest(a.location!, { code: "000000" }, { cookie: pending }),
    );
    expect(wrong.status).toBe(400);
    expect(text(wrong)).toContain("not right");

    const { otp } = await generateTOTP({ secret });
    const done = await callFrom(
      "192.0.2.61",
      setupRoute.action,
      postRequest(a.location!, { code: otp, redirectTo: "/hr/cases" }, { cookie: pending }),
    );
    expect(done.status).toBe(200);
    const result = done.body as { codes: string[]; next: string };
    expect(result.next).toBe("/hr/cases");
    expect(result.codes).toHaveLength(10);
    recoveryCodes = result.codes;
    const session = cookiesOf(done);
    expect(session).toMatch(/portal_session=/);
    // Only hashes are stored.
    const stored = await db.recoveryCode.findMany({ where: { userId: org.hr.id } });
    expect(stored.map((r) => r.codeHash)).not.toContain(recoveryCodes[0]);

    // The pending step is used up.
    const reuse = await call(setupRoute.loader, getRequest(a.location!, pending));
    expect(reuse.status).toBe(302);
    expect(reuse.location).toContain("/login?notice=code-expired");

    const account = await call(accountRoute.loader, getRequest("/account", session));
    expect(account.body).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
  });

  it("next time asks for the code; the same code is not accepted twice; a recovery code works once", async () => {
    const a = await signIn(org.hr.email, TEST_PASSWORD, "192.0.2.62");
    expect(a.location).toBe("/login/code?redirectTo=%2F");
    const pending = cookiesOf(a);
    expect((await call(codeRoute.loader, getRequest("/login/code", pending))).status).toBe(200);

    // The code used at setup (still the current one) is refused as a replay.
    const { otp } = await generateTOTP({ secret });
    const replay = await callFrom(
      "192.0.2.62",
      codeRoute.action,
      postRequest("/login/code", { code: otp }, { cookie: pending }),
    );
    expect(replay.status).toBe(400);

    const recovery = await callFrom(
      "192.0.2.62",
      codeRoute.action,
      postRequest("/login/code", { code: recoveryCodes[0] }, { cookie: pending }),
    );
    expect(recovery.status).toBe(302);
    expect(cookiesOf(recovery)).toMatch(/portal_session=/);

    const b = await signIn(org.hr.email, TEST_PASSWORD, "192.0.2.62");
    const again = await callFrom(
      "192.0.2.62",
      codeRoute.action,
      postRequest("/login/code", { code: recoveryCodes[0] }, { cookie: cookiesOf(b) }),
    );
    expect(again.status).toBe(400);

    // A fresh code from the app, in a later 30-second step, works.
    await db.twoFactor.update({ where: { userId: org.hr.id }, data: { lastStep: 0 } });
    const fresh = await generateTOTP({ secret });
    const ok = await callFrom(
      "192.0.2.62",
      codeRoute.action,
      postRequest(
        "/login/code",
        { code: `${fresh.otp.slice(0, 3)} ${fresh.otp.slice(3)}` },
        {
          cookie: cookiesOf(b),
        },
      ),
    );
    expect(ok.status).toBe(302);
  });

  it("after five wrong codes the password must be typed again", async () => {
    const a = await signIn(org.hr.email, TEST_PASSWORD, "192.0.2.63");
    const pending = cookiesOf(a);
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await callFrom(
        "192.0.2.63",
        codeRoute.action,
        postRequest("/login/code", { code: "123456" }, { cookie: pending }),
      );
      answers.push(r.status);
    }
    expect(answers).toEqual([400, 400, 400, 400, 302]);
    const after = await call(codeRoute.loader, getRequest("/login/code", pending));
    expect(after.location).toBe("/login?notice=code-expired");
    await expireThrottleWindows();
  });

  it("leadership and admins are asked to set it up too; a made-up pending cookie gets nowhere", async () => {
    for (const p of [org.leadership, org.admin]) {
      const a = await signIn(p.email, TEST_PASSWORD, "192.0.2.64");
      expect(a.location).toMatch(/^\/login\/two-factor-setup/);
    }
    const fake = await call(
      codeRoute.loader,
      getRequest("/login/code", "portal_2fa=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    );
    expect(fake.status).toBe(302);
    expect(fake.location).toBe("/login?notice=code-expired");
  });

  it("anyone can turn it on from their account page", async () => {
    const cookie = await loginCookie(org.managerB.email);
    const page = await call(
      accountTwoFactorRoute.loader,
      getRequest("/account/two-factor", cookie),
    );
    const { secret: s } = page.body as { secret: string };
    const { otp } = await generateTOTP({ secret: s });
    const done = await call(
      accountTwoFactorRoute.action,
      postRequest("/account/two-factor", { code: otp }, { cookie }),
    );
    expect((done.body as { codes: string[] }).codes).toHaveLength(10);
    const a = await signIn(org.managerB.email, TEST_PASSWORD, "192.0.2.65");
    expect(a.location).toMatch(/^\/login\/code/);
  });
});

describe("change password", () => {
  it("checks the current password and the rule, then ends every other session", async () => {
    const person = org.managerA;
    const here = await loginCookie(person.email);
    const elsewhere = await loginCookie(person.email);
    const post = (fields: Record<string, string>) =>
      callFrom(
        "192.0.2.70",
        changePasswordRoute.action,
        postRequest("/account/password", fields, { cookie: here }),
      );

    const wrong = await post({
      current: "not it at all",
      password: "river stone lantern",
      confirm: "river stone lantern",
    });
    expect(wrong.status).toBe(400);
    expect(text(wrong)).toContain("not your current password");
    const short = await post({ current: TEST_PASSWORD, password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    expect(text(short)).toContain("at least 12 characters");
    const common = await post({
      current: TEST_PASSWORD,
      password: "unbelievable",
      confirm: "unbelievable",
    });
    expect(common.status).toBe(400);
    expect(text(common)).toContain("commonly used");
    const mismatch = await post({
      current: TEST_PASSWORD,
      password: "river stone lantern",
      confirm: "river stone lanterm",
    });
    expect(mismatch.status).toBe(400);

    const ok = await post({
      current: TEST_PASSWORD,
      password: "river stone lantern",
      confirm: "river stone lantern",
    });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/account");
    // The account page says so once, in the person's language (a toast naming its key).
    const toastCookie = ok.headers.getSetCookie().find((c) => c.startsWith("toast="));
    const { toast } = await readToast(
      new Request(`${TEST_APP_URL}/account`, { headers: { Cookie: toastCookie!.split(";")[0] } }),
    );
    expect(toast?.key).toBe("toast.authPasswordChanged");
    const fresh = cookiesOf(ok);
    expect((await call(accountRoute.loader, getRequest("/account", fresh))).status).toBe(200);
    for (const old of [here, elsewhere]) {
      const r = await call(accountRoute.loader, getRequest("/account", old));
      expect(r.status).toBe(302);
      expect(r.location).toMatch(/^\/login/);
    }
    expect((await signIn(person.email, "river stone lantern", "192.0.2.71")).status).toBe(302);
  });
});

describe("forgot password", () => {
  it("answers the same for a known and an unknown address, and mails a reset link only to the known one", async () => {
    const person = org.colleagueA;
    const known = await call(
      forgotRoute.action,
      postRequest("/login/forgot", { email: person.email.toUpperCase() }),
    );
    const unknown = await call(
      forgotRoute.action,
      postRequest("/login/forgot", { email: "nobody@test.example" }),
    );
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    // The same answer, apart from giving back what was typed.
    const same = (a: Answer, typed: string) => text(a).split(typed).join("<typed>");
    expect(same(known, person.email.toUpperCase())).toBe(same(unknown, "nobody@test.example"));
    expect(known.body).toMatchObject({ sent: true });

    const bad = await call(
      forgotRoute.action,
      postRequest("/login/forgot", { email: "not an email" }),
    );
    expect(bad.status).toBe(400);

    // Asking again at once sends no second mail.
    await call(forgotRoute.action, postRequest("/login/forgot", { email: person.email }));
    await deliverDueNotifications(db, smtpSender(smtp.url), { appUrl: TEST_APP_URL });
    const mails = smtp.messages.filter((m) => recipients(m).includes(person.email));
    expect(mails).toHaveLength(1);
    expect(smtp.messages.some((m) => recipients(m).includes("nobody@test.example"))).toBe(false);

    const link = /(https?:\/\/\S+\/password\/[A-Za-z0-9_-]+)/.exec(mails[0].text ?? "")?.[1];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;
    const token = path.split("/").pop()!;
    const set = await call(
      passwordLinkRoute.action,
      postRequest(path, { password: "meadow copper window", confirm: "meadow copper window" }),
      { token },
    );
    expect(set.status).toBe(200);
    expect((await signIn(person.email, "meadow copper window", "192.0.2.80")).status).toBe(302);
  });
});

describe("bodies that are not forms", () => {
  it.each([
    ["/login", loginRoute.action],
    ["/login/forgot", forgotRoute.action],
  ])("%s answers 415 to JSON, not a 500", async (path, fn) => {
    const request = new Request(TEST_APP_URL + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: TEST_APP_URL },
      body: JSON.stringify({ email: "x@test.example" }),
    });
    expect((await call(fn as Fn, request)).status).toBe(415);
  });
});
