import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linkProblemMessage } from "~/models/password-link.server";
import { SSO_PROBLEMS, type SsoProblem } from "~/domain/oidc";
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
} from "~/domain/password-policy";
import { AUTH_EXACT } from "~/i18n/auth-messages";
import { translateMessage } from "~/i18n/messages";
import { serverT } from "~/i18n/resources.server";

// The sign-in and password messages are written in English where the rule lives; pages in
// another language show them through app/i18n/auth-messages.ts. The English language file
// must say exactly what the rule says, or a translator would translate the wrong sentence.

const en = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../app/locales/en.json"), "utf8"),
) as Record<string, unknown>;

function english(key: string): unknown {
  return key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], en);
}

describe("sign-in and password messages", () => {
  it("the English file says each message exactly as the rule writes it", () => {
    for (const [text, key] of Object.entries(AUTH_EXACT)) expect(english(key), key).toBe(text);
    const t = serverT("en");
    expect(t("password.errors.tooShort", { min: MIN_PASSWORD_LENGTH })).toBe(passwordProblem("x"));
    expect(t("password.errors.tooLong", { max: MAX_PASSWORD_LENGTH })).toBe(
      passwordProblem("x".repeat(MAX_PASSWORD_LENGTH + 1)),
    );
    for (const problem of ["USED", "EXPIRED", "INACTIVE", "UNKNOWN"] as const) {
      expect(AUTH_EXACT[linkProblemMessage(problem).text], problem).toBeDefined();
    }
    const problems = Object.keys(SSO_PROBLEMS) as SsoProblem[];
    for (const problem of problems) {
      const name = problem.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      expect(english(`auth.sso.${name}Title`)).toBe(SSO_PROBLEMS[problem].title);
      expect(english(`auth.sso.${name}Text`)).toBe(SSO_PROBLEMS[problem].text);
    }
  });

  it("shows the password rule in Japanese and Spanish, with its number", () => {
    const short = passwordProblem("short")!;
    const ja = translateMessage(serverT("ja"), short, "ja");
    expect(ja).toContain(`${MIN_PASSWORD_LENGTH}文字以上`);
    const es = translateMessage(serverT("es"), short, "es");
    expect(es).toContain(`al menos ${MIN_PASSWORD_LENGTH} caracteres`);
    const common = translateMessage(serverT("ja"), passwordProblem("unbelievable")!, "ja");
    expect(common).not.toBe(passwordProblem("unbelievable"));
  });
});
