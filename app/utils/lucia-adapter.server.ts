import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Db } from "./db.server";

// Lucia's storage interface over our Prisma client. Written here because the published
// Prisma adapter pins Prisma ≤ 5; it is seven small queries.

type SessionRow = {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  lastSeenAt: Date;
};

function toDatabaseSession(row: SessionRow): DatabaseSession {
  return {
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: { createdAt: row.createdAt, lastSeenAt: row.lastSeenAt },
  };
}

export function prismaLuciaAdapter(db: Db): Adapter {
  return {
    async getSessionAndUser(sessionId): Promise<[DatabaseSession | null, DatabaseUser | null]> {
      const row = await db.session.findUnique({
        where: { id: sessionId },
        include: { user: { select: { id: true, active: true } } },
      });
      if (!row) return [null, null];
      return [toDatabaseSession(row), { id: row.user.id, attributes: { active: row.user.active } }];
    },
    async getUserSessions(userId) {
      const rows = await db.session.findMany({ where: { userId } });
      return rows.map(toDatabaseSession);
    },
    async setSession(session) {
      const attrs = session.attributes as Partial<SessionRow>;
      await db.session.create({
        data: {
          id: session.id,
          userId: session.userId,
          expiresAt: session.expiresAt,
          createdAt: attrs.createdAt ?? new Date(),
          lastSeenAt: attrs.lastSeenAt ?? new Date(),
        },
      });
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
    },
    async deleteSession(sessionId) {
      await db.session.deleteMany({ where: { id: sessionId } });
    },
    async deleteUserSessions(userId) {
      await db.session.deleteMany({ where: { userId } });
    },
    async deleteExpiredSessions() {
      await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    },
  };
}
