import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  signWebhook,
  verifyWebhookSignature,
  webhookBody,
  webhookData,
  webhookFormSchema,
  webhookUrlProblem,
  isForbiddenTarget,
  type WebhookEventInput,
} from "~/domain/webhooks";

const SECRET = "whsec_unit-test-secret";

describe("webhook signatures", () => {
  it("signs t.body with HMAC-SHA256, as a receiver recomputes it", () => {
    const body = '{"id":"evt_1","type":"incident.filed"}';
    const header = signWebhook(SECRET, body, 1_700_000_000);
    const expected = createHmac("sha256", SECRET).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${expected}`);
    expect(verifyWebhookSignature(SECRET, body, header, 1_700_000_010)).toBe(true);
  });

  it("refuses a changed body, another secret, an old timestamp and a malformed header", () => {
    const body = '{"id":"evt_1"}';
    const header = signWebhook(SECRET, body, 1_700_000_000);
    expect(verifyWebhookSignature(SECRET, '{"id":"evt_2"}', header, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature("whsec_other", body, header, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, body, header, 1_700_000_000 + 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, body, "v1=abc", 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, body, null, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, body, "t=1700000000,v1=zz", 1_700_000_000)).toBe(false);
  });

  it("accepts any one of several v1 signatures (a receiver during a secret change)", () => {
    const body = "{}";
    const good = signWebhook(SECRET, body, 1_700_000_000).split(",v1=")[1];
    const header = `t=1700000000,v1=${"0".repeat(64)},v1=${good}`;
    expect(verifyWebhookSignature(SECRET, body, header, 1_700_000_000)).toBe(true);
  });
});

describe("webhook payloads", () => {
  const events: WebhookEventInput[] = [
    {
      type: "incident.filed",
      reference: "INC-2026-000042",
      severity: "HIGH",
      channel: "PHONE",
      categories: ["THREATS", "VERBAL_ABUSE"],
      accountCrmId: "0015g00000ABCDE",
    },
    {
      type: "deadline.breached",
      reference: "INC-2026-000042",
      clock: "ACKNOWLEDGE",
      level: 2,
      dueAt: new Date("2026-12-01T10:00:00Z"),
    },
    {
      type: "case.resolved",
      reference: "INC-2026-000042",
      outcome: "SUBSTANTIATED",
      accountCrmId: "PENDING-3f1c",
    },
    {
      type: "decision.approved",
      decisionId: "cdec1",
      decision: "CONDITIONS",
      conductStatus: "CONDITIONS",
      reference: null,
      accountCrmId: "0015g00000ABCDE",
    },
    {
      type: "account.flagged",
      reference: "INC-2026-000042",
      reason: "REPEAT_CONTACT",
      accountCrmId: "0015g00000ABCDE",
    },
  ];

  it("holds only references and codes: no field beyond each event's list", () => {
    const keys = events.map((e) => Object.keys(webhookData(e)).sort());
    expect(keys).toEqual([
      ["account_crm_id", "categories", "channel", "reference", "severity"],
      ["clock", "due_at", "level", "reference"],
      ["account_crm_id", "outcome", "reference"],
      ["account_crm_id", "conduct_status", "decision", "decision_id", "reference"],
      ["account_crm_id", "reason", "reference"],
    ]);
  });

  it("drops anything else an input carries, such as a narrative or a name", () => {
    const sneaky = {
      ...events[0],
      narrative: "He said he would wait for me outside",
      reporterName: "Erin Employee",
      email: "erin@example.com",
    } as unknown as WebhookEventInput;
    const body = webhookBody({
      id: "evt_1",
      type: sneaky.type,
      created: new Date(0),
      data: webhookData(sneaky),
    });
    expect(body).not.toMatch(/wait for me|Erin|example\.com/);
  });

  it("leaves out a placeholder CRM id and builds the same body every time", () => {
    expect(webhookData(events[2]).account_crm_id).toBeNull();
    const make = () =>
      webhookBody({
        id: "evt_1",
        type: "incident.filed",
        created: new Date("2026-12-01T10:00:00Z"),
        data: webhookData(events[0]),
      });
    expect(make()).toBe(make());
    expect(JSON.parse(make())).toEqual({
      id: "evt_1",
      type: "incident.filed",
      created: Date.parse("2026-12-01T10:00:00Z") / 1000,
      data: {
        reference: "INC-2026-000042",
        severity: "HIGH",
        channel: "PHONE",
        categories: ["THREATS", "VERBAL_ABUSE"],
        account_crm_id: "0015g00000ABCDE",
      },
    });
  });
});

describe("webhook addresses", () => {
  const strict = { allowLoopback: false };
  const loose = { allowLoopback: true };

  it("takes https addresses on the internet", () => {
    expect(webhookUrlProblem("https://hooks.example.com/portal", strict)).toBeNull();
    expect(webhookUrlProblem("https://203.0.113.7:8443/in", strict)).toBeNull();
  });

  it("refuses http, private and local addresses, credentials and non-addresses", () => {
    for (const url of [
      "http://hooks.example.com/portal",
      "https://localhost/x",
      "https://127.0.0.1/x",
      "https://10.0.0.5/x",
      "https://192.168.1.10/x",
      "https://172.20.0.1/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://[fd00::1]/x",
      "https://user:pass@hooks.example.com/x",
      "ftp://hooks.example.com/x",
      "hooks.example.com",
    ]) {
      expect(webhookUrlProblem(url, strict), url).not.toBeNull();
    }
  });

  it("allows http to loopback only when the setting allows it, and nothing private", () => {
    expect(webhookUrlProblem("http://127.0.0.1:4000/hook", loose)).toBeNull();
    expect(webhookUrlProblem("http://localhost:4000/hook", loose)).toBeNull();
    expect(webhookUrlProblem("http://10.0.0.5/hook", loose)).not.toBeNull();
    expect(webhookUrlProblem("http://hooks.example.com/hook", loose)).not.toBeNull();
  });

  it("explains each field's problem in the form", () => {
    const result = webhookFormSchema(strict).safeParse({
      url: "http://hooks.example.com",
      description: "",
      events: [],
    });
    expect(result.success).toBe(false);
    const errors = result.error!.flatten().fieldErrors;
    expect(errors.url).toEqual(["The address must start with https://."]);
    expect(errors.events).toEqual(["Please choose at least one event."]);
    const bad = webhookFormSchema(strict).safeParse({
      url: "https://hooks.example.com",
      events: ["incident.filed", "everything"],
    });
    expect(bad.success).toBe(false);
  });
});

describe("addresses a webhook's host name resolves to", () => {
  it("refuses private, local and link-local addresses, and loopback unless allowed", () => {
    const strict = { allowLoopback: false };
    for (const ip of [
      "127.0.0.1",
      "::1",
      "10.1.2.3",
      "172.16.0.9",
      "192.168.0.1",
      "169.254.169.254",
      "fd12::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "0.0.0.0",
      "100.64.0.1",
    ]) {
      expect(isForbiddenTarget(ip, strict), ip).toBe(true);
    }
    expect(isForbiddenTarget("127.0.0.1", { allowLoopback: true })).toBe(false);
    expect(isForbiddenTarget("::ffff:127.0.0.1", { allowLoopback: true })).toBe(false);
    expect(isForbiddenTarget("10.0.0.1", { allowLoopback: true })).toBe(true);
  });

  it("lets public addresses through", () => {
    for (const ip of ["203.0.113.7", "8.8.8.8", "2001:db8::1", "::ffff:198.51.100.4"]) {
      expect(isForbiddenTarget(ip, { allowLoopback: false }), ip).toBe(false);
    }
  });
});
