import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashToken, newToken } from "./tokens";

export type TSessionUser = { id: string; username: string; role: string };
export type TValidSession = { sessionId: string; expiresAt: Date; user: TSessionUser };

const RENEW_WHEN_LEFT_MS = 0.5;

// Sessions live in the database so that logout, a disabled user or a deleted session take
// effect at once on every panel instance; the cookie holds only the random token.
export async function createSession(
  db: PrismaClient,
  userId: string,
  ttlHours: number,
  userAgent: string | null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.session.create({
    data: { id: hashToken(token), userId, expiresAt, userAgent: userAgent?.slice(0, 200) ?? null },
  });
  return { token, expiresAt };
}

export async function validateSession(
  db: PrismaClient,
  token: string,
  ttlHours: number,
): Promise<TValidSession | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const session = await db.session.findUnique({ where: { id }, include: { user: true } });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.user.disabledAt) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  // Sliding expiry: an admin who keeps the dashboard open is not thrown out mid-incident,
  // but an idle session still dies after ttlHours.
  let expiresAt = session.expiresAt;
  const ttlMs = ttlHours * 3600_000;
  if (expiresAt.getTime() - now < ttlMs * RENEW_WHEN_LEFT_MS) {
    expiresAt = new Date(now + ttlMs);
    await db.session.update({ where: { id }, data: { expiresAt, lastSeenAt: new Date(now) } });
  }
  const { user } = session;
  return { sessionId: id, expiresAt, user: { id: user.id, username: user.username, role: user.role } };
}

export async function revokeSession(db: PrismaClient, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

export async function revokeUserSessions(db: PrismaClient, userId: string): Promise<void> {
  await db.session.deleteMany({ where: { userId } });
}

export async function purgeExpiredSessions(db: PrismaClient): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}
