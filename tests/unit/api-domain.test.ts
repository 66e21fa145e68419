import { describe, expect, it } from "vitest";
import { z } from "zod";
import { accountSchema, issuesToErrors } from "~/domain/api";
import { openApiDocument, toJsonSchema } from "~/domain/openapi";
import {
  applyUserPatch,
  groupPatchChanges,
  parseUserFilter,
  SCIM_PATCH,
  scimUserSchema,
} from "~/domain/scim";

describe("toJsonSchema", () => {
  it("documents what the client sends for the zod types we use", () => {
    const schema = z.object({
      a: z.string().min(1).max(5).regex(/^x/),
      b: z.number().int().min(0).optional(),
      c: z.enum(["X", "Y"]),
      d: z.array(z.boolean()).max(3),
      e: z.preprocess((v) => v, z.string().email()),
      f: z.string().nullable(),
      g: z.coerce.number().default(4),
    });
    expect(toJsonSchema(schema)).toEqual({
      type: "object",
      properties: {
        a: { type: "string", minLength: 1, maxLength: 5, pattern: "^x" },
        b: { type: "integer", minimum: 0 },
        c: { type: "string", enum: ["X", "Y"] },
        d: { type: "array", items: { type: "boolean" }, maxItems: 3 },
        e: { type: "string", format: "email" },
        f: { type: ["string", "null"] },
        g: { type: "number", default: 4 },
      },
      required: ["a", "c", "d", "e", "f"],
    });
  });

  it("refuses a zod type it does not know", () => {
    expect(() => toJsonSchema(z.object({ m: z.map(z.string(), z.string()) }))).toThrow(/ZodMap/);
  });

  it("marks only crm_id, name, segment and arr required for an account", () => {
    const doc = openApiDocument("https://portal.example") as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { required: string[] } }> } }
        >
      >;
    };
    const body = doc.paths["/api/v1/accounts/{crmId}"].put.requestBody!;
    expect(body.content["application/json"].schema.required.sort()).toEqual(
      ["arr", "crm_id", "name", "segment"].sort(),
    );
  });
});

describe("account rows", () => {
  it("reads numbers as the import's text and names bad fields by pointer", () => {
    const ok = accountSchema.safeParse({
      crm_id: "A",
      name: "N",
      segment: "SMB",
      arr: 12.5,
      days_overdue: 3,
    });
    expect(ok.success && ok.data.arr).toBe(1250n);
    const bad = accountSchema.safeParse({ crm_id: "A/1", name: "N", segment: "SMB", arr: "x" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(issuesToErrors(bad.error.issues)[0].pointer).toBe("/arr");
  });
});

describe("SCIM rules", () => {
  const patch = (Operations: unknown[]) => ({ schemas: [SCIM_PATCH], Operations }) as never;
  it("parses the userName filter and nothing else", () => {
    expect(parseUserFilter('userName eq "Ann@Example.com"')).toEqual({
      ok: true,
      userName: "ann@example.com",
    });
    expect(parseUserFilter('userName co "a"')).toEqual({ ok: false });
  });

  it("applies Okta's and Entra ID's forms of deactivation, and refuses unknown paths", () => {
    const current = { userName: "a@x.example", displayName: "A", active: true };
    expect(
      applyUserPatch(current, patch([{ op: "replace", path: "active", value: false }])),
    ).toMatchObject({
      ok: true,
      value: { active: false },
    });
    expect(
      applyUserPatch(current, patch([{ op: "replace", value: { active: "false" } }])),
    ).toMatchObject({
      ok: true,
      value: { active: false },
    });
    expect(
      applyUserPatch(current, patch([{ op: "replace", path: "role", value: "ADMIN" }])).ok,
    ).toBe(false);
  });

  it("refuses names with control characters and empty display names", () => {
    expect(
      scimUserSchema.safeParse({ userName: "a@x.example", displayName: "Ann\u202E" }).success,
    ).toBe(false);
    expect(scimUserSchema.safeParse({ userName: "a@x.example", displayName: " " }).success).toBe(
      false,
    );
    expect(scimUserSchema.safeParse({ userName: "a@x.example", displayName: "Ann" }).success).toBe(
      true,
    );
  });

  it("reads group member changes", () => {
    expect(
      groupPatchChanges(
        patch([
          { op: "add", path: "members", value: [{ value: "u1" }] },
          { op: "remove", path: 'members[value eq "u2"]' },
          { op: "replace", path: "displayName", value: "Sales" },
        ]),
      ),
    ).toEqual({ ok: true, add: ["u1"], remove: ["u2"], replaceAll: null, name: "Sales" });
  });
});
