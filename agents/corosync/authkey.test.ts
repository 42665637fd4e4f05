import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AUTHKEY_BYTES, authkeySha256, authkeyStep, generateAuthkey, isValidAuthkey } from "./authkey";

describe("authkey", () => {
  it("generates 256 random bytes as base64, different each time", () => {
    const a = generateAuthkey();
    expect(Buffer.from(a, "base64")).toHaveLength(AUTHKEY_BYTES);
    expect(isValidAuthkey(a)).toBe(true);
    expect(generateAuthkey()).not.toBe(a);
  });

  it("hashes the decoded key, as sha256sum on the host does", () => {
    const bytes = Buffer.alloc(256, 0xab);
    expect(authkeySha256(bytes.toString("base64"))).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("accepts only 256 bytes of base64", () => {
    expect(isValidAuthkey(Buffer.alloc(255).toString("base64"))).toBe(false);
    expect(isValidAuthkey("not base64!")).toBe(false);
  });

  it("marks a replacing write destructive, and every key write sensitive with the key only on stdin", () => {
    const key = Buffer.alloc(256, 1).toString("base64");
    const step = authkeyStep("lab2", key, true);
    expect(step).toMatchObject({ id: "corosync-authkey-lab2", host: "lab2", destructive: true, sensitive: true });
    expect(step.title).toBe("Replace the corosync authkey on lab2 (mode 0400)");
    expect(JSON.stringify({ ...step, action: { ...step.action, stdin: null } })).not.toContain(key);
  });
});
