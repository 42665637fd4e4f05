"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { readEnv } from "@/lib/config/env";
import { auditEvent } from "@/lib/audit";
import { clearSessionCookie, clientAddress, readSessionToken, setSessionCookie } from "@/lib/auth/cookie";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from "@/lib/auth/rate-limit";
import { createSession, revokeSession } from "@/lib/auth/session-store";
import { claimSetupToken } from "@/lib/auth/bootstrap";
import { ZLoginInput, ZSetupInput } from "@/lib/validations/user";
import { ActionDenied, publicActionClient } from "./safe-action";

// Only same-site paths, so a crafted ?next= cannot send the admin elsewhere after login.
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export const login = publicActionClient.inputSchema(ZLoginInput).action(async ({ parsedInput }) => {
  const { username, password } = parsedInput;
  const client = await clientAddress();
  const waitMs = await loginBlockedFor(db, username, client);
  if (waitMs > 0) {
    throw new ActionDenied(`Too many failed logins; try again in ${Math.ceil(waitMs / 60_000)} min.`);
  }
  const user = await db.user.findUnique({ where: { username } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabledAt) {
    await recordLoginFailure(db, username, client);
    await auditEvent("login.failed", null, { username, client });
    throw new ActionDenied("Wrong user name or password.");
  }
  await clearLoginFailures(db, username);
  const env = readEnv();
  const { token, expiresAt } = await createSession(db, user.id, env.PANEL_SESSION_HOURS, null);
  await setSessionCookie(token, expiresAt);
  await auditEvent("login", user.id, { client });
  redirect(safeNext(parsedInput.next));
});

export const logout = publicActionClient.action(async () => {
  const token = await readSessionToken();
  if (token) await revokeSession(db, token);
  await clearSessionCookie();
  redirect("/login");
});

export const completeSetup = publicActionClient.inputSchema(ZSetupInput).action(async ({ parsedInput }) => {
  const { token, username, password } = parsedInput;
  const outcome = await claimSetupToken(db, token, username, password);
  if (outcome === "already-set-up") throw new ActionDenied("The panel is already set up: log in instead.");
  if (outcome === "invalid") throw new ActionDenied("This setup link is invalid, used or expired; restart the panel for a new one.");
  await auditEvent("setup.admin-created", null, { username });
  redirect("/login?setup=done");
});
