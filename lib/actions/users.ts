"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { auditEvent } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/session-store";
import { ZCreateUserInput, ZUserIdInput } from "@/lib/validations/user";
import { ActionDenied, adminAction } from "./safe-action";

export const createUser = adminAction.inputSchema(ZCreateUserInput).action(async ({ parsedInput, ctx }) => {
  const { username, password, role } = parsedInput;
  if (await db.user.findUnique({ where: { username } })) throw new ActionDenied(`User ${username} exists already.`);
  const user = await db.user.create({ data: { username, role, passwordHash: await hashPassword(password) } });
  await auditEvent("user.create", ctx.user.id, { userId: user.id, username, role });
  revalidatePath("/settings");
  return { userId: user.id };
});

// Disabling (not deleting) keeps the audit trail's "who" intact; sessions end at once.
export const disableUser = adminAction.inputSchema(ZUserIdInput).action(async ({ parsedInput, ctx }) => {
  if (parsedInput.userId === ctx.user.id) throw new ActionDenied("You cannot disable your own account.");
  const user = await db.user.findUnique({ where: { id: parsedInput.userId } });
  if (!user) throw new ActionDenied("That user no longer exists.");
  await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
  await revokeUserSessions(db, user.id);
  await auditEvent("user.disable", ctx.user.id, { userId: user.id, username: user.username });
  revalidatePath("/settings");
  return { ok: true };
});
