import { createHash, randomBytes } from "node:crypto";
import {
  parseScopes,
  TOKEN_LIFETIMES,
  TOKEN_PREFIX,
  TOKEN_PREFIX_SHOWN,
  type ApiScope,
  type TokenLifetime,
} from "~/domain/api";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";

// API tokens for integrations. The secret is shown once, at creation; only its sha-256 is kept
// (it is 256 random bits, so a fast hash is enough), so a copy of the database grants nothing.

export const TOKEN_LIST_LIMIT = 200;
/** lastUsedAt is written at most this often per token, so reads do not each mean a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiToken(
  db: Db,
  actorId: string | null,
  input: { name: string; scopes: ApiScope[]; lifetime: TokenLifetime },
  now = new Date(),
) {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const days = TOKEN_LIFETIMES[input.lifetime];
  const expiresAt = days === null ? null : new Date(now.getTime() + days * 86_400_000);
  const scopes = [...new Set(input.scopes)].sort();
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, TOKEN_PREFIX_SHOWN),
        scopes: scopes.join(" "),
        expiresAt,
        createdById: actorId,
        createdAt: now,
      },
      select: { id: true, name: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "API_TOKEN_CREATED",
      subjectType: "API_TOKEN",
      subjectId: token.id,
      at: now,
      data: { name: input.name, scopes, expiresAt },
    });
    return { ...token, secret };
  });
}

/** False when the token does not exist or was revoked already. */
export async function revokeApiToken(db: Db, actorId: string, id: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      actorId,
      action: "API_TOKEN_REVOKED",
      subjectType: "API_TOKEN",
      subjectId: id,
      at: now,
    });
    return true;
  });
}

export async function listApiTokens(db: Db) {
  const rows = await db.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: TOKEN_LIST_LIMIT,
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
    },
  });
  return rows.map((r) => ({ ...r, scopes: parseScopes(r.scopes) }));
}

export function countActiveApiTokens(db: Db, now = new Date()) {
  return db.apiToken.count({
    where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
}

export type ApiCaller = { tokenId: string; name: string; scopes: ApiScope[] };

export type TokenCheck =
  { ok: true; caller: ApiCaller } | { ok: false; reason: "unknown" | "expired" | "revoked" };

/** Looks a presented secret up by its hash and notes when it was last used. */
export async function checkApiToken(db: Db, secret: string, now = new Date()): Promise<TokenCheck> {
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: {
      id: true,
      name: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  if (!token) return { ok: false, reason: "unknown" };
  if (token.revokedAt) return { ok: false, reason: "revoked" };
  if (token.expiresAt && token.expiresAt <= now) return { ok: false, reason: "expired" };
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    ok: true,
    caller: { tokenId: token.id, name: token.name, scopes: parseScopes(token.scopes) },
  };
}
