import "server-only";
import { cookies, headers } from "next/headers";
import { readEnv } from "@/lib/config/env";

export const SESSION_COOKIE = "panel_session";

// Secure cookies whenever the browser reached us over TLS (directly or through a proxy
// that says so), or always/never when the admin pins it.
async function cookieSecure(): Promise<boolean> {
  const setting = readEnv().PANEL_COOKIE_SECURE;
  if (setting !== "auto") return setting === "true";
  const h = await headers();
  return (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await cookieSecure(),
    path: "/",
    expires: expiresAt,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

export async function readSessionToken(): Promise<string | null> {
  return (await cookies()).get(SESSION_COOKIE)?.value ?? null;
}

export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "local";
}
