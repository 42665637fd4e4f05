import { afterEach, describe, expect, it } from "vitest";
import { createTempDb } from "@/lib/testing/temp-db";
import { bootstrapAdmin, claimSetupToken } from "./bootstrap";
import { verifyPassword } from "./password";

let current: ReturnType<typeof createTempDb> | null = null;
function freshDb() {
  current = createTempDb();
  return current.db;
}
afterEach(async () => {
  await current?.cleanup();
  current = null;
});

describe("first start", () => {
  it("creates the admin from the env password, once", async () => {
    const db = freshDb();
    expect(await bootstrapAdmin(db, { username: "admin", password: "correct horse battery" })).toEqual({
      kind: "admin-created",
      username: "admin",
    });
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    expect(admin.role).toBe("admin");
    expect(await verifyPassword(admin.passwordHash, "correct horse battery")).toBe(true);
    expect(admin.passwordHash).not.toContain("correct horse");
    expect(await bootstrapAdmin(db, { username: "admin", password: "another password!" })).toEqual({ kind: "has-users" });
  });

  it("issues a setup link that works exactly once", async () => {
    const db = freshDb();
    const result = await bootstrapAdmin(db, { username: "admin" });
    if (result.kind !== "setup-link") throw new Error(`expected a setup link, got ${result.kind}`);
    expect(await claimSetupToken(db, "wrong-token-wrong-token", "root", "long enough password")).toBe("invalid");
    expect(await claimSetupToken(db, result.token, "root", "long enough password")).toBe("ok");
    expect(await claimSetupToken(db, result.token, "eve", "long enough password")).toBe("already-set-up");
    expect(await db.user.count()).toBe(1);
  });

  it("refuses an expired setup token", async () => {
    const db = freshDb();
    const result = await bootstrapAdmin(db, { username: "admin" });
    if (result.kind !== "setup-link") throw new Error("expected a setup link");
    await db.setupToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await claimSetupToken(db, result.token, "root", "long enough password")).toBe("invalid");
    expect(await db.user.count()).toBe(0);
  });
});
