import { describe, expect, it } from "vitest";
import {
  delayAfterFailures,
  THROTTLE_RULES,
  throttledMessage,
  waitText,
} from "~/domain/login-throttle";
import { emailFromClaims, isLoopbackUrl, nameFromClaims } from "~/domain/oidc";
import {
  formatRecoveryCode,
  isPrivilegedRole,
  readCode,
  secondStepFor,
  totpStep,
} from "~/domain/two-factor";

describe("login throttle delays", () => {
  const rule = THROTTLE_RULES.accountAddress;
  it("lets the free failures through, then doubles the wait", () => {
    expect([1, 5].map((n) => delayAfterFailures(n, rule))).toEqual([0, 0]);
    expect([6, 7, 8, 9].map((n) => delayAfterFailures(n, rule))).toEqual([2, 4, 8, 16]);
  });
  it("never waits longer than the cap, however many failures", () => {
    expect(delayAfterFailures(50, rule)).toBe(15 * 60);
    expect(delayAfterFailures(1e9, rule)).toBe(15 * 60);
    expect(delayAfterFailures(1e9, THROTTLE_RULES.account)).toBe(60);
    expect(delayAfterFailures(Number.NaN, rule)).toBe(0);
  });
  it("says how long to wait in words", () => {
    expect(waitText(1)).toBe("1 second");
    expect(waitText(1500)).toBe("2 seconds");
    expect(waitText(61_000)).toBe("2 minutes");
    expect(waitText(60_000)).toBe("1 minute");
    expect(throttledMessage(4000)).toContain("please wait 4 seconds");
  });
});

describe("second step", () => {
  it("is needed by whoever set it up, and required for HR, leadership and admins", () => {
    expect(secondStepFor({ role: "EMPLOYEE", enrolled: true, required: false })).toBe("verify");
    expect(secondStepFor({ role: "HR", enrolled: false, required: true })).toBe("enrol");
    expect(secondStepFor({ role: "LEADERSHIP", enrolled: false, required: true })).toBe("enrol");
    expect(secondStepFor({ role: "ADMIN", enrolled: false, required: true })).toBe("enrol");
    expect(secondStepFor({ role: "MANAGER", enrolled: false, required: true })).toBe("none");
    expect(secondStepFor({ role: "HR", enrolled: false, required: false })).toBe("none");
    expect(isPrivilegedRole("EMPLOYEE")).toBe(false);
  });
  it("reads codes as people type them", () => {
    expect(readCode("123 456")).toEqual({ kind: "totp", code: "123456" });
    expect(readCode(" ABCDE-12345 ")).toEqual({ kind: "recovery", code: "abcde12345" });
    expect(readCode("12345")).toBeNull();
    expect(readCode("<script>")).toBeNull();
    expect(formatRecoveryCode("abcde12345")).toBe("abcde-12345");
  });
  it("numbers 30-second steps", () => {
    expect(totpStep(new Date(60_000), 0)).toBe(2);
    expect(totpStep(new Date(89_999), 1)).toBe(3);
  });
});

describe("single sign-on claims", () => {
  it("takes a well-formed email from the configured claim, lower-cased", () => {
    expect(emailFromClaims({ email: "Sam@Example.COM" }, "email")).toBe("sam@example.com");
    expect(emailFromClaims({ upn: "sam@example.com" }, "upn")).toBe("sam@example.com");
  });
  it("refuses a missing, malformed or unverified email", () => {
    expect(emailFromClaims({}, "email")).toBeNull();
    expect(emailFromClaims({ email: 42 }, "email")).toBeNull();
    expect(emailFromClaims({ email: "not an email" }, "email")).toBeNull();
    expect(emailFromClaims({ email: "a@b.example", email_verified: false }, "email")).toBeNull();
  });
  it("names a new person from the claims or the email", () => {
    expect(nameFromClaims({ name: " Ada Lovelace " }, "x@y.example")).toBe("Ada Lovelace");
    expect(nameFromClaims({}, "new.starter@y.example")).toBe("new.starter");
  });
  it("allows plain http only on loopback", () => {
    expect(isLoopbackUrl("http://127.0.0.1:4000")).toBe(true);
    expect(isLoopbackUrl("http://localhost:4000/realm")).toBe(true);
    expect(isLoopbackUrl("http://idp.example")).toBe(false);
    expect(isLoopbackUrl("not a url")).toBe(false);
  });
});
