import { describe, expect, it } from "vitest";
import { newPasswordSchema, passwordProblem } from "~/domain/password-policy";

describe("the password rule", () => {
  it("asks for at least 12 characters, counted as a person sees them", () => {
    expect(passwordProblem("elevenchars")).toMatch(/at least 12/);
    expect(passwordProblem("twelve chars")).toBeNull();
    expect(passwordProblem("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂")).toMatch(/at least 12/);
    expect(passwordProblem("x".repeat(129))).toMatch(/at most 128/);
  });

  it("refuses passwords from the shipped common-password list, whatever their case", () => {
    expect(passwordProblem("unbelievable")).toMatch(/commonly used/);
    expect(passwordProblem("Scandinavian")).toMatch(/commonly used/);
    expect(passwordProblem("kettle lantern orchard")).toBeNull();
  });

  it("puts a mismatch on the confirmation field", () => {
    const r = newPasswordSchema.safeParse({ password: "kettle lantern orchard", confirm: "x" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["confirm"]);
  });
});
