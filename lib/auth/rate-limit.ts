import type { PrismaClient } from "@/lib/generated/prisma/client";

// Failed logins are counted per user name and per client address in the database, so the
// limit holds across restarts and across several panel instances.
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export const userKey = (username: string) => `user:${username}`;
export const clientKey = (address: string) => `client:${address}`;

export async function loginBlockedFor(
  db: PrismaClient,
  username: string,
  clientAddress: string,
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [forUser, forClient] = await Promise.all([
    db.loginAttempt.findMany({ where: { key: userKey(username), at: { gte: since } }, orderBy: { at: "asc" } }),
    db.loginAttempt.findMany({ where: { key: clientKey(clientAddress), at: { gte: since } }, orderBy: { at: "asc" } }),
  ]);
  const retryAfter = (rows: { at: Date }[], max: number) => {
    if (rows.length < max) return 0;
    const oldestThatCounts = rows[rows.length - max];
    return oldestThatCounts ? oldestThatCounts.at.getTime() + LOGIN_WINDOW_MS - now.getTime() : 0;
  };
  return Math.max(0, retryAfter(forUser, MAX_FAILURES_PER_USER), retryAfter(forClient, MAX_FAILURES_PER_CLIENT));
}

export async function recordLoginFailure(db: PrismaClient, username: string, clientAddress: string): Promise<void> {
  await db.loginAttempt.createMany({ data: [{ key: userKey(username) }, { key: clientKey(clientAddress) }] });
  await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(Date.now() - 2 * LOGIN_WINDOW_MS) } } });
}

export async function clearLoginFailures(db: PrismaClient, username: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { key: userKey(username) } });
}
