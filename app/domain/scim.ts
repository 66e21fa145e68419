import { z } from "zod";
import { CONTROL_CHARS_MESSAGE, hasControlChars } from "./input-rules";
import { EMPLOYEE_ID, normaliseEmail } from "./people";

// SCIM 2.0 (RFC 7643 resources, RFC 7644 protocol) as far as identity providers use it for
// people and teams: Users and Groups, the `userName eq "…"` filter, PATCH add/replace/remove.
// Pure; app/models/scim.server.ts maps the resources onto people and teams.

export const SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCIM_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const SCIM_LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SCIM_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export const SCIM_PAGE_MAX = 200;

const emailValue = z.string().trim().email("userName must be an email address").max(254);
const nameText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlChars(s), CONTROL_CHARS_MESSAGE);

/** A User as providers send it on POST and PUT; unknown attributes are ignored. */
export const scimUserSchema = z.object({
  userName: emailValue,
  externalId: z
    .string()
    .trim()
    .max(64)
    .regex(EMPLOYEE_ID, "externalId: letters, digits, dots, dashes or underscores only")
    .optional(),
  displayName: nameText(200).pipe(z.string().min(1)).optional(),
  name: z
    .object({
      formatted: nameText(200).optional(),
      givenName: nameText(100).optional(),
      familyName: nameText(100).optional(),
    })
    .optional(),
  active: z.boolean().optional(),
});
export type ScimUserInput = z.output<typeof scimUserSchema>;

export type PersonFields = {
  email: string;
  name: string;
  employeeId?: string;
  active: boolean;
};

/** The person a SCIM User describes: the display name, else the parts of its name. */
export function personFromScim(u: ScimUserInput, fallbackName?: string): PersonFields {
  const parts = [u.name?.givenName, u.name?.familyName].filter(Boolean).join(" ");
  const name =
    u.displayName || u.name?.formatted || parts || fallbackName || u.userName.split("@")[0];
  return {
    email: normaliseEmail(u.userName),
    name: name.slice(0, 200),
    employeeId: u.externalId || undefined,
    active: u.active ?? true,
  };
}

const patchOp = z.object({
  op: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(["add", "replace", "remove"])),
  path: z.string().max(200).optional(),
  value: z.unknown().optional(),
});
export const scimPatchSchema = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(SCIM_PATCH), "Not a PatchOp"),
  Operations: z.array(patchOp).min(1).max(1000),
});
export type ScimPatch = z.output<typeof scimPatchSchema>;

export const scimGroupSchema = z.object({
  displayName: nameText(120).pipe(z.string().min(1)),
  members: z
    .array(z.object({ value: z.string().min(1).max(64) }))
    .max(10_000)
    .optional(),
});

/**
 * A User PATCH applied to the attributes we keep. Providers send either a path
 * ({op: "replace", path: "active", value: false}) or an object of attributes without one
 * (Entra ID's {op: "Replace", value: {active: false}}). Unsupported paths are an error.
 */
export function applyUserPatch(
  current: ScimUserInput,
  patch: ScimPatch,
): { ok: true; value: ScimUserInput } | { ok: false; detail: string } {
  const next: Record<string, unknown> = { ...current, name: { ...current.name } };
  const set = (path: string, value: unknown): string | null => {
    const p = path.trim();
    const key = p.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/, "");
    if (["active", "userName", "displayName", "externalId"].includes(key)) {
      next[key] = key === "active" && typeof value === "string" ? value === "true" : value;
      return null;
    }
    if (/^name\.(formatted|givenName|familyName)$/.test(key)) {
      (next.name as Record<string, unknown>)[key.slice(5)] = value;
      return null;
    }
    if (key === "name" && value && typeof value === "object") {
      next.name = { ...(next.name as object), ...value };
      return null;
    }
    if (/^emails(\[.*\])?(\.value)?$/.test(key)) {
      const v = Array.isArray(value) ? (value[0] as { value?: unknown })?.value : value;
      if (typeof v === "string") next.userName = v;
      return null;
    }
    return `The attribute “${path}” cannot be changed here`;
  };
  for (const op of patch.Operations) {
    if (op.op === "remove") {
      if (op.path === "externalId") next.externalId = undefined;
      else return { ok: false, detail: `Removing “${op.path ?? ""}” is not supported` };
      continue;
    }
    if (op.path) {
      const err = set(op.path, op.value);
      if (err) return { ok: false, detail: err };
    } else if (op.value && typeof op.value === "object" && !Array.isArray(op.value)) {
      for (const [k, v] of Object.entries(op.value)) {
        const err = set(k, v);
        if (err) return { ok: false, detail: err };
      }
    } else {
      return { ok: false, detail: "A PATCH operation needs a path or an object value" };
    }
  }
  const parsed = scimUserSchema.safeParse(next);
  if (!parsed.success) return { ok: false, detail: parsed.error.issues[0].message };
  return { ok: true, value: parsed.data };
}

/** `userName eq "x"` (the one filter providers need to look a person up), or an error. */
export function parseUserFilter(
  filter: string | null,
): { ok: true; userName: string | null } | { ok: false } {
  if (!filter) return { ok: true, userName: null };
  const m = /^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  return m ? { ok: true, userName: normaliseEmail(m[1].replace(/\\(.)/g, "$1")) } : { ok: false };
}

export function parseGroupFilter(
  filter: string | null,
): { ok: true; displayName: string | null } | { ok: false } {
  if (!filter) return { ok: true, displayName: null };
  const m = /^\s*displayName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  return m ? { ok: true, displayName: m[1].replace(/\\(.)/g, "$1") } : { ok: false };
}

/** Group member changes in a PATCH: ids added and removed, and a new name if any. */
export function groupPatchChanges(
  patch: ScimPatch,
):
  | { ok: true; add: string[]; remove: string[]; replaceAll: string[] | null; name: string | null }
  | { ok: false; detail: string } {
  const add: string[] = [];
  const remove: string[] = [];
  let replaceAll: string[] | null = null;
  let name: string | null = null;
  const ids = (v: unknown) =>
    (Array.isArray(v) ? v : [v]).flatMap((m) =>
      m && typeof m === "object" && typeof (m as { value?: unknown }).value === "string"
        ? [(m as { value: string }).value]
        : [],
    );
  for (const op of patch.Operations) {
    const path = op.path?.trim() ?? "";
    const filtered = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path);
    if (op.op === "remove" && filtered) remove.push(filtered[1]);
    else if (op.op === "remove" && path === "members") {
      if (op.value === undefined) replaceAll = [];
      else remove.push(...ids(op.value));
    } else if (op.op === "add" && path === "members") add.push(...ids(op.value));
    else if (op.op === "replace" && path === "members") replaceAll = ids(op.value);
    else if (op.op !== "remove" && path === "displayName" && typeof op.value === "string")
      name = op.value;
    else if (op.op !== "remove" && !path && op.value && typeof op.value === "object") {
      const v = op.value as { displayName?: unknown; members?: unknown };
      if (typeof v.displayName === "string") name = v.displayName;
      if (v.members !== undefined) {
        if (op.op === "add") add.push(...ids(v.members));
        else replaceAll = ids(v.members);
      }
    } else return { ok: false, detail: `The operation ${op.op} “${path}” is not supported` };
  }
  return { ok: true, add, remove, replaceAll, name };
}
