import { afterAll, describe, expect, it } from "vitest";
import { createTempDb } from "@/lib/testing/temp-db";
import {
  clearLoginFailures,
  LOGIN_WINDOW_MS,
  loginBlockedFor,
  MAX_FAILURES_PER_CLIENT,
  MAX_FAILURES_PER_USER,
  recordLoginFailure,
  userKey,
} from "./rate-limit";

const t = createTempDb();
const { db } = t;
afterAll(() => t.cleanup());

describe("login rate limit", () => {
  it("blocks a user name after too many failures, not other names", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_USER - 1; i++) await recordLoginFailure(db, "bob", "10.0.0.1");
    expect(await loginBlockedFor(db, "bob", "10.0.0.1")).toBe(0);
    await recordLoginFailure(db, "bob", "10.0.0.1");
    const wait = await loginBlockedFor(db, "bob", "10.0.0.1");
    expect(wait).toBeGreaterThan(LOGIN_WINDOW_MS - 60_000);
    expect(wait).toBeLessThanOrEqual(LOGIN_WINDOW_MS);
    expect(await loginBlockedFor(db, "carol", "10.0.0.2")).toBe(0);
  });

  it("lets the user in again once the window has passed", async () => {
    const later = new Date(Date.now() + LOGIN_WINDOW_MS + 1000);
    expect(await loginBlockedFor(db, "bob", "10.0.0.1", later)).toBe(0);
  });

  it("a success clears the user's failures", async () => {
    await clearLoginFailures(db, "bob");
    expect(await db.loginAttempt.count({ where: { key: userKey("bob") } })).toBe(0);
  });

  it("blocks a client address that tries many names", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) await recordLoginFailure(db, `user${i}`, "10.9.9.9");
    expect(await loginBlockedFor(db, "someone-new", "10.9.9.9")).toBeGreaterThan(0);
    expect(await loginBlockedFor(db, "someone-new", "10.9.9.8")).toBe(0);
  });
});
