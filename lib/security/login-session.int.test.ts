import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTempDb } from "@/lib/testing/temp-db";

// The login action and the session check as the browser meets them, on a migrated database:
// the limit on failed logins with its message, the way back in after the window, and an
// expired session refused by an action. lib/auth's own tests cover the stores underneath.

const state = vi.hoisted(() => ({
  db: null as unknown as PrismaClient,
  jar: new Map<string, { value: string; options: Record<string, unknown> }>(),
  client: "203.0.113.7",
  redirects: [] as string[],
}));
vi.mock("@/lib/db", () => ({
  db: new Proxy(
    {},
    {
      get: (_t, p) => {
        const v = Reflect.get(state.db, p) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(state.db) : v;
      },
    },
  ),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (state.jar.has(name) ? { name, value: state.jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => void state.jar.set(name, { value, options }),
    delete: (name: string) => void state.jar.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": state.client }),
}));
vi.mock("next/navigation", () => ({ redirect: (to: string) => void state.redirects.push(to) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { login } = await import("@/lib/actions/auth");
const { acknowledgeAlert } = await import("@/lib/actions/alerts");
const { getCurrentUser } = await import("@/lib/auth/current-user");
const { hashPassword } = await import("@/lib/auth/password");
const { LOGIN_WINDOW_MS, MAX_FAILURES_PER_USER } = await import("@/lib/auth/rate-limit");
const { createSession } = await import("@/lib/auth/session-store");
const { hashToken } = await import("@/lib/auth/tokens");

const PASSWORD = "the-right-password-1";
const NO_ALERT = "c".repeat(25);
let tmp: ReturnType<typeof createTempDb>;
let userId = "";

beforeAll(async () => {
  tmp = createTempDb();
  state.db = tmp.db;
  userId = (await tmp.db.user.create({ data: { username: "olga", passwordHash: await hashPassword(PASSWORD), role: "operator" } })).id;
});
afterAll(() => tmp?.cleanup());
beforeEach(() => {
  state.jar.clear();
  state.redirects = [];
  state.client = "203.0.113.7";
});

describe("login rate limit through the login action", () => {
  it(`refuses the attempt after ${MAX_FAILURES_PER_USER} failures, even with the right password, and lets the user in after the window`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) {
      expect((await login({ username: "olga", password: `wrong-${i}` })).serverError).toBe("Wrong user name or password.");
    }
    const blocked = await login({ username: "olga", password: PASSWORD });
    expect(blocked.serverError).toBe(`Too many failed logins; try again in ${LOGIN_WINDOW_MS / 60_000} min.`);
    expect(state.jar.size).toBe(0);
    expect(state.redirects).toEqual([]);
    // Per user name: a different address does not get around it.
    state.client = "198.51.100.9";
    expect((await login({ username: "olga", password: PASSWORD })).serverError).toMatch(/^Too many failed logins/);
    expect(await tmp.db.auditEvent.count({ where: { action: "login.failed" } })).toBe(MAX_FAILURES_PER_USER);

    // The window passes.
    await tmp.db.loginAttempt.updateMany({ data: { at: new Date(Date.now() - LOGIN_WINDOW_MS - 1000) } });
    const ok = await login({ username: "OLGA ", password: PASSWORD, next: "//evil.example" });
    expect(ok.serverError).toBeUndefined();
    expect(state.redirects).toEqual(["/"]);
    const cookie = state.jar.get("panel_session");
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false, path: "/" });
    expect(await tmp.db.loginAttempt.count({ where: { key: "user:olga" } })).toBe(0);
  });
});

describe("session expiry", () => {
  it("accepts a live session and refuses an expired one in an action, deleting it", async () => {
    const { token } = await createSession(tmp.db, userId, 12, null);
    state.jar.set("panel_session", { value: token, options: {} });
    expect(await getCurrentUser()).toEqual({ id: userId, username: "olga", role: "operator" });
    // Past the role check: the alert does not exist.
    expect((await acknowledgeAlert({ alertId: NO_ALERT })).serverError).toBe("That alert no longer exists.");

    await tmp.db.session.update({ where: { id: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getCurrentUser()).toBeNull();
    expect((await acknowledgeAlert({ alertId: NO_ALERT })).serverError).toBe("authentication required: log in again");
    expect(await tmp.db.session.count({ where: { id: hashToken(token) } })).toBe(0);
  });

  it("refuses a session token the database never issued", async () => {
    state.jar.set("panel_session", { value: "A".repeat(43), options: {} });
    expect((await acknowledgeAlert({ alertId: NO_ALERT })).serverError).toBe("authentication required: log in again");
  });
});
