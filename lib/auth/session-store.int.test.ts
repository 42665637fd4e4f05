import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb } from "@/lib/testing/temp-db";
import { hashToken } from "./tokens";
import { createSession, purgeExpiredSessions, revokeSession, revokeUserSessions, validateSession } from "./session-store";

const t = createTempDb();
const { db } = t;
let userId = "";

beforeAll(async () => {
  userId = (await db.user.create({ data: { username: "alice", passwordHash: "x", role: "operator" } })).id;
});
afterAll(() => t.cleanup());

describe("sessions", () => {
  it("stores only the token's hash and validates the token", async () => {
    const { token } = await createSession(db, userId, 12, "test-agent");
    const row = await db.session.findUnique({ where: { id: hashToken(token) } });
    expect(row?.userId).toBe(userId);
    expect(await db.session.findUnique({ where: { id: token } })).toBeNull();
    const valid = await validateSession(db, token, 12);
    expect(valid?.user).toEqual({ id: userId, username: "alice", role: "operator" });
  });

  it("refuses unknown, empty and oversized tokens", async () => {
    expect(await validateSession(db, "not-a-token", 12)).toBeNull();
    expect(await validateSession(db, "", 12)).toBeNull();
    expect(await validateSession(db, "x".repeat(500), 12)).toBeNull();
  });

  it("refuses and deletes an expired session", async () => {
    const { token } = await createSession(db, userId, 12, null);
    await db.session.update({ where: { id: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await validateSession(db, token, 12)).toBeNull();
    expect(await db.session.findUnique({ where: { id: hashToken(token) } })).toBeNull();
  });

  it("renews a session that is past half its lifetime", async () => {
    const { token } = await createSession(db, userId, 10, null);
    const soon = new Date(Date.now() + 3600_000);
    await db.session.update({ where: { id: hashToken(token) }, data: { expiresAt: soon } });
    const valid = await validateSession(db, token, 10);
    expect(valid!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 9 * 3600_000);
  });

  it("ends on logout and when the user is disabled", async () => {
    const a = await createSession(db, userId, 12, null);
    await revokeSession(db, a.token);
    expect(await validateSession(db, a.token, 12)).toBeNull();

    const b = await createSession(db, userId, 12, null);
    await db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await validateSession(db, b.token, 12)).toBeNull();
    await db.user.update({ where: { id: userId }, data: { disabledAt: null } });

    const c = await createSession(db, userId, 12, null);
    await revokeUserSessions(db, userId);
    expect(await validateSession(db, c.token, 12)).toBeNull();
  });

  it("purges expired rows", async () => {
    const { token } = await createSession(db, userId, 12, null);
    await db.session.update({ where: { id: hashToken(token) }, data: { expiresAt: new Date(0) } });
    expect(await purgeExpiredSessions(db)).toBe(1);
  });
});
