import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "./password";
import { hashToken, newToken } from "./tokens";

export type TBootstrapResult =
  | { kind: "has-users" }
  | { kind: "admin-created"; username: string }
  | { kind: "setup-link"; token: string; expiresAt: Date };

const SETUP_TOKEN_HOURS = 24;

// First start: the admin comes from PANEL_ADMIN_PASSWORD, or a one-time setup link is
// printed on the console (only someone with the console or the logs can claim the panel).
export async function bootstrapAdmin(
  db: PrismaClient,
  opts: { username: string; password?: string },
): Promise<TBootstrapResult> {
  if ((await db.user.count()) > 0) return { kind: "has-users" };
  if (opts.password) {
    await db.user.create({
      data: { username: opts.username, passwordHash: await hashPassword(opts.password), role: "admin" },
    });
    return { kind: "admin-created", username: opts.username };
  }
  // Only the newest link works: a link printed by an earlier start may sit in old logs.
  await db.setupToken.deleteMany({});
  const token = newToken();
  const expiresAt = new Date(Date.now() + SETUP_TOKEN_HOURS * 3600_000);
  await db.setupToken.create({ data: { id: hashToken(token), expiresAt } });
  return { kind: "setup-link", token, expiresAt };
}

// Claims a setup token and creates the first admin in one transaction, so a token can be
// used once and only while there are no users.
export async function claimSetupToken(
  db: PrismaClient,
  token: string,
  username: string,
  password: string,
): Promise<"ok" | "invalid" | "already-set-up"> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return "already-set-up";
    const row = await tx.setupToken.findUnique({ where: { id: hashToken(token) } });
    if (!row || row.usedAt || row.expiresAt.getTime() < Date.now()) return "invalid";
    await tx.setupToken.update({ where: { id: row.id }, data: { usedAt: new Date() } });
    await tx.user.create({ data: { username, passwordHash, role: "admin" } });
    return "ok";
  });
}
