import { z } from "zod";
import {
  accountBatchSchema,
  accountOut,
  accountPage,
  accountSchema,
  aggregatesOut,
  contactBatchSchema,
  contactSchema,
  MAX_BATCH,
  problemOut,
  upsertResult,
  type ApiScope,
} from "./api";

// The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. The
// converter knows the zod types app/domain uses; an unknown one throws, so a new kind of field
// fails the unit test rather than being documented wrongly.

export type JsonSchema = { [key: string]: unknown };

export function toJsonSchema(schema: z.ZodTypeAny): JsonSchema {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind; description?: string };
  const out = convert(schema);
  return def.description ? { ...out, description: def.description } : out;
}

function convert(schema: z.ZodTypeAny): JsonSchema {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>;
    const required = Object.entries(shape)
      .filter(([, s]) => !s.isOptional())
      .map(([k]) => k);
    return {
      type: "object",
      properties: Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, toJsonSchema(s)])),
      ...(required.length ? { required } : {}),
    };
  }
  if (schema instanceof z.ZodString) {
    const out: JsonSchema = { type: "string" };
    for (const c of schema._def.checks) {
      if (c.kind === "min") out.minLength = c.value;
      else if (c.kind === "max") out.maxLength = c.value;
      else if (c.kind === "regex") out.pattern = c.regex.source;
      else if (c.kind === "email") out.format = "email";
    }
    return out;
  }
  if (schema instanceof z.ZodNumber) {
    const out: JsonSchema = { type: schema.isInt ? "integer" : "number" };
    for (const c of schema._def.checks) {
      if (c.kind === "min") out.minimum = c.value;
      else if (c.kind === "max") out.maximum = c.value;
    }
    return out;
  }
  if (schema instanceof z.ZodBoolean) return { type: "boolean" };
  if (schema instanceof z.ZodEnum) return { type: "string", enum: [...schema.options] };
  if (schema instanceof z.ZodLiteral) return { const: schema.value };
  if (schema instanceof z.ZodArray) {
    const out: JsonSchema = { type: "array", items: toJsonSchema(schema.element) };
    if (schema._def.minLength) out.minItems = schema._def.minLength.value;
    if (schema._def.maxLength) out.maxItems = schema._def.maxLength.value;
    return out;
  }
  if (schema instanceof z.ZodOptional) return toJsonSchema(schema.unwrap());
  if (schema instanceof z.ZodDefault) {
    return { ...toJsonSchema(schema._def.innerType), default: schema._def.defaultValue() };
  }
  if (schema instanceof z.ZodNullable) {
    const inner = toJsonSchema(schema.unwrap());
    return typeof inner.type === "string" ? { ...inner, type: [inner.type, "null"] } : inner;
  }
  // preprocess / refine / transform: document what the client sends, i.e. the inner schema.
  if (schema instanceof z.ZodEffects) return toJsonSchema(schema.innerType());
  if (schema instanceof z.ZodPipeline) return toJsonSchema(schema._def.out);
  throw new Error(`toJsonSchema: unsupported zod type ${schema.constructor.name}`);
}

type Operation = {
  method: "get" | "put" | "post";
  path: string;
  operationId: string;
  summary: string;
  scope: ApiScope;
  params?: { name: string; in: "path" | "query"; schema: JsonSchema; required: boolean }[];
  body?: z.ZodTypeAny;
  responses: Record<string, { description: string; schema: z.ZodTypeAny }>;
};

const crmIdParam = {
  name: "crmId",
  in: "path" as const,
  required: true,
  schema: { type: "string", minLength: 1, maxLength: 64 },
};

const problems = {
  "400": { description: "The request is not valid; errors name each field", schema: problemOut },
  "401": { description: "Unknown, expired or revoked token", schema: problemOut },
  "403": { description: "The token lacks the scope this operation needs", schema: problemOut },
  "429": { description: "Too many requests; see Retry-After", schema: problemOut },
};

export const API_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/accounts",
    operationId: "listAccounts",
    summary: "Accounts, ordered by CRM id, a page at a time",
    scope: "accounts:read",
    params: [
      { name: "cursor", in: "query", required: false, schema: { type: "string", maxLength: 64 } },
      {
        name: "limit",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
      },
    ],
    responses: { "200": { description: "One page of accounts", schema: accountPage }, ...problems },
  },
  {
    method: "get",
    path: "/api/v1/accounts/{crmId}",
    operationId: "getAccount",
    summary: "One account by CRM id",
    scope: "accounts:read",
    params: [crmIdParam],
    responses: {
      "200": { description: "The account", schema: accountOut },
      "404": { description: "No account has this CRM id", schema: problemOut },
      ...problems,
    },
  },
  {
    method: "put",
    path: "/api/v1/accounts/{crmId}",
    operationId: "upsertAccount",
    summary: "Create or update one account by CRM id",
    scope: "accounts:write",
    params: [crmIdParam],
    body: accountSchema,
    responses: { "200": { description: "Saved", schema: upsertResult }, ...problems },
  },
  {
    method: "post",
    path: "/api/v1/accounts/batch",
    operationId: "upsertAccounts",
    summary: `Create or update up to ${MAX_BATCH} accounts; one bad row and nothing is written`,
    scope: "accounts:write",
    body: accountBatchSchema,
    responses: { "200": { description: "Saved", schema: upsertResult }, ...problems },
  },
  {
    method: "put",
    path: "/api/v1/contacts/{crmId}",
    operationId: "upsertContact",
    summary: "Create or update one contact by CRM id",
    scope: "contacts:write",
    params: [crmIdParam],
    body: contactSchema,
    responses: { "200": { description: "Saved", schema: upsertResult }, ...problems },
  },
  {
    method: "post",
    path: "/api/v1/contacts/batch",
    operationId: "upsertContacts",
    summary: `Create or update up to ${MAX_BATCH} contacts; one bad row and nothing is written`,
    scope: "contacts:write",
    body: contactBatchSchema,
    responses: { "200": { description: "Saved", schema: upsertResult }, ...problems },
  },
  {
    method: "get",
    path: "/api/v1/accounts/{crmId}/aggregates",
    operationId: "getAccountAggregates",
    summary: "Incident figures for one account (counts only: never names or narratives)",
    scope: "aggregates:read",
    params: [crmIdParam],
    responses: {
      "200": { description: "The figures", schema: aggregatesOut },
      "404": { description: "No account has this CRM id", schema: problemOut },
      ...problems,
    },
  },
];

export function openApiDocument(serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      security: [{ bearer: [op.scope] }],
      "x-required-scope": op.scope,
      ...(op.params ? { parameters: op.params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toJsonSchema(op.body) } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            content: {
              [status.startsWith("2") ? "application/json" : "application/problem+json"]: {
                schema: toJsonSchema(r.schema),
              },
            },
          },
        ]),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Incident portal API",
      version: "1",
      description:
        "Keeps customer accounts and contacts current from a CRM and reads incident figures per " +
        "account. Authenticate with an API token (Admin → Integrations) as a bearer token.",
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
