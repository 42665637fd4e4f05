import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// Panel-level events (logins, user and inventory changes). Commands run on hosts are
// recorded by the SSH engine's audit hook with their argv, exit code and output.
export async function auditEvent(
  action: string,
  userId: string | null,
  detail: Prisma.InputJsonValue = {},
): Promise<void> {
  await db.auditEvent.create({ data: { action, userId, detail } });
}
