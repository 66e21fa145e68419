import type { z } from "zod";
import { SCIM_ERROR, SCIM_LIST, SCIM_PAGE_MAX } from "~/domain/scim";
import { readJson, requireApiToken } from "./api.server";
import { getEnv } from "./env.server";

// The SCIM routes' shared parts: the `scim` token, SCIM's own error shape (RFC 7644 §3.12)
// and its media type.

const MEDIA = "application/scim+json";

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": MEDIA, ...headers },
  });
}

export function scimError(status: number, detail: string, scimType?: string): Response {
  return scimJson(
    { schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail },
    status,
  );
}

/** Token checks as for the REST API (401/403/429 with their headers), answered in SCIM's shape. */
export async function requireScimToken(request: Request) {
  try {
    return await requireApiToken(request, "scim");
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    const body = (await thrown.json()) as { title: string; detail?: string };
    const headers = Object.fromEntries(
      [...thrown.headers].filter(([k]) => k.toLowerCase() !== "content-type"),
    );
    throw scimJson(
      {
        schemas: [SCIM_ERROR],
        status: String(thrown.status),
        detail: body.detail ?? body.title,
      },
      thrown.status,
      headers,
    );
  }
}

export async function readScimBody<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  let value: unknown;
  try {
    value = await readJson(request, [MEDIA, "application/json"]);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    const body = (await thrown.json()) as { title: string; detail?: string };
    throw scimError(thrown.status, body.detail ?? body.title, "invalidSyntax");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw scimError(400, `${issue.path.join(".") || "body"}: ${issue.message}`, "invalidValue");
  }
  return parsed.data;
}

export function scimBase(): string {
  return new URL(getEnv().APP_URL).origin;
}

/** SCIM paging: startIndex is 1-based; count is capped. */
/** A page of a list as SCIM sends it (itemsPerPage: the page's size as asked of the store). */
export function scimList(
  total: number,
  paging: { startIndex: number },
  itemsPerPage: number,
  resources: unknown[],
) {
  return scimJson({
    schemas: [SCIM_LIST],
    totalResults: total,
    startIndex: paging.startIndex,
    itemsPerPage,
    Resources: resources,
  });
}

export function scimPaging(url: URL) {
  const start = Number(url.searchParams.get("startIndex") ?? "1");
  const count = Number(url.searchParams.get("count") ?? "100");
  return {
    startIndex: Number.isSafeInteger(start) && start >= 1 ? start : 1,
    count: Number.isSafeInteger(count) && count >= 0 ? Math.min(count, SCIM_PAGE_MAX) : 100,
  };
}
