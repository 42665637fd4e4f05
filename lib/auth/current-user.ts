import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { readEnv } from "@/lib/config/env";
import { readSessionToken } from "./cookie";
import { hasRole, type TRole } from "./roles";
import { validateSession, type TSessionUser } from "./session-store";

// Once per request, however many components ask.
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => {
  const token = await readSessionToken();
  if (!token) return null;
  const session = await validateSession(db, token, readEnv().PANEL_SESSION_HOURS);
  return session?.user ?? null;
});

// For pages: no session → the login page; a session without the role → a plain refusal page.
export async function requirePageUser(role: TRole = "viewer"): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, role)) redirect("/forbidden");
  return user;
}
