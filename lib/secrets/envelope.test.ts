import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptWithKey, encryptWithKey } from "./envelope";

const key = randomBytes(32);

describe("AES-256-GCM envelope", () => {
  it("round-trips text, including unicode and an empty string", () => {
    for (const secret of ["-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n", "pässwörd 🔑", ""]) {
      expect(decryptWithKey(encryptWithKey(secret, key), key)).toBe(secret);
    }
  });

  it("writes v1:<iv>:<tag>:<ciphertext> with a fresh IV each time", () => {
    const a = encryptWithKey("same", key);
    const b = encryptWithKey("same", key);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]*=*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("same");
  });

  it("says the key does not match when decrypting with another key", () => {
    const envelope = encryptWithKey("secret", key);
    expect(() => decryptWithKey(envelope, randomBytes(32))).toThrow(/does not match the one these secrets were written with/);
    try {
      decryptWithKey(envelope, randomBytes(32));
    } catch (err) {
      expect((err as { report: { code: string } }).report.code).toBe("SECRET_KEY_MISMATCH");
    }
  });

  it("detects tampering with the ciphertext", () => {
    const [v, iv, tag, data] = encryptWithKey("secret value", key).split(":");
    const flipped = Buffer.from(data ?? "", "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptWithKey([v, iv, tag, flipped.toString("base64")].join(":"), key)).toThrow(/does not match/);
  });

  it("binds the context: a ciphertext moved to another row does not decrypt", () => {
    const envelope = encryptWithKey("secret", key, "credential:a");
    expect(decryptWithKey(envelope, key, "credential:a")).toBe("secret");
    expect(() => decryptWithKey(envelope, key, "credential:b")).toThrow(/does not match/);
  });

  it.each([
    ["plaintext", "unknown secret format"],
    ["v2:a:b:c", 'unknown secret format "v2"'],
    ["v1:abc", "not a valid v1 envelope"],
    ["v1:!!!:b:c", "not a valid v1 envelope"],
    ["v1:AAAA:AAAA:AAAA", "not a valid v1 envelope"],
  ])("refuses the malformed envelope %s", (envelope, message) => {
    expect(() => decryptWithKey(envelope, key)).toThrow(message);
  });

  it("never puts the secret in an error message", () => {
    const envelope = encryptWithKey("hunter2", key);
    try {
      decryptWithKey(envelope, randomBytes(32));
    } catch (err) {
      expect(JSON.stringify({ message: (err as Error).message, report: (err as { report: unknown }).report })).not.toContain("hunter2");
    }
  });
});
